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
    (ready ??= import(new URL(GLUE, import.meta.url).href)
      .then(async (glue) => {
        await glue.default({ module_or_path: new URL(WASM, import.meta.url) });
        return glue;
      })
      .catch((error) => {
        // One warning for the page, not one per widget; fallbacks stay visible.
        console.warn(`related-stories: could not load (${error?.message ?? error})`);
        return null;
      }));

  class RelatedStoriesElement extends HTMLElement {
    // Kept equal to config::ATTRIBUTES by a test in tests/loader.rs.
    static observedAttributes = ['feed', 'sections', 'article', 'limit', 'locked', 'heading', 'lock-label', 'lang', 'target', 'utm', 'theme'];

    #widget = null;
    #starting = false;

    connectedCallback() {
      if (this.#widget || this.#starting) return;
      this.#starting = true;
      load().then((glue) => {
        this.#starting = false;
        if (!glue || !this.isConnected || this.#widget) return;
        try {
          this.#widget = glue.mount(this) ?? null;
        } catch (error) {
          console.warn(`related-stories: could not render (${error?.message ?? error})`);
        }
      });
    }

    disconnectedCallback() {
      this.#widget?.unmount();
      this.#widget = null;
    }

    attributeChangedCallback() {
      this.#widget?.update();
    }

    /** Fetches the feed again, bypassing the page's shared copy. */
    refresh() {
      this.#widget?.refresh();
    }
  }

  customElements.define(TAG, RelatedStoriesElement);
}
