// What the element's types refuse in an Angular component. Templates are not
// checked here (CUSTOM_ELEMENTS_SCHEMA lets any attribute through, and only
// Angular's own compiler reads templates): the component's code is.
import { ElementRef } from '@angular/core';
import type { RelatedStoriesElement } from 'related-stories';

export function wire(widget: ElementRef<RelatedStoriesElement>) {
  const element = widget.nativeElement;
  element.addEventListener('related-stories:select', (event) => {
    // @ts-expect-error: Property 'headline' does not exist on type 'RelatedStoriesSelectDetail'
    console.log(event.detail.headline);
    // @ts-expect-error: Type 'number' is not assignable to type 'string'
    const url: string = event.detail.position;
    return url;
  });
  element.addEventListener('related-stories:load', (event) => console.log(event.detail.count));
  // @ts-expect-error: '"grid"' is not assignable
  element.layout = 'grid';
  element.limit = '3';
  element.refresh();
}
