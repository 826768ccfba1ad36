// Generated from src/contract.json by tools/contract.mjs (make contract): do not edit.
// Types for <related-stories>. Attributes are also properties (lock-label as
// lockLabel); each is the attribute's string, or null when absent.

/** the stories are shown (again after an attribute change); `count` 0 means the widget hid itself */
export interface RelatedStoriesLoadDetail {
  /** Stories shown; 0 means the widget hid itself. */
  count: number;
}

/** the feed could not be used (network, HTTP status, not a feed, bad `feed` attribute) */
export interface RelatedStoriesErrorDetail {
  /** What went wrong, in a sentence (also logged once with console.warn). */
  reason: string;
}

/** a reader activates a story link. Cancelable: `preventDefault()` keeps the reader on the page (say, to open your subscription dialog for a locked story). Ctrl/Cmd/Shift/Alt and middle clicks are reported but not cancelable: the reader asked for a new tab. */
export interface RelatedStoriesSelectDetail {
  /** The story's link as the feed gives it (without `utm`), to join with `impression` and your own records. */
  url: string;
  /** The item's feed id. */
  id: string;
  /** The headline. */
  title: string;
  /** 1-based position in the list. */
  position: number;
  /** Subscriber-only. */
  locked: boolean;
  /** The story's section labels. */
  sections: string[];
}

/** the list was seen: at least half its area in the viewport for one continuous second while the page is visible (the IAB/MRC rule for a viewable impression; a list more than twice the viewport's area counts once it covers half the viewport). Once per shown list; again when a change (`sections`, a chip, `refresh()`) shows other stories or another order. */
export interface RelatedStoriesImpressionDetail {
  /** Stories in the list. */
  count: number;
  /** Each story shown, in order, as `select` would report it: `position` is 1-based. */
  items: Array<{ url: string; id: string; position: number; locked: boolean }>;
}

/** Related stories for a news article, from a JSON Feed, in a shadow root. */
export declare class RelatedStoriesElement extends HTMLElement {
  /** URL of a JSON Feed 1.0/1.1, relative to the page. Default: (required). */
  feed: string | null;
  /** Comma-separated section names, case-insensitive. Stories sharing more of them rank first. Present but empty: no filter. Default: the current article's own tags in the feed. */
  sections: string | null;
  /** Order within the section filter: `related` puts the stories whose words are closest to the current article's first (title, summary and the start of the text; from the article's own feed item, else the page's `og:title` or `<title>` and meta description), newer first among near ties; `newest` orders by date alone. Default: `related`. */
  rank: 'related' | 'newest' | null;
  /** The current article; it is never listed. Default: `<link rel="canonical">`, else the page URL without `#fragment`. */
  article: string | null;
  /** How many stories, 1 to 50. Default: `5`. */
  limit: string | null;
  /** Subscriber-only stories: `show` in rank order, `hide`, or `last` (after the free ones). Default: `show`. */
  locked: 'show' | 'hide' | 'last' | null;
  /** Items without a title (JSON Feed allows them; microblogs write none): `headline` shows each with a headline made from the first sentence of its summary or text, `skip` leaves them out. Default: `headline`. */
  untitled: 'headline' | 'skip' | null;
  /** Heading text; `heading=""` hides it (the list keeps an accessible name). Default: "Related stories" (localized). */
  heading: string | null;
  /** Text of the lock badge. Default: the feed's first `_om.tiers[].label`, else "Subscribers only". */
  lockLabel: string | null;
  /** `auto` follows the reader's system (light or dark), `light`, `dark`. On a page that is always light, set `theme="light"`. Default: `auto`. */
  theme: 'auto' | 'light' | 'dark' | null;
  /** `list`, `compact` (headlines only, one line each) or `cards` (a grid with thumbnails from each item's `image`). Layouts follow the element's own width, not the viewport's. Default: `list`. */
  layout: 'list' | 'compact' | 'cards' | null;
  /** Boolean: show "All" plus the sections among the stories, as buttons readers filter with (no refetch). Default: off. */
  chips: boolean;
  /** Where story links open, e.g. `_blank` (adds `rel="noopener"` and an "opens in a new tab" hint for screen readers). Default: same tab. */
  target: string | null;
  /** A query string merged into every story link, e.g. `utm_source=partner&utm_medium=widget`; a parameter the link already has keeps its value. Default: none. */
  utm: string | null;
  /** When to start. `lazy`: once the page has loaded, in idle time, fetch the WebAssembly and the feed at low priority, and render when the widget is within about a screen of the viewport; `near`: fetch nothing (not even the WebAssembly) until then; `eager`: start at once. See [which to choose](#which-loading-to-choose). Default: `lazy`. */
  loading: 'lazy' | 'near' | 'eager' | null;
  /** Fetches the feed again, bypassing the copy the page's widgets share, and re-renders. */
  refresh(): void;
}

/** The attributes as markup and framework templates write them (lock-label, not
 * lockLabel), with the values each takes: what the framework typings
 * (related-stories/react, related-stories/vue, related-stories/svelte) allow on <related-stories>. */
