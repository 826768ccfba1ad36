// Generated from src/contract.json by tools/contract.mjs (make contract): do not edit.
// <related-stories> in Svelte 5 markup, checked by svelte-check: an entry in
// svelte/elements' SvelteHTMLElements with the attributes and, as Svelte 5's
// event attributes, onrelated-stories:select={(event) => ...} and the others. Svelte sets
// a defined custom element's props as properties, attributes otherwise. Bring
// these types in with
//   import type { RelatedStoriesElement } from 'related-stories/svelte';
// (a type-only import: this subpath has no JavaScript).

import type { HTMLAttributes } from 'svelte/elements';
import type { RelatedStoriesAttributes, RelatedStoriesElement, RelatedStoriesElementEventMap } from './related-stories.js';

export type * from './related-stories.js';

/** Svelte 5 event attributes: on + the event's name. */
export type RelatedStoriesSvelteEvents = {
  [K in keyof RelatedStoriesElementEventMap as `on${K}`]?: (event: RelatedStoriesElementEventMap[K] & { currentTarget: RelatedStoriesElement }) => void;
};

/** What <related-stories> takes in Svelte markup. */
export type RelatedStoriesSvelteAttributes = Omit<HTMLAttributes<RelatedStoriesElement>, keyof RelatedStoriesAttributes>
  & RelatedStoriesAttributes
  & RelatedStoriesSvelteEvents;

declare module 'svelte/elements' {
  export interface SvelteHTMLElements {
    'related-stories': RelatedStoriesSvelteAttributes;
  }
}
