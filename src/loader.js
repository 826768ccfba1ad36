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
  let ready;
  const load = () =>
    (ready ??= (() => {
      // Glue and wasm download side by side: the glue only needs the
      // response when it instantiates, and accepts a promise of it.
      const wasm = fetch(new URL(WASM, import.meta.url));
      wasm.catch(() => {}); // reported below, through the glue's await
      return import(new URL(GLUE, import.meta.url).href)
        .then(async (glue) => {
          await glue.default({ module_or_path: wasm });
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
  // answered from this preload.
  const hinted = new Set();
  const hintFeed = (feed) => {
    if (!feed) return;
    let href;
    try {
      href = new URL(feed, document.baseURI).href;
    } catch {
      return; // the widget will say what is wrong with it
    }
    if (hinted.has(href) || !/^https?:$/.test(new URL(href).protocol)) return;
    hinted.add(href);
    const link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    link.crossOrigin = 'anonymous';
    link.href = href;
    document.head.append(link);
  };

  // Until the wasm renders, hold about the space the list will take (as its
  // skeleton does), so nothing below the widget jumps when it arrives.
  const reserve = new CSSStyleSheet();
  // Heading and row heights of the skeleton in style/related-stories.css (measured: 31.3 px + 109.75 px a row).
  // Narrower than 30em, headlines often take a third line: one more per row.
  reserve.replaceSync(':host{display:block}.reserve{height:calc(1.955em + var(--rows) * (6.86em + var(--third-line, 0em)))}');

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
      this.#placeholder();
      // loading="lazy" (the default): nothing is fetched, not even the wasm,
      // until the widget comes within about one screen of the viewport.
      if (this.getAttribute('loading') === 'eager' || !('IntersectionObserver' in window)) return this.#start();
      this.#waiting = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) this.#start();
      }, { rootMargin: '100% 0px' });
      this.#waiting.observe(this);
    }

    #start() {
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
        const reserved = this.shadowRoot?.querySelector('.reserve')?.getBoundingClientRect().height;
        try {
          this.#widget = glue.mount(this) ?? null;
        } catch (error) {
          console.warn(`related-stories: could not render (${error?.message ?? error})`);
        }
        if (!this.#widget) return this.#fallback();
        this.#hold(reserved);
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
      this.#release?.();
      this.#waiting?.disconnect();
      this.#waiting = null;
      this.#widget?.unmount();
      this.#widget = null;
    }

    attributeChangedCallback(name, _old, value) {
      if (name === 'loading' && value === 'eager' && this.#waiting) return this.#start();
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
      box.style.setProperty('--rows', rows);
      if (this.getBoundingClientRect().width < 480) box.style.setProperty('--third-line', '1.484em');
      // Never smaller than the element was before it was defined (a tall
      // fallback, or the page's own :not(:defined) rule): shrinking would
      // move the page as surely as growing.
      const before = heights.get(this);
      if (before) box.style.minHeight = `${before}px`;
      heights.delete(this);
      root.replaceChildren(box);
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
