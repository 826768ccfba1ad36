// What the React typings refuse. Each @ts-expect-error must meet an error,
// and types.test.mjs checks it is the one named after the colon.
import type { RelatedStoriesElement, RelatedStoriesSelectDetail } from 'related-stories/react';

export const accepted = (
  <related-stories feed="/feed.json" layout="cards" limit="3" chips theme="dark" lock-label="PLUS" className="aside"
    onrelated-stories:select={(event) => console.log(event.detail.title, event.detail.sections.join())} />
);

export const refused = [
  // @ts-expect-error: Property 'feed' is missing
  <related-stories sections="Politics" />,
  // @ts-expect-error: '"grid"' is not assignable
  <related-stories feed="/feed.json" layout="grid" />,
  // @ts-expect-error: '"many"' is not assignable
  <related-stories feed="/feed.json" limit="many" />,
  // @ts-expect-error: Property 'colour' does not exist
  <related-stories feed="/feed.json" colour="red" />,
  // @ts-expect-error: Type 'string' is not assignable to type 'boolean
  <related-stories feed="/feed.json" chips="yes" />,
  <related-stories feed="/feed.json"
    // @ts-expect-error: Property 'headline' does not exist on type 'RelatedStoriesSelectDetail'
    onrelated-stories:select={(event) => event.detail.headline} />,
];

export function listen(widget: RelatedStoriesElement, detail: RelatedStoriesSelectDetail) {
  widget.addEventListener('related-stories:select', (event) => {
    // @ts-expect-error: Type 'string' is not assignable to type 'number'
    const position: number = event.detail.title;
    return position;
  });
  // @ts-expect-error: Property 'detail' does not exist on type 'Event'
  widget.addEventListener('related-stories:click', (event) => event.detail);
  // @ts-expect-error: '"grid"' is not assignable
  widget.layout = 'grid';
  // @ts-expect-error: Property 'reload' does not exist
  widget.reload();
  return detail.url;
}
