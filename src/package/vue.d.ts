// Generated from src/contract.json by tools/contract.mjs (make contract): do not edit.
// <related-stories> in Vue 3 templates, checked by vue-tsc (Volar), the way Vue's guide
// types custom elements: an entry in GlobalComponents whose $props are the
// attributes and whose $emit are the events, so @related-stories:select's
// handler receives a typed CustomEvent. Tell Vue's compiler it is a custom
// element (compilerOptions.isCustomElement), and bring these types in with
//   import type { RelatedStoriesElement } from 'related-stories/vue';
// (a type-only import: this subpath has no JavaScript).

import type { AllowedComponentProps, EmitFn, HTMLAttributes, VNodeProps } from 'vue';
import type { RelatedStoriesAttributes, RelatedStoriesElement, RelatedStoriesElementEventMap } from './related-stories.js';

export type * from './related-stories.js';

/** The element's events as Vue's emit options. */
export type RelatedStoriesVueEmits = { [K in keyof RelatedStoriesElementEventMap]: (event: RelatedStoriesElementEventMap[K]) => void };

/** <related-stories> as vue-tsc sees it: a ref to it is the element itself. */
export type RelatedStoriesVueElement = new () => RelatedStoriesElement & {
  /** @deprecated For template type checking only: not a property of the element. */
  $props: Omit<HTMLAttributes, keyof RelatedStoriesAttributes> & RelatedStoriesAttributes & VNodeProps & AllowedComponentProps;
  /** @deprecated For template type checking only: not a method of the element. */
  $emit: EmitFn<RelatedStoriesVueEmits>;
};

declare module 'vue' {
  interface GlobalComponents {
    'related-stories': RelatedStoriesVueElement;
  }
}