export interface RelatedStoriesAttributes {
  /** URL of a JSON Feed 1.0/1.1, relative to the page. Default: (required). */
  feed: string;
  /** Comma-separated section names, case-insensitive. Stories sharing more of them rank first. Present but empty: no filter. Default: the current article's own tags in the feed. */
  sections?: string;
  /** Order within the section filter: `related` puts the stories whose words are closest to the current article's first (title, summary and the start of the text; from the article's own feed item, else the page's `og:title` or `<title>` and meta description), newer first among near ties; `newest` orders by date alone. Default: `related`. */
  rank?: 'related' | 'newest';
  /** The current article; it is never listed. Default: `<link rel="canonical">`, else the page URL without `#fragment`. */
  article?: string;
  /** How many stories, 1 to 50. Default: `5`. */
  limit?: number | `${number}`;
  /** Subscriber-only stories: `show` in rank order, `hide`, or `last` (after the free ones). Default: `show`. */
  locked?: 'show' | 'hide' | 'last';
  /** Items without a title (JSON Feed allows them; microblogs write none): `headline` shows each with a headline made from the first sentence of its summary or text, `skip` leaves them out. Default: `headline`. */
  untitled?: 'headline' | 'skip';
  /** Heading text; `heading=""` hides it (the list keeps an accessible name). Default: "Related stories" (localized). */
  heading?: string;
  /** Text of the lock badge. Default: the feed's first `_om.tiers[].label`, else "Subscribers only". */
  'lock-label'?: string;
  /** `en`, `be` or `ru`: the widget's own words and date format. Default: the nearest `lang` around the element, else `en`. */
  lang?: string;
  /** `auto` follows the reader's system (light or dark), `light`, `dark`. On a page that is always light, set `theme="light"`. Default: `auto`. */
  theme?: 'auto' | 'light' | 'dark';
  /** `list`, `compact` (headlines only, one line each) or `cards` (a grid with thumbnails from each item's `image`). Layouts follow the element's own width, not the viewport's. Default: `list`. */
  layout?: 'list' | 'compact' | 'cards';
  /** Boolean: show "All" plus the sections among the stories, as buttons readers filter with (no refetch). Default: off. */
  chips?: boolean;
  /** Where story links open, e.g. `_blank` (adds `rel="noopener"` and an "opens in a new tab" hint for screen readers). Default: same tab. */
  target?: string;
  /** A query string merged into every story link, e.g. `utm_source=partner&utm_medium=widget`; a parameter the link already has keeps its value. Default: none. */
  utm?: string;
  /** When to start. `lazy`: once the page has loaded, in idle time, fetch the WebAssembly and the feed at low priority, and render when the widget is within about a screen of the viewport; `near`: fetch nothing (not even the WebAssembly) until then; `eager`: start at once. See [which to choose](#which-loading-to-choose). Default: `lazy`. */
  loading?: 'lazy' | 'near' | 'eager';
}

/** The element's events by name, each a CustomEvent with its detail. */
export interface RelatedStoriesElementEventMap {
  /** the stories are shown (again after an attribute change); `count` 0 means the widget hid itself */
  'related-stories:load': CustomEvent<RelatedStoriesLoadDetail>;
  /** the feed could not be used (network, HTTP status, not a feed, bad `feed` attribute) */
  'related-stories:error': CustomEvent<RelatedStoriesErrorDetail>;
  /** a reader activates a story link. Cancelable: `preventDefault()` keeps the reader on the page (say, to open your subscription dialog for a locked story). Ctrl/Cmd/Shift/Alt and middle clicks are reported but not cancelable: the reader asked for a new tab. */
  'related-stories:select': CustomEvent<RelatedStoriesSelectDetail>;
  /** the list was seen: at least half its area in the viewport for one continuous second while the page is visible (the IAB/MRC rule for a viewable impression; a list more than twice the viewport's area counts once it covers half the viewport). Once per shown list; again when a change (`sections`, a chip, `refresh()`) shows other stories or another order. */
  'related-stories:impression': CustomEvent<RelatedStoriesImpressionDetail>;
}

declare global {
  interface HTMLElementTagNameMap {
    'related-stories': RelatedStoriesElement;
  }
  interface HTMLElementEventMap {
    'related-stories:load': CustomEvent<RelatedStoriesLoadDetail>;
    'related-stories:error': CustomEvent<RelatedStoriesErrorDetail>;
    'related-stories:select': CustomEvent<RelatedStoriesSelectDetail>;
    'related-stories:impression': CustomEvent<RelatedStoriesImpressionDetail>;
  }
  interface DocumentEventMap {
    'related-stories:load': CustomEvent<RelatedStoriesLoadDetail>;
    'related-stories:error': CustomEvent<RelatedStoriesErrorDetail>;
    'related-stories:select': CustomEvent<RelatedStoriesSelectDetail>;
    'related-stories:impression': CustomEvent<RelatedStoriesImpressionDetail>;
  }
}
