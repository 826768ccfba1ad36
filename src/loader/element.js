// <related-stories>: when each widget starts, mounts the wasm's widget, and
// lets go of it. The shared load is load.js; the room held before and after
// rendering, reserve.js and hold.js; the impression event, impression.js.
import { ATTRIBUTES } from './contract.js';
import { hold } from './hold.js';
import { impressions } from './impression.js';
import { forget, hintFeed, load, prefetchWhenIdle } from './load.js';
import { noted, placeholder } from './reserve.js';

// Within one screen of the viewport, as the observer's rootMargin says; an
// element with no box (display: none) is left to the observer.
const near = (r) => (r.width || r.height) > 0 && r.top < 2 * innerHeight && r.bottom > -innerHeight && r.right > 0 && r.left < innerWidth;

const loading = (element) => element.getAttribute('loading')?.trim();

// Whether a widget starts as soon as it is connected, given its box.
const startsAtOnce = (element, box) => loading(element) === 'eager' || !('IntersectionObserver' in window) || near(box);

/**
 * Starts the downloads if a widget already on the page will start at once,
 * judged from the boxes noted before defining: before the widgets set up
 * their shadow roots and reserved boxes, and the layout that costs (tens of
 * milliseconds on a phone the wasm need not wait for). Not for
 * loading="near": widgets growing above one can still push it away. The
 * feeds' preloads are asked for first, as each widget's start asks: one
 * still queued behind the glue and wasm when the widget's own request
 * starts would race it.
 */
export const startEarly = (elements) => {
  const starting = [...elements].filter((element) => {
    const box = noted(element);
    return box && loading(element) !== 'near' && startsAtOnce(element, box);
  });
  for (const element of starting) hintFeed(element.getAttribute('feed'));
  if (starting.length) load();
};

// Where a widget is in its life, one state at a time:
//   { phase: 'idle' }                 new, removed, or fallen back: connected, it begins anew
//   { phase: 'waiting', observer }    lazy or near, not yet within a screen of the viewport
//   { phase: 'starting' }             the glue is on its way; removed meanwhile, it stays
//                                     starting, and the load finds it gone, or back
//   { phase: 'mounted', widget, release?, unwatch }  rendered; `release` gives
//                                     back the height held since loading (hold.js),
//                                     `unwatch` stops watching for impressions
const IDLE = { phase: 'idle' };

export class RelatedStoriesElement extends HTMLElement {
  // Every attribute the widget reads: the same list as config::ATTRIBUTES,
  // both generated from src/contract.json.
  static observedAttributes = ATTRIBUTES;

  #state = IDLE;

  connectedCallback() {
    if (this.#state.phase !== 'idle') return;
    const box = placeholder(this);
    // loading="lazy" (the default) and "near" render when the widget comes
    // within about one screen of the viewport; "near" fetches nothing,
    // not even the wasm, before that; "lazy" prefetches at idle (load.js).
    // One already that close starts now: the observer's first answer
    // comes only after a frame is rendered, on a phone 150 ms and more.
    if (startsAtOnce(this, box)) return this.#start();
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) this.#start();
    }, { rootMargin: '100% 0px' });
    this.#state = { phase: 'waiting', observer };
    observer.observe(this);
    this.#prefetch();
  }

  #prefetch() {
    if (loading(this) === 'near') forget(this);
    else prefetchWhenIdle(this);
  }

  #start() {
    const { phase, observer } = this.#state;
    if (phase !== 'idle' && phase !== 'waiting') return;
    forget(this);
    observer?.disconnect();
    this.#state = { phase: 'starting' };
    hintFeed(this.getAttribute('feed'));
    load().then(async (glue) => {
      // Each widget mounts in a task of its own: ten on a page are ten
      // short tasks, not one long one.
      await (globalThis.scheduler?.yield?.() ?? new Promise((resolve) => setTimeout(resolve)));
      this.#state = IDLE;
      if (!glue) return this.#fallback();
      if (!this.isConnected) return;
      const held = this.shadowRoot?.querySelector('.reserve')?.getBoundingClientRect().height;
      let widget = null;
      const [rendered, unwatch] = impressions(this);
      try {
        widget = glue.mount(this, rendered) ?? null;
      } catch (error) {
        console.warn(`related-stories: could not render (${error?.message ?? error})`);
      }
      if (!widget) {
        unwatch();
        return this.#fallback();
      }
      this.#state = { phase: 'mounted', widget, release: hold(this, held), unwatch };
    });
  }

  disconnectedCallback() {
    forget(this);
    const { phase, observer, widget, release, unwatch } = this.#state;
    if (phase === 'starting') return;
    release?.();
    unwatch?.();
    observer?.disconnect();
    widget?.unmount();
    this.#state = IDLE;
  }

  attributeChangedCallback(name, _old, value) {
    if (name === 'loading' && this.#state.phase === 'waiting') return value?.trim() === 'eager' ? this.#start() : this.#prefetch();
    this.#state.widget?.update();
  }

  /** Fetches the feed again, bypassing the page's shared copy. */
  refresh() {
    this.#state.widget?.refresh();
  }

  // Without the wasm, the partner's fallback content is all there is.
  #fallback() {
    this.shadowRoot?.replaceChildren(document.createElement('slot'));
  }
}
