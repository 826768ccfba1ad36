// The glue and wasm, loaded once for the page: every widget shares one module
// and one WebAssembly instance. Also the hints that start downloads early:
// preloads of the feeds, and the idle-time prefetch of loading="lazy".
//
// The asset names are filled in at build time with content-hashed names
// (tools/loader.mjs, which fails the build unless each is named exactly once),
// relative to the loader itself (import.meta.url).
const GLUE = __GLUE__;
const WASM = __WASM__;

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

// The page's first Intl.DateTimeFormat, in any language, sets up the
// browser's locale data: 120-150 ms in one call on the phone profile, which
// would hold up the widget's first list. Made here while the wasm downloads,
// in steps of one idle callback each, since ICU loads that data in parts:
// likely subtags 30-60 ms, the list of locales 70-80, numbers 20, the time
// zone 15-35 (measured at 4x CPU; no step splits further). The widget's own
// formatters (src/web/dates.rs) then cost a millisecond or two.
const WARM_DATES = [
  () => new Intl.Locale(navigator.language).maximize(),
  () => Intl.supportedValuesOf('calendar'),
  () => new Intl.NumberFormat().format(0),
  () => new Intl.DateTimeFormat().format(0),
  () => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(0),
];
const nextIdle = (f) => (self.requestIdleCallback ? requestIdleCallback(f) : setTimeout(f));
const warmDates = (step = 0) => {
  try {
    WARM_DATES[step]();
  } catch {} // a browser without one of these skips that part
  if (++step < WARM_DATES.length) nextIdle(() => warmDates(step));
};

// A server that labels the wasm other than application/wasm gets the slower
// compile from the whole body, as wasm-bindgen's own loader would do.
const compile = (response) => {
  if (!response.ok) throw new Error(`${response.status} ${response.statusText} fetching ${response.url}`);
  const whole = () => response.arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
  if (!WebAssembly.compileStreaming) return whole();
  return WebAssembly.compileStreaming(response).catch((error) => {
    // Only the type is worth a second try: a body read or invalid is not.
    const type = response.headers.get('content-type');
    if (response.bodyUsed || type === 'application/wasm') throw error;
    console.warn(`related-stories: the wasm is served as ${type || 'no type'}, not application/wasm; compiling it the slower way`);
    return whole();
  });
};

/**
 * The glue, instantiated, or null when it could not load. `low`: started in
 * idle time for widgets not yet near the screen.
 */
export const load = (low) =>
  (ready ??= (() => {
    // Glue and wasm download side by side, and the wasm compiles as its
    // bytes arrive, not once the glue has come and run (the glue accepts a
    // promise of the compiled module). On a repeat view that compile, from
    // the browser's cache, then waits for nothing.
    const wasm = fetch(new URL(WASM, import.meta.url), { priority: low ? 'low' : 'auto' }).then(compile);
    wasm.catch(() => {}); // reported below, through the glue's await
    const glue = new URL(GLUE, import.meta.url).href;
    if (low) hint('modulepreload', glue, low); // import() has no priority of its own
    nextIdle(() => warmDates());
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
export const hintFeed = (feed, low) => {
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
// One function for every ask: added again as a `load` listener, it still runs once.
const idle = () => (self.requestIdleCallback ? requestIdleCallback(prefetch, { timeout: 2000 }) : setTimeout(prefetch, 500));

/** A lazy widget waiting for the screen: prefetch for it at the next idle time after `load`. */
export const prefetchWhenIdle = (element) => {
  // The first widget waiting asks for the idle time.
  if (!lazy.size) document.readyState === 'complete' ? idle() : addEventListener('load', idle);
  lazy.add(element);
};

/** A widget started, removed or turned loading="near": nothing to prefetch for it. */
export const forget = (element) => lazy.delete(element);
