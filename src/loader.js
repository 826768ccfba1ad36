// related-stories loader: the one file a host page names.
//
// It defines <related-stories> and loads the WebAssembly that renders it from
// next to itself (import.meta.url), so dist/ can live on any path or origin.
// The asset names below are filled in at build time with content-hashed names;
// this file's own name stays stable. Every widget on a page shares one module
// and one WebAssembly instance.
const TAG = 'related-stories';
const GLUE = '__GLUE__';
const WASM = '__WASM__';

// A second copy of this script (or an older one already on the page) must not
// throw: the first definition wins.
if (!customElements.get(TAG)) {
  // A <link rel=preload as=fetch> or <link rel=modulepreload>.
  const hint = (rel, href, low) => {
    const link = document.createElement('link');
    link.rel = rel;
    link.as = rel === 'preload' ? 'fetch' : 'script';
    link.crossOrigin = 'anonymous';
    link.fetchPriority = low ? 'low' : 'auto';
    link.href = href;
    document.head.append(link);
  };

  let ready, loaded;
  // `low`: started in idle time for widgets not yet near the screen.
  const load = (low) =>
    (ready ??= (() => {
      // Glue and wasm download side by side: the glue only needs the
      // response when it instantiates, and accepts a promise of it.
      const wasm = fetch(new URL(WASM, import.meta.url), { priority: low ? 'low' : 'auto' });
      wasm.catch(() => {}); // reported below, through the glue's await
      const glue = new URL(GLUE, import.meta.url).href;
      if (low) hint('modulepreload', glue, low); // import() has no priority of its own
      return import(glue)
        .then(async (glue) => {
          await glue.default({ module_or_path: wasm });
          loaded = true;
          return glue;
        })
        .catch((error) => {
          // One warning for the page, not one per widget.
          console.warn(`related-stories: could not load (${error?.message ?? error})`);
          return null;
        });
    })());

  // Starts each feed's download while the wasm is still on its way. The
  // widget's own request (gloo-net, cors, same-origin credentials) is then
  // answered from this preload. Once the wasm is running, that request starts
  // at once, and a preload would only race it (Chromium then reports the
  // request as aborted). Returns the feed's absolute URL, if usable.
  const hinted = new Set();
  const hintFeed = (feed, low) => {
    let href;
    try {
      href = new URL(feed, document.baseURI).href;
    } catch {}
    if (!feed || !/^https?:/.test(href)) return; // the widget will say what is wrong with it
    if (!loaded && !hinted.has(href)) {
      hinted.add(href);
      hint('preload', href, low);
    }
    return href;
  };

  // loading="lazy" (the default): once the page has loaded, in idle time,
  // the wasm (compiled and instantiated) and the feeds of the lazy widgets
  // still waiting are fetched at low priority, and the feeds parsed where the
  // glue offers prefetch(), so a widget scrolled to renders at once. Not when
  // the reader saves data or is on 2G; loading="near" waits for the screen.
  const lazy = new Set(); // waiting for the viewport and for idle time
  const prefetch = () => {
    const connection = navigator.connection;
    const saving = connection?.saveData || /2g/.test(connection?.effectiveType);
    const feeds = new Set(saving ? [] : [...lazy].map((element) => hintFeed(element.getAttribute('feed'), true)));
    lazy.clear();
    if (feeds.size) {
      load(true).then((glue) => {
        for (const href of feeds) {
          try {
            if (href) glue?.prefetch?.(href);
          } catch {}
        }
      });
    }
  };
  const idle = () => (self.requestIdleCallback ? requestIdleCallback(prefetch, { timeout: 2000 }) : setTimeout(prefetch, 500));

  // Until the wasm renders, hold about the space the list will take, so
  // nothing below the widget jumps when it arrives.
  const reserve = new CSSStyleSheet();
  reserve.replaceSync(':host{display:block}');

  // The height of `rows` stories in `layout` on a widget `width` em wide, in em of the
  // widget's font size. Measured from style/related-stories.css with the
  // demo feed: heading 1.955em; a list row 6.86em with a two-line headline,
  // and narrower than 30em a third line (1.484em) is common; a compact row
  // 2.4em; cards a grid of 15em columns, 16:9 thumbnails and about 7.8em of
  // text, or below 30em rows beside 6.5em thumbnails.
  const reserved = (layout, rows, width) => {
    const narrow = width < 30, gap = 1.25;
    if (layout === 'compact') return 1.955 + rows * 2.4;
    if (layout !== 'cards') return 1.955 + rows * (narrow ? 8.344 : 6.86);
    if (narrow) return 1.955 + rows * (width < 22.5 ? 11.3 : 8.7);
    const columns = Math.max(1, Math.floor((width + gap) / (15 + gap)));
    const card = ((width - (columns - 1) * gap) / columns) * 9 / 16 + 7.8;
    const lines = Math.ceil(rows / columns);
    return 1.955 + 0.5 + lines * card + (lines - 1) * gap;
  };

  // Within one screen of the viewport, as the observer's rootMargin says; an
  // element with no box (display: none) is left to the observer.
  const near = (r) => (r.width || r.height) > 0 && r.top < 2 * innerHeight && r.bottom > -innerHeight && r.right > 0 && r.left < innerWidth;

  const anchored = () =>
    CSS.supports('overflow-anchor', 'auto') &&
    ![document.scrollingElement, document.body].some((e) => e && getComputedStyle(e).overflowAnchor === 'none');

  class RelatedStoriesElement extends HTMLElement {
    // Kept equal to config::ATTRIBUTES by a test in tests/build_config.rs.
    static observedAttributes = ['feed', 'sections', 'article', 'limit', 'locked', 'heading', 'lock-label', 'lang', 'target', 'utm', 'theme', 'layout', 'chips', 'loading'];

    #widget = null;
    #starting = false;
    #waiting = null; // IntersectionObserver of a lazy widget not yet near the screen
    #release = null; // gives back the height held since loading, see #hold

    connectedCallback() {
      if (this.#widget || this.#starting || this.#waiting) return;
      const box = this.#placeholder();
      // loading="lazy" (the default) and "near" render when the widget comes
      // within about one screen of the viewport; "near" fetches nothing,
      // not even the wasm, before that; "lazy" prefetches at idle (above).
      // One already that close starts now: the observer's first answer
      // comes only after a frame is rendered, on a phone 150 ms and more.
      if (this.getAttribute('loading')?.trim() === 'eager' || !('IntersectionObserver' in window) || near(box)) return this.#start();
      this.#waiting = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) this.#start();
      }, { rootMargin: '100% 0px' });
      this.#waiting.observe(this);
      this.#prefetch();
    }

    #prefetch() {
      if (this.getAttribute('loading')?.trim() === 'near') return lazy.delete(this);
      // The first widget waiting asks for the idle time (after `load`).
      if (!lazy.size) document.readyState === 'complete' ? idle() : addEventListener('load', idle);
      lazy.add(this);
    }

    #start() {
      lazy.delete(this);
      this.#waiting?.disconnect();
      this.#waiting = null;
      this.#starting = true;
      hintFeed(this.getAttribute('feed'));
      load().then(async (glue) => {
        // Each widget mounts in a task of its own: ten on a page are ten
        // short tasks, not one long one.
        await (globalThis.scheduler?.yield?.() ?? new Promise((resolve) => setTimeout(resolve)));
        this.#starting = false;
        if (!glue) return this.#fallback();
        if (!this.isConnected || this.#widget) return;
        const held = this.shadowRoot?.querySelector('.reserve')?.getBoundingClientRect().height;
        try {
          this.#widget = glue.mount(this) ?? null;
        } catch (error) {
          console.warn(`related-stories: could not render (${error?.message ?? error})`);
        }
        if (!this.#widget) return this.#fallback();
        this.#hold(held);
      });
    }

    // The widget keeps the height it reserved after the list arrives, for as
    // long as giving it back would move something the reader can see: a
    // shorter list, an error or an empty result leaves room at its foot
    // instead of pulling the page up (as web.dev advises for ad slots: do not
    // collapse reserved space). The room is given back as soon as that moves
    // nothing in view, or when the reader acts on the widget.
    #hold(height) {
      const root = this.shadowRoot;
      if (!height || !root) return;
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(`.rs{box-sizing:border-box;min-height:${height}px}`);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      let settled = false;
      let frame = 0;
      const check = () => {
        frame = 0;
        if (!settled) return;
        const held = this.getBoundingClientRect();
        sheet.disabled = true; // measured, not painted: re-enabled in the same task
        const natural = this.getBoundingClientRect();
        sheet.disabled = false;
        // Whatever follows the widget stays out of view if, without the held
        // room, the widget still reaches the viewport's foot. Once the reader
        // has scrolled past it, the browser's scroll anchoring keeps the view
        // still, where the browser has it and the page has not turned it off.
        if (natural.bottom >= innerHeight || (held.bottom <= 0 && anchored())) release();
      };
      const soon = () => (frame ||= requestAnimationFrame(check));
      const settle = () => {
        settled = true;
        check();
      };
      const release = (this.#release = () => {
        this.#release = null;
        cancelAnimationFrame(frame);
        root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
        for (const type of ['related-stories:load', 'related-stories:error']) this.removeEventListener(type, settle);
        for (const type of ['pointerdown', 'keydown']) this.removeEventListener(type, release);
        for (const type of ['scroll', 'resize']) removeEventListener(type, soon);
      });
      for (const type of ['related-stories:load', 'related-stories:error']) this.addEventListener(type, settle);
      for (const type of ['pointerdown', 'keydown']) this.addEventListener(type, release);
      for (const type of ['scroll', 'resize']) addEventListener(type, soon, { passive: true });
    }

    disconnectedCallback() {
      lazy.delete(this);
      this.#release?.();
      this.#waiting?.disconnect();
      this.#waiting = null;
      this.#widget?.unmount();
      this.#widget = null;
    }

    attributeChangedCallback(name, _old, value) {
      if (name === 'loading' && this.#waiting) return value?.trim() === 'eager' ? this.#start() : this.#prefetch();
      this.#widget?.update();
    }

    /** Fetches the feed again, bypassing the page's shared copy. */
    refresh() {
      this.#widget?.refresh();
    }

    #placeholder() {
      // A widget put back on the page keeps its shadow root; reuse it.
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = [reserve];
      const box = document.createElement('div');
      box.className = 'reserve';
      const rows = Math.min(Math.max(parseInt(this.getAttribute('limit'), 10) || 5, 1), 50);
      const size = getComputedStyle(this).getPropertyValue('--rs-font-size').trim();
      const em = size.endsWith('px') ? parseFloat(size) || 16 : 16;
      const rect = this.getBoundingClientRect();
      const width = rect.width / em;
      box.style.height = `${reserved(this.getAttribute('layout'), rows, width) * em}px`;
      // Never smaller than the element was before it was defined (a tall
      // fallback, or the page's own :not(:defined) rule): shrinking would
      // move the page as surely as growing.
      const before = heights.get(this);
      if (before) box.style.minHeight = `${before}px`;
      heights.delete(this);
      root.replaceChildren(box);
      return rect;
    }

    // Without the wasm, the partner's fallback content is all there is.
    #fallback() {
      this.shadowRoot?.replaceChildren(document.createElement('slot'));
    }
  }

  // Every attribute is also a property (lock-label as lockLabel), as the
  // TypeScript declarations promise; `chips` is a boolean. `lang` is
  // HTMLElement's own.
  for (const name of RelatedStoriesElement.observedAttributes) {
    if (name === 'lang') continue;
    const property = name.replace(/-(\w)/g, (_, c) => c.toUpperCase());
    Object.defineProperty(RelatedStoriesElement.prototype, property, {
      configurable: true,
      get() {
        return name === 'chips' ? this.hasAttribute(name) : this.getAttribute(name);
      },
      set(value) {
        if (name === 'chips') this.toggleAttribute(name, Boolean(value));
        else if (value == null) this.removeAttribute(name);
        else this.setAttribute(name, String(value));
      },
    });
  }

  // Heights of the elements already on the page, read before defining
  // changes them (one layout, which the page was about to do anyway).
  const heights = new WeakMap();
  for (const element of document.querySelectorAll(TAG)) {
    heights.set(element, element.getBoundingClientRect().height);
  }
  customElements.define(TAG, RelatedStoriesElement);
}
