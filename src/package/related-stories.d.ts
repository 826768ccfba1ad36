// Types for <related-stories>. Attributes are also properties (lock-label as
// lockLabel); each is the attribute's string, or null when absent.

export interface RelatedStoriesLoadDetail {
  /** Stories shown; 0 means the widget hid itself. */
  count: number;
}

export interface RelatedStoriesErrorDetail {
  /** What went wrong, in a sentence (also logged once with console.warn). */
  reason: string;
}

export interface RelatedStoriesSelectDetail {
  url: string;
  id: string;
  title: string;
  /** 1-based position in the list. */
  position: number;
  locked: boolean;
  sections: string[];
}

export declare class RelatedStoriesElement extends HTMLElement {
  /** URL of a JSON Feed 1.0/1.1, relative to the page. */
  feed: string | null;
  /** Comma-separated section names; absent: the current article's own; empty: no filter. */
  sections: string | null;
  /** URL of the current article; default: <link rel="canonical">, else the page URL. */
  article: string | null;
  /** How many stories, 1 to 50 (default 5). */
  limit: string | null;
  locked: 'show' | 'hide' | 'last' | null;
  /** Heading text; "" hides it. */
  heading: string | null;
  lockLabel: string | null;
  target: string | null;
  utm: string | null;
  theme: 'auto' | 'light' | 'dark' | null;
  layout: 'list' | 'compact' | 'cards' | null;
  chips: boolean;
  /** lazy (default): prefetched at idle, rendered near the viewport; near: nothing fetched until then; eager: at once. */
  loading: 'lazy' | 'near' | 'eager' | null;
  /** Fetches the feed again, bypassing the page's shared copy. */
  refresh(): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'related-stories': RelatedStoriesElement;
  }
  interface HTMLElementEventMap {
    'related-stories:load': CustomEvent<RelatedStoriesLoadDetail>;
    'related-stories:error': CustomEvent<RelatedStoriesErrorDetail>;
    'related-stories:select': CustomEvent<RelatedStoriesSelectDetail>;
  }
  interface DocumentEventMap {
    'related-stories:load': CustomEvent<RelatedStoriesLoadDetail>;
    'related-stories:error': CustomEvent<RelatedStoriesErrorDetail>;
    'related-stories:select': CustomEvent<RelatedStoriesSelectDetail>;
  }
}
