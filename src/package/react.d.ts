// Generated from src/contract.json by tools/contract.mjs (make contract): do not edit.
// <related-stories> in React 19's JSX. React 19 passes a custom element's props as
// properties when the element has them (it has one per attribute) and as
// attributes otherwise, and adds a listener for a function prop named "on" and
// the event's name (onrelated-stories:select). Bring these types in with
//   import type { RelatedStoriesElement } from 'related-stories/react';
// (a type-only import: this subpath has no JavaScript).

import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { RelatedStoriesAttributes, RelatedStoriesElement, RelatedStoriesElementEventMap } from './related-stories.js';

export type * from './related-stories.js';

/** Listeners React 19 adds itself: onrelated-stories:select={(event) => ...}. */
export type RelatedStoriesReactEvents = {
  [K in keyof RelatedStoriesElementEventMap as `on${K}`]?: (event: RelatedStoriesElementEventMap[K]) => void;
};

/** What <related-stories> takes in JSX: HTML's global props, the element's attributes, its events and ref. */
export type RelatedStoriesProps = Omit<DetailedHTMLProps<HTMLAttributes<RelatedStoriesElement>, RelatedStoriesElement>, keyof RelatedStoriesAttributes>
  & RelatedStoriesAttributes
  & RelatedStoriesReactEvents;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'related-stories': RelatedStoriesProps;
    }
  }
}
