import { Component, CUSTOM_ELEMENTS_SCHEMA, ElementRef, afterNextRender, input, output, signal, viewChild } from '@angular/core';
import type { RelatedStoriesElement, RelatedStoriesSelectDetail } from 'related-stories';

type SelectEvent = CustomEvent<RelatedStoriesSelectDetail>;

@Component({
  selector: 'app-related-stories',
  // <related-stories> is not an Angular component: let templates use it.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  // [attr.sections] sets the attribute, which works before the element is defined too.
  template: `
    <related-stories #widget feed="https://news.example/en/feed.json" [attr.sections]="sections()" limit="3" lock-label="PLUS">
      <a href="https://news.example/en/">More stories</a>
    </related-stories>`,
})
export class RelatedStoriesComponent {
  readonly sections = input.required<string>();
  readonly selected = output<SelectEvent>();
  private readonly widget = viewChild.required<ElementRef<RelatedStoriesElement>>('widget');

  constructor() {
    // Angular reads (a:b) as event b on target a: listen on the element itself.
    afterNextRender(() => {
      this.widget().nativeElement.addEventListener('related-stories:select', (event) => this.selected.emit(event));
    });
  }
}

@Component({
  selector: 'app-article',
  imports: [RelatedStoriesComponent],
  template: `
    <button (click)="sections.set('Economy')">Economy stories</button>
    <button (click)="shown.set(!shown())">{{ shown() ? 'Hide' : 'Show' }} related stories</button>
    @if (shown()) {
      <app-related-stories [sections]="sections()" (selected)="onSelect($event)" />
    }
    <p role="status">{{ offer() }}</p>`,
})
export class ArticleComponent {
  readonly sections = signal('Politics, Security');
  readonly shown = signal(true);
  readonly offer = signal('');

  onSelect(event: SelectEvent) {
    const { locked, title } = event.detail;
    if (locked) {
      event.preventDefault(); // stay on the page: offer a subscription instead
      this.offer.set(`Subscribe to read “${title}”`);
    }
  }
}
