// make bench: the Rust/Leptos/wasm widget ("ours") against the hand-written vanilla floor
// (bench/vanilla), in headless Chromium, as readers and partners meet it (issue #11):
//  - three origins, as in production (bench/origins.mjs): the partner's article page; our CDN
//    with dist/ and the vanilla element (brotli q11, CORS, Timing-Allow-Origin, a year and
//    `immutable` for content-hashed names, five minutes for the stable-named loader and the
//    vanilla file); the publisher's feed host (brotli, CORS, TAO, `public, max-age=60` and an
//    ETag, what a CDN in front of a news feed typically sends: see FEED_CACHE below).
//  - profiles: desktop (unthrottled, 1000×900); mobile cold (Lighthouse's mobile defaults over
//    CDP: 4× CPU slowdown, 150 ms latency, 1.6 Mbps down and 750 Kbps up, 412×823 at 1.75×,
//    isMobile; Network is enabled only here, see openTab()); mobile repeat (the reader's next
//    article: the same page under another URL, in the same tab 3 s after a cold load that is
//    discarded, HTTP cache warm); lazy (mobile, cold: the widget three screens below the fold
//    with the default `loading`, scrolled into view 5 s after the load event: the widget
//    entering the viewport → first story painted).
//  - in each cell: navigation → first story painted (the probe sees each shadow root's first
//    settled data-state, then a frame); the widget's main-thread script time (a Chromium trace of
//    the page's main thread, see widgetScript()); the longest task and the total blocking time
//    (Σ max(0, duration − 50)) of the trace's main-thread tasks over 50 ms (as Lighthouse reads
//    them; the Long Tasks API misses idle callbacks) in which the widget's script ran, and the
//    whole page's TBT; the longest animation frame; CLS; a waterfall of what
//    each element loads (start → end, resource timing). Desktop also: 1,000- and 10,000-item
//    feeds, ten widgets on one page, memory.
//  - bytes (raw, gzip, brotli) of each file, ours and vanilla, and issue #11's budgets.
// Ours and vanilla alternate run by run in every cell (drift hits both alike); figures are
// medians. Correctness is asserted and fails the bench: ours and vanilla show the same stories,
// one feed request and one wasm instance for ten widgets, no console errors, brotli on the wire,
// cold loads from the network and repeat loads from the cache, throttling in effect.
//   node bench/run.mjs   RUNS=7 runs per mobile cell, 2×RUNS+1 per desktop cell (RUNS=3: a quick check)
//   DIST=dir             the build to measure (default dist; copy it aside while others rebuild)
//   TRACES=dir           also keep each load's Chromium trace there (DevTools' Performance panel
//                        opens them); TRACE_CATEGORIES=a,b adds categories to them
//   FEED_CACHE=...       the feed's Cache-Control (default `public, max-age=60`; `no-cache` makes
//                        the repeat view revalidate it, as for a reader back after a minute)
// Prints markdown tables to stdout and writes every raw number to bench/results/latest.json.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { launchChromium } from '../tools/chromium.mjs';
import { sizes } from '../tools/size.mjs';
import { generateFeed } from './gen-feed.mjs';
import { CDN_CACHE, origin } from './origins.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = (p) => join(ROOT, p);
const RUNS = Number(process.env.RUNS ?? 7);
// DESKTOP_RUNS=1 for a quick look at the mobile cells alone.
const DESKTOP_RUNS = Number(process.env.DESKTOP_RUNS ?? 2 * RUNS + 1);
const DIST = resolve(ROOT, process.env.DIST ?? 'dist');
const FEED_CACHE = process.env.FEED_CACHE ?? 'public, max-age=60';
const SIZES = [50, 1000, 10000];
const TIMEOUT = 30_000;
// The reader stays on the first page this long before the repeat view: time for the browser
// to write its caches (V8 caches compiled wasm a moment after instantiation).
const REPEAT_AFTER_MS = 3000;
const LAZY_WAIT_MS = 5000;
// A wedged browser must not hang `make bench` forever (a default run takes 5-9 min on this
// 2-core machine, depending on what else runs; the watchdog allows ~20).
const WATCHDOG_MS = 180_000 + RUNS * 150_000;
const WATCHDOG = setTimeout(() => fail(new Error(`bench took over ${WATCHDOG_MS / 1000} s`)), WATCHDOG_MS).unref();
// Lighthouse's mobile defaults ("Moto G Power" on slow 4G), as CDP applies them.
const MOBILE_NETWORK = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 };
const MOBILE_CPU = 4;
const PROFILES = {
  desktop: { launch: { viewport: { width: 1000, height: 900 } }, throttle: false },
  mobile: { launch: { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true }, throttle: true },
};
// Like for like: vanilla orders by sections, then date, so ours runs with
// rank="newest" here; how related rank="related" is, and what it costs, is
// examples/relevance.rs's table (make bench runs it first).
const VARIANTS = {
  ours: { tag: 'related-stories', script: '/related-stories/related-stories.js', attributes: ' rank="newest"', wasm: true },
  vanilla: { tag: 'vanilla-related-stories', script: '/vanilla/related-stories-vanilla.js' },
};
// What rank="related" (the default) costs in the browser: ours with it against ours with
// rank="newest", on the long feeds, in the same rounds. Its stories differ by design.
const RELATED = { related: { ...VARIANTS.ours, attributes: '' } };
const RELATED_SIZES = [1000, 10000];
const variantOf = (name) => VARIANTS[name] ?? RELATED[name];
const SECTIONS = 'Politics, Security';
const TEN = ['Politics', 'Security', 'Economy', 'Society', 'World', 'Culture', 'Sport', 'Technology',
  'Politics, Security', 'Economy, World'];

function fail(err) {
  console.error(`bench: FAILED: ${err.stack ?? err}`);
  process.exit(1);
}

// ---- what the browser loads ------------------------------------------------

// The floor ships as one file: its JS with the widget's CSS inlined, minified like our loader and glue.
function buildVanilla() {
  const css = readFileSync(at('style/related-stories.css'), 'utf8');
  const source = readFileSync(at('bench/vanilla/related-stories-vanilla.js'), 'utf8');
  const js = source.replace(/^const CSS = __RS_CSS__;$/m, () => `const CSS = ${JSON.stringify(css)};`);
  assert.ok(!/^const CSS = __RS_CSS__;/m.test(js) && js !== source, 'vanilla: `const CSS = __RS_CSS__;` line missing');
  return { code: Buffer.from(transformSync(js, { minify: true, format: 'esm', target: 'es2022' }).code),
    unminified: Buffer.byteLength(js), css: Buffer.byteLength(css) };
}

// The loader and the two content-hashed files it names, read once: a `make dist` running
// alongside may replace dist/ at any moment, and a half-written build must fail loudly here.
function readDist() {
  assert.ok(existsSync(join(DIST, 'related-stories.js')), `${DIST}/related-stories.js not found: build first (make dist), or set DIST`);
  const loader = readFileSync(join(DIST, 'related-stories.js'), 'utf8');
  const named = [...loader.matchAll(/related-stories-[0-9a-f]+(?:_bg\.wasm|\.js)/g)].map((m) => m[0]);
  const glue = named.find((f) => f.endsWith('.js'));
  const wasm = named.find((f) => f.endsWith('.wasm'));
  assert.ok(glue && wasm, `${DIST}/related-stories.js names no glue or wasm`);
  const files = ['related-stories.js', glue, wasm];
  const data = Object.fromEntries(files.map((f) => [f, readFileSync(join(DIST, f))]));
  const others = readdirSync(DIST).filter((f) => /\.(js|wasm)$/.test(f) && !files.includes(f));
  return { files, glue, wasm, data, others };
}

const FILLER = 'Minsk and Moscow have adopted a programme of coordinated foreign policy actions for 2024–2026, '
  + 'which, according to the Russian foreign minister, pays substantial attention to cooperation in the humanitarian sphere.';

// An article page as a partner would have it: lede, then the widget(s), then more content
// in view below, so any shift the widget causes is counted by CLS. `lazy`: the widget sits
// four screens down (three below the fold), with the default `loading`, as most pages have it.
function page({ tag, script, attributes = '' }, { cdn, feed, canonical, sections, lazy = false }) {
  // Ten widgets stack far below the fold; "time to all painted" needs them all
  // started at once (ours is lazy by default; vanilla has no such option).
  const eager = sections.length > 1 ? ' loading="eager"' : '';
  const widgets = sections.map((s) => `<${tag}${eager}${attributes} feed="${feed}" sections="${s}">\n`
    + '  <a href="https://news.example/en/politics/">More in Politics</a>\n'
    + `</${tag}>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Coordinated foreign policy for 2024–26 (bench)</title>
<link rel="canonical" href="${canonical}">
<link rel="icon" href="data:,">
<style>
  body { margin: 0; font: 18px/1.6 Georgia, serif; color: #1b1b1b; }
  header { padding: 1rem 2rem; border-bottom: 1px solid #ddd; font: 800 1.5rem system-ui, sans-serif; }
  main { max-width: 44rem; margin: 0 auto; padding: 1rem 1.25rem; }
  h1 { font-size: 2rem; line-height: 1.2; margin: .25rem 0 .5rem; }
  ${tag} { display: block; margin: 2rem 0; }
  /* README's line that holds the space from the first paint, as a partner following it has it. */
  ${tag}:not(:defined) { min-height: 585px } @media (max-width: 480px) { ${tag}:not(:defined) { min-height: 704px } }
  .rest { height: 400vh; }
</style>
<script type="module" src="${cdn}${script}"></script>
</head>
<body>
<header>Pozirk</header>
<main>
${lazy ? '<div class="rest">\n' : ''}<h1>Belarusian, Russian foreign ministries adopt coordinated foreign policy</h1>
<p>${FILLER}</p>
${lazy ? `${`<p>${FILLER}</p>\n`.repeat(4)}</div>\n` : ''}${widgets}
<h2>Most read</h2>
${`<p>${FILLER}</p>\n`.repeat(6)}</main>
</body>
</html>
`;
}

// ---- in the page -----------------------------------------------------------

// Installed before any page script: observers that only see what happened after they were
// registered would miss early long tasks and shifts. Watches every shadow root for its
// first settled data-state, without polling, and when its host first enters the viewport.
function probe() {
  const b = (window.__bench = { painted: [], cls: 0, shifts: [], longtasks: [], loafs: [], wasmCalls: 0, entered: null });
  const observe = (type, fn) => new PerformanceObserver((list) => list.getEntries().forEach(fn))
    .observe({ type, buffered: true });
  observe('layout-shift', (e) => {
    if (e.hadRecentInput) return;
    b.cls += e.value;
    const box = (r) => `${Math.round(r.y)}+${Math.round(r.height)}`;
    b.shifts.push({ at: e.startTime, value: e.value, sources: e.sources.map((s) => `${s.node?.nodeName ?? '?'} y ${box(s.previousRect)} → ${box(s.currentRect)}`) });
  });
  observe('longtask', (e) => b.longtasks.push({ start: e.startTime, duration: e.duration }));
  // Split each long frame into script time and rendering (style, layout, paint) time.
  observe('long-animation-frame', (e) => b.loafs.push({
    start: e.startTime, duration: e.duration, blocking: e.blockingDuration,
    render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
    styleLayout: e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
    scripts: e.scripts.map((s) => ({ duration: s.duration, invoker: s.invoker, invokerType: s.invokerType,
      forcedStyleLayout: s.forcedStyleAndLayoutDuration, sourceURL: s.sourceURL,
      sourceFunctionName: s.sourceFunctionName, sourceCharPosition: s.sourceCharPosition })),
  }));
  // Instantiations, not only fetches: a second instance would double memory without a second request.
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = function (...args) { b.wasmCalls++; return original.apply(this, args); };
  }
  let waiting = [];
  const wake = () => { waiting = waiting.filter(([n, resolve]) => (b.painted.length >= n ? resolve() : true)); };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    let settled = false;
    new MutationObserver(() => {
      const state = root.querySelector('[part~="root"]')?.getAttribute('data-state');
      if (settled || !state || state === 'loading') return;
      settled = true;
      const ready = performance.now();
      requestAnimationFrame(() => { b.painted.push({ state, ready, painted: performance.now() }); wake(); });
    }).observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-state'] });
    // rootMargin 0: the moment the reader can see the widget, not when a loader starts on it.
    // entry.time is when the rendering step found the intersection, before the callback runs.
    new IntersectionObserver((entries) => {
      for (const e of entries) if (e.isIntersecting && b.entered === null) b.entered = e.time;
    }, { rootMargin: '0px' }).observe(this);
    return root;
  };
  b.until = (n, ms) => new Promise((resolve, reject) => {
    waiting.push([n, resolve]);
    wake();
    setTimeout(() => reject(new Error(`${b.painted.length} of ${n} widgets painted after ${ms} ms`)), ms);
  });
}

// What a reader sees in each widget (asserted equal for ours and vanilla), and the whole shadow
// DOM with attributes sorted, framework comment markers and <g> wrappers dropped (reported).
function readWidgets(tag) {
  const dom = (n) => (n.nodeType === 3 ? n.data : n.nodeType !== 1 ? '' : n.localName === 'g' ? [...n.childNodes].map(dom).join('')
    : `<${n.localName}${[...n.attributes].map((a) => ` ${a.name}="${a.value}"`).sort().join('')}>${[...n.childNodes].map(dom).join('')}</${n.localName}>`);
  return [...document.querySelectorAll(tag)].map((el) => ({
    dom: dom(el.shadowRoot.querySelector('[part~="root"]')),
    items: [...el.shadowRoot.querySelectorAll('[part~="item"]')].map((li) => {
      const text = (part) => li.querySelector(`[part~="${part}"]`)?.textContent.trim() ?? null;
      return { title: text('title'), href: li.querySelector('[part~="link"]')?.getAttribute('href'), sections: text('sections'),
        date: text('date'), datetime: li.querySelector('[part~="date"]')?.getAttribute('datetime') ?? null,
        badge: text('badge'), locked: li.classList.contains('locked') };
    }),
  }));
}

// Everything the page knows once painted: the probe's records and resource timing.
function collect() {
  const b = window.__bench;
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    // A mark the trace records too: ties trace time to the page's performance.now().
    clock: performance.mark('rs-bench-clock').startTime,
    painted: b.painted, entered: b.entered, cls: b.cls, shifts: b.shifts, longtasks: b.longtasks, loafs: b.loafs,
    wasmCalls: b.wasmCalls,
    navigation: { responseEnd: nav.responseEnd, domInteractive: nav.domInteractive, domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
      transferSize: nav.transferSize },
    resources: performance.getEntriesByType('resource').map((e) => ({
      url: e.name, initiator: e.initiatorType, start: e.startTime, end: e.responseEnd,
      transferSize: e.transferSize, encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize })),
    connection: navigator.connection ? { effectiveType: navigator.connection.effectiveType, saveData: navigator.connection.saveData } : null,
  };
}

// ---- main-thread script time, from a Chromium trace ------------------------

// The Long Animation Frames API lists only scripts over 5 ms in frames over 50 ms, which on
// the desktop profile is most of nothing; Performance.getMetrics' ScriptDuration is one
// number for the page. A trace of the renderer's main thread sees every task. The page
// runs no script of its own: all the JavaScript and WebAssembly on its main thread is the
// widget's (compiling, evaluating, callbacks, microtasks, wasm compile and instantiation),
// except the bench probe's callbacks, which are taken out by their script URL.
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'v8.wasm',
  'blink.user_timing', ...(process.env.TRACE_CATEGORIES?.split(',') ?? [])];
const SCRIPT_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'RunMicrotasks', 'TimerFire', 'FireAnimationFrame',
  'FireIdleCallback', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule', 'v8.produceCache', 'v8.produceModuleCache',
  'v8.callFunction', 'v8.run', 'v8.newInstance']);
// WebAssembly: streaming compilation consumes the bytes on the main thread as they arrive
// (v8.wasm.compileConsume), functions are compiled lazily on first call (wasm.CompileLazy).
const isScript = (e) => SCRIPT_EVENTS.has(e.name) || e.name.startsWith('wasm.') || e.name.startsWith('v8.wasm.');

async function startTrace(cdp) {
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: TRACE_CATEGORIES, excludedCategories: ['*'] },
  });
}

async function stopTrace(cdp) {
  const complete = new Promise((resolve) => cdp.on('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  const chunks = [];
  for (;;) {
    const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream, size: 4 << 20 });
    chunks.push(base64Encoded ? Buffer.from(data, 'base64') : Buffer.from(data));
    if (eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const trace = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  return Array.isArray(trace) ? trace : trace.traceEvents;
}

// Total length of the union of [start, end) intervals.
const covered = (spans) => {
  let total = 0, reach = -Infinity;
  for (const [s, e] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (e <= reach) continue;
    total += e - Math.max(s, reach);
    reach = e;
  }
  return total;
};
// The part of `spans` outside `holes`, as a length.
const outside = (spans, holes) => covered([...spans, ...holes]) - covered(holes);

function widgetScript(events, pageUrl, widgetOrigin, clock) {
  // The page's renderer main thread: the one that parsed its HTML; from its navigation start.
  const parse = events.filter((e) => e.name === 'ParseHTML' && (e.args?.beginData?.url ?? '') === pageUrl).at(-1);
  if (!parse) return null;
  const from = events.filter((e) => e.name === 'navigationStart' && e.pid === parse.pid
    && e.args?.data?.documentLoaderURL === pageUrl).at(-1)?.ts ?? -Infinity;
  const main = events.filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X' && e.dur > 0 && e.ts >= from);
  const span = (e) => [e.ts / 1000, (e.ts + e.dur) / 1000];
  const url = (e) => e.args?.data?.url ?? e.args?.data?.fileName ?? e.args?.fileName ?? e.args?.url ?? '';
  const script = main.filter(isScript);
  // Script entered from elsewhere: the probe's callbacks and Playwright's evaluations have no
  // URL (nor would a page script of the widget's origin).
  const foreign = script.filter((e) => ['FunctionCall', 'EvaluateScript', 'v8.compile'].includes(e.name)
    && !url(e).startsWith(widgetOrigin));
  const tasks = main.filter((e) => e.name === 'RunTask');
  const names = {};
  for (const e of script) names[e.name] = (names[e.name] ?? 0) + 1;
  // Trace time as the page's performance.now(), through a mark made at a known page time.
  const mark = events.find((e) => e.name === 'rs-bench-clock' && e.pid === parse.pid);
  const origin = mark ? mark.ts / 1000 - clock : from / 1000;
  const rel = ([a, b]) => [a - origin, b - origin];
  const clip = (spans, a, b) => spans.map(rel).map(([x, y]) => [Math.max(x, a), Math.min(y, b)]).filter(([x, y]) => y > x);
  return {
    // The widget's script time within [a, b) ms of the page's clock (to attribute long tasks).
    scriptIn: (a, b) => outside(clip(script.map(span), a, b), clip(foreign.map(span), a, b)),
    clock: { marked: !!mark, navigationStartMs: from / 1000 - origin },
    scriptMs: outside(script.map(span), foreign.map(span)),
    harnessMs: covered(foreign.map(span)),
    // Every task of the page's main thread (parsing, style, layout, paint, the widget's script),
    // less the bench's own.
    busyMs: outside(tasks.map(span), foreign.map(span)),
    tasks: tasks.length,
    // Long tasks as Lighthouse reads them, from the trace: the Long Tasks API leaves out
    // idle callbacks (the loader's Intl warm-up, the lazy prefetch), which block as much.
    longTasks: tasks.filter((e) => e.dur > 50_000).map((e) => rel(span(e))).map(([a, b]) => ({ start: a, duration: b - a })),
    events: names,
  };
}

// ---- page loads ------------------------------------------------------------

const pathOf = (u) => new URL(u).pathname;
const isWasm = (u) => pathOf(u).endsWith('.wasm');
const isGlue = (u) => /\/related-stories-[0-9a-f]+\.js$/.test(pathOf(u));
const isLoader = (u) => pathOf(u).endsWith('/related-stories.js');
const isVanilla = (u) => pathOf(u).endsWith('/related-stories-vanilla.js');

// Runs fn(arg) in the page through our own CDP session. Playwright's page.evaluate installs
// its utility script in the page on first use, a task of its own of 15-20 ms unthrottled and
// 50-70 ms at 4× CPU, in the middle of the load it would be timing; a bare Runtime.evaluate
// compiles a line. (Playwright evaluates only after the figures are read.)
async function inPage(cdp, fn, arg) {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression: `(${fn})(${JSON.stringify(arg ?? null)})`, awaitPromise: true, returnByValue: true,
  });
  if (exceptionDetails) throw new Error(`in page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value;
}

// A tab as a profile has it: CPU and network throttled before anything loads.
async function openTab(context, profile) {
  const page = await context.newPage();
  const tab = { page, log: { requests: [], problems: [] } };
  page.on('request', (r) => tab.log.requests.push(r.url()));
  page.on('pageerror', (e) => tab.log.problems.push(`uncaught: ${e.message}`));
  page.on('console', (m) => ['error', 'warning'].includes(m.type()) && tab.log.problems.push(`${m.type()}: ${m.text()}`));
  page.on('response', (r) => r.status() >= 400 && tab.log.problems.push(`HTTP ${r.status()} ${r.url()}`));
  tab.cdp = await context.newCDPSession(page);
  if (profile.throttle) {
    // Network emulation needs the Network domain on, and Network.enable with its default
    // buffers has the renderer keep a copy of every response body for the inspector and
    // decode it on the main thread (the 3.5 MB feed: 3.6 MB more text decoded, ~50 ms). With
    // zero-sized buffers it keeps and decodes nothing: a trace of TextResourceDecoder::Decode
    // on the 10,000-item page counts 7.3 MB decoded with this enable and without it, 10.9 MB
    // with the defaults. The desktop profile needs no emulation and never enables it.
    // (Playwright's own session has Network on with default buffers in every profile: one
    // such copy, the 7.3 MB's second half, for ours and vanilla alike; 18 KB on the 50-item feed.)
    await tab.cdp.send('Network.enable', { maxTotalBufferSize: 0, maxResourceBufferSize: 0 });
    await tab.cdp.send('Network.emulateNetworkConditions', MOBILE_NETWORK);
    await tab.cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE_CPU });
  }
  await tab.cdp.send('Performance.enable');
  return tab;
}

// Every load that is to be cold: HTTP cache emptied (the code caches that hang off its entries
// go with them), idle sockets hung up.
async function coldStart(tab, servers) {
  await tab.cdp.send('Network.clearBrowserCache');
  for (const s of Object.values(servers)) s.closeIdle();
}

// One navigation, measured: navigation → painted, trace, long tasks, resource timing.
async function load(tab, servers, url, { variant, widgets = 1, trace = true, read = false, memory = false, lazy = false }) {
  const { page, cdp, log } = tab;
  log.requests = [];
  log.problems = [];
  const hitsFrom = Object.fromEntries(Object.entries(servers).map(([k, s]) => [k, s.hits.length]));
  // An uncaught error ends the wait at once instead of at the timeout.
  const crashed = new Promise((_, reject) => page.once('pageerror', (e) => reject(new Error(`uncaught: ${e.message}`))));
  crashed.catch(() => {});
  const { tag } = variantOf(variant);
  try {
    if (trace) await startTrace(cdp);
    const response = await page.goto(url, { waitUntil: lazy ? 'load' : 'domcontentloaded', timeout: TIMEOUT });
    assert.ok([200, 304].includes(response.status()), `${url}: HTTP ${response.status()}`);
    let scrolled = null, top = null;
    if (lazy) {
      // The reader reads on for LAZY_WAIT_MS after the load event, then jumps to the widget.
      ({ scrolled, top } = await inPage(cdp, async ([tagName, ms]) => {
        const nav = () => performance.getEntriesByType('navigation')[0];
        while (!nav().loadEventEnd) await new Promise((r) => setTimeout(r, 20));
        await new Promise((r) => setTimeout(r, Math.max(0, nav().loadEventEnd + ms - performance.now())));
        const el = document.querySelector(tagName);
        const y = el.getBoundingClientRect().top / innerHeight;
        el.scrollIntoView();
        return { scrolled: performance.now(), top: y };
      }, [tag, LAZY_WAIT_MS]));
    }
    await Promise.race([crashed, inPage(cdp, ([n, ms]) => window.__bench.until(n, ms), [widgets, TIMEOUT])]);
    // One more frame and a beat, so the long-animation-frame entry of the painting frame is in.
    await inPage(cdp, () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
    const m = await inPage(cdp, collect);
    const events = trace ? await stopTrace(cdp) : null;
    if (events && process.env.TRACES) {
      mkdirSync(process.env.TRACES, { recursive: true });
      writeFileSync(join(process.env.TRACES, `${pathOf(url).slice(1, -5)}${lazy ? '' : url.endsWith('?next') ? '-repeat' : ''}-${Date.now()}.json`), JSON.stringify(events));
    }
    const traced = events ? widgetScript(events, url, servers.cdn.url, m.clock) : null;
    if (trace) assert.ok(traced, `${url}: no ParseHTML of the page in the trace`);
    const states = m.painted.map((p) => p.state);
    assert.deepEqual(states, Array(widgets).fill('ready'), `widget states on ${url}`);

    let heap = null;
    if (memory) {
      const used = async () => (await cdp.send('Performance.getMetrics')).metrics.find((x) => x.name === 'JSHeapUsedSize').value / 2 ** 20;
      heap = { heapMB: await used() };
      await cdp.send('HeapProfiler.collectGarbage');
      heap.heapAfterGcMB = await used();
      heap.wasmMB = null;
      if (variantOf(variant).wasm) {
        // The glue's default export returns the live instance's exports once initialised (it
        // checks its module-level `exports` first), so importing the same URL adds no instance.
        const glue = log.requests.find(isGlue);
        assert.ok(glue, 'ours: glue request not seen');
        const wasmBefore = log.requests.filter(isWasm).length;
        const bytes = await page.evaluate(async (g) => {
          const w = await (await import(g)).default();
          // The exports have short names (tools/shrink.mjs): the memory is the one Memory.
          const memory = Object.values(w).find((x) => x instanceof WebAssembly.Memory);
          return memory ? memory.buffer.byteLength : null;
        }, glue);
        assert.ok(bytes > 0, 'ours: no wasm memory in the glue exports');
        assert.equal(log.requests.filter(isWasm).length, wasmBefore, 'reading wasm memory fetched the wasm again');
        assert.equal(await page.evaluate(() => window.__bench.wasmCalls), m.wasmCalls, 'reading wasm memory instantiated the wasm again');
        heap.wasmMB = bytes / 2 ** 20;
      }
      heap.footprintMB = heap.heapAfterGcMB + (heap.wasmMB ?? 0);
    }
    const items = read ? await page.evaluate(readWidgets, tag) : null;
    assert.deepEqual(log.problems, [], `console/page problems on ${url}`);

    const painted = m.painted.map((p) => p.painted);
    const first = Math.min(...painted);
    // Resource timing of what the widget loads, by role, earliest entry of each (the feed's
    // preload and the fetch answered from it can both appear).
    const res = (test) => m.resources.filter((r) => test(r.url)).sort((a, b) => a.start - b.start)[0] ?? null;
    const feedUrl = (u) => u.startsWith(servers.feed.url);
    const roles = variantOf(variant).wasm
      ? { loader: res(isLoader), glue: res(isGlue), wasm: res(isWasm), feed: res(feedUrl) }
      : { element: res(isVanilla), feed: res(feedUrl) };
    const hits = Object.fromEntries(Object.entries(servers).map(([k, s]) => [k, s.hits.slice(hitsFrom[k])]));
    // Each long task, with how much of it the trace shows running the widget's script.
    const tasks = traced?.longTasks ?? m.longtasks;
    const longTasks = tasks.map((t) => ({ ...t, widgetScriptMs: traced?.scriptIn(t.start, t.start + t.duration) ?? null }));
    const long = tasks.map((t) => t.duration);
    const worst = m.loafs.reduce((w, l) => (l.duration > (w?.duration ?? 0) ? l : w), null);
    return {
      firstPaintedMs: first,
      allPaintedMs: Math.max(...painted),
      scriptMs: traced?.scriptMs ?? null,
      harnessMs: traced?.harnessMs ?? null,
      busyMs: traced?.busyMs ?? null,
      traceEvents: traced?.events ?? null,
      longestTaskMs: Math.max(0, ...long),
      tbtMs: long.reduce((t, d) => t + Math.max(0, d - 50), 0),
      // The long tasks in which the widget's JavaScript or wasm ran (1 ms or more of it): the
      // page's own parsing and first layout are left out, the layout its script forces is in.
      ...(traced && (() => {
        const mine = longTasks.filter((t) => t.widgetScriptMs >= 1).map((t) => t.duration);
        return { widgetLongestTaskMs: Math.max(0, ...mine), widgetTbtMs: mine.reduce((t, d) => t + Math.max(0, d - 50), 0) };
      })()),
      longTasks,
      traceClock: traced?.clock ?? null,
      longestFrameMs: worst?.duration ?? 0,
      worstFrame: worst,
      cls: m.cls,
      shifts: m.shifts,
      navigation: m.navigation,
      connection: m.connection,
      roles,
      resources: m.resources,
      hits,
      feedRequests: hits.feed.filter((h) => h.method === 'GET').length,
      feedRequestsSeen: log.requests.filter(feedUrl).length,
      wasmRequests: hits.cdn.filter((h) => h.method === 'GET' && h.path.endsWith('.wasm')).length,
      wasmInstantiations: variant === 'ours' ? m.wasmCalls : null,
      wasmUrl: log.requests.find(isWasm) ?? null,
      ...heap,
      ...(lazy && {
        scrolledMs: scrolled, enteredMs: m.entered, widgetTopScreens: top,
        // Vanilla renders whenever the page loads; a widget painted before the reader got
        // there is on screen the moment it enters: 0.
        enteredToPaintedMs: m.entered === null ? null : Math.max(0, first - m.entered),
        paintedBeforeEntering: first < m.entered,
        longestTaskAfterEnteringMs: Math.max(0, ...tasks.filter((t) => t.start + t.duration > m.entered).map((t) => t.duration)),
        scriptAfterEnteringMs: traced && m.entered !== null ? traced.scriptIn(m.entered, Infinity) : null,
        scriptBeforeEnteringMs: traced && m.entered !== null ? traced.scriptIn(-Infinity, m.entered) : null,
      }),
      items,
    };
  } catch (err) {
    if (trace) await stopTrace(cdp).catch(() => {});
    throw new Error(`${variant} on ${url}: ${err.message}\n${JSON.stringify(log.problems, null, 2)}`, { cause: err });
  }
}

// ---- checks on each run (fail loudly) ---------------------------------------

const CDN_ROLES = ['loader', 'glue', 'wasm', 'element'];

function checkCold(r, label, { throttled, wasmBrotli }) {
  for (const [role, e] of Object.entries(r.roles)) {
    assert.ok(e, `${label}: no resource timing for the ${role}`);
    assert.ok(e.transferSize > 0, `${label}: the ${role} came from the cache on a cold load (transferSize 0)`);
    // Brotli on the wire: the encoded body is the compressed one (needs Timing-Allow-Origin).
    assert.ok(e.encodedBodySize > 0 && e.encodedBodySize < e.decodedBodySize,
      `${label}: the ${role} was not sent compressed (${e.encodedBodySize} of ${e.decodedBodySize} bytes)`);
  }
  for (const h of [...r.hits.cdn, ...r.hits.feed]) {
    if (h.method !== 'GET') continue;
    assert.equal(h.encoding, 'br', `${label}: ${h.path} sent ${h.encoding} (Accept-Encoding: ${h.acceptEncoding})`);
    assert.equal(h.status, 200, `${label}: ${h.path} answered ${h.status} on a cold load`);
  }
  if (throttled && r.roles.wasm) {
    // 1.6 Mbps: the wasm alone takes its brotli bytes / 200 KB/s. Faster means no throttling.
    const floor = (wasmBrotli / MOBILE_NETWORK.downloadThroughput) * 1000 * 0.9;
    const took = r.roles.wasm.end - r.roles.wasm.start;
    assert.ok(took >= floor, `${label}: the wasm arrived in ${took.toFixed(0)} ms, under the ${floor.toFixed(0)} ms 1.6 Mbps allows: throttling not in effect`);
  }
}

function checkRepeat(r, label) {
  for (const role of CDN_ROLES) {
    const e = r.roles[role];
    if (!e) continue;
    assert.equal(e.transferSize, 0, `${label}: the ${role} did not come from the HTTP cache on the repeat view`);
  }
  assert.equal(r.hits.cdn.length, 0, `${label}: the CDN was asked again on the repeat view: ${r.hits.cdn.map((h) => h.path)}`);
}

// ---- statistics and tables -------------------------------------------------

const median = (xs) => {
  const s = xs.filter((x) => x !== null && x !== undefined && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x, digits = 0) => (x === null || x === undefined ? 'n/a' : x.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const ratio = (a, b) => (a === null || b === null || b === 0 ? 'n/a' : `${(a / b).toFixed(2)}×`);
const mdTable = (head, rows) => [head, head.map((_, i) => (i ? '---:' : '---')), ...rows]
  .map((r) => `| ${r.join(' | ')} |`).join('\n');
// The script a long frame spent most time in, as "file:function (invoker)".
const culprit = (frame) => {
  const s = frame?.scripts.reduce((w, x) => (x.duration > (w?.duration ?? -1) ? x : w), null);
  if (!s) return frame ? 'no script (style/layout/paint)' : 'none';
  const file = s.sourceURL ? s.sourceURL.split('/').pop() : '?';
  return `${file}${s.sourceFunctionName ? `:${s.sourceFunctionName}` : ''} (${s.invokerType}: ${s.invoker})`;
};

// ---- main ------------------------------------------------------------------

async function main() {
  assert.ok(Number.isInteger(RUNS) && RUNS >= 1, `RUNS must be a positive integer, got ${process.env.RUNS}`);
  assert.ok(Number.isInteger(DESKTOP_RUNS) && DESKTOP_RUNS >= 1, `DESKTOP_RUNS must be a positive integer, got ${process.env.DESKTOP_RUNS}`);
  const started = Date.now();
  const dist = readDist();
  const vanilla = buildVanilla();
  const work = mkdtempSync(join(tmpdir(), 'rs-bench-'));
  writeFileSync(join(work, 'related-stories-vanilla.js'), vanilla.code);
  const bytes = {
    ours: sizes(DIST).filter((r) => dist.files.includes(r.file)),
    vanilla: sizes(work).filter((r) => r.file === 'related-stories-vanilla.js'),
  };
  for (const k of ['ours', 'vanilla']) {
    bytes[k].push(bytes[k].reduce((t, r) => ({ file: 'total', raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
      { file: 'total', raw: 0, gzip: 0, brotli: 0 }));
  }
  rmSync(work, { recursive: true, force: true });
  const wasmBrotli = bytes.ours.find((r) => r.file === dist.wasm).brotli;

  const feeds = Object.fromEntries(SIZES.map((n) => [n, Buffer.from(JSON.stringify(generateFeed(n)))]));
  const servers = {};
  const raw = { desktop: {}, mobile: {} };
  const rankCells = {};
  const machine = { date: new Date().toISOString() };
  const contexts = [];
  try {
    servers.cdn = await origin('cdn', new Map([
      ...dist.files.map((f) => [`/related-stories/${f}`, { data: dist.data[f], cache: CDN_CACHE(f) }]),
      ['/vanilla/related-stories-vanilla.js', { data: vanilla.code, cache: CDN_CACHE('related-stories-vanilla.js') }],
    ]));
    servers.feed = await origin('feed', new Map(SIZES.map((n) => [`/en/feed-${n}.json`, { data: feeds[n], cache: FEED_CACHE }])));
    const feedUrl = (n) => `${servers.feed.url}/en/feed-${n}.json`;
    const canonical = (n) => JSON.parse(feeds[n]).items[0].url;
    const pages = new Map();
    for (const [name, v] of Object.entries(VARIANTS)) {
      const opts = { cdn: servers.cdn.url, sections: [SECTIONS] };
      for (const n of SIZES) pages.set(`/${name}-${n}.html`, page(v, { ...opts, feed: feedUrl(n), canonical: canonical(n) }));
      pages.set(`/${name}-ten.html`, page(v, { ...opts, feed: feedUrl(1000), canonical: canonical(1000), sections: TEN }));
      pages.set(`/${name}-lazy.html`, page(v, { ...opts, feed: feedUrl(50), canonical: canonical(50), lazy: true }));
    }
    for (const n of RELATED_SIZES) {
      pages.set(`/related-${n}.html`, page(RELATED.related, { cdn: servers.cdn.url, sections: [SECTIONS], feed: feedUrl(n), canonical: canonical(n) }));
    }
    // The article itself: revalidated on every view, as news pages are.
    servers.page = await origin('page', new Map([...pages].map(([p, html]) => [p, { data: Buffer.from(html), cache: 'no-cache' }])), { cors: false });
    const pageUrl = (file) => `${servers.page.url}/${file}`;

    const launch = async (profile) => {
      const dir = mkdtempSync(join(tmpdir(), 'rs-bench-profile-'));
      const context = await launchChromium(dir, PROFILES[profile].launch);
      contexts.push({ context, dir });
      context.setDefaultTimeout(TIMEOUT);
      await context.addInitScript(probe);
      return context;
    };
    const progress = (label, i, n) => process.stderr.write(`\r${label}: ${i}/${n}   ${i === n ? '\n' : ''}`);
    // Interleaved, alternating who goes first, so drift (say, a build running alongside) hits both alike.
    const rounds = async (label, n, one, pair = ['ours', 'vanilla']) => {
      const into = Object.fromEntries(pair.map((v) => [v, []]));
      const t0 = Date.now();
      for (let i = 0; i < n; i++) {
        for (const v of i % 2 ? [...pair].reverse() : pair) into[v].push(await one(v, i === 0));
        progress(label, i + 1, n);
      }
      // A faster but wrong floor is useless: both must show the same stories.
      const shown = (v) => into[v][0].items.map((w) => w.items);
      if (into.vanilla) assert.deepEqual(shown('vanilla'), shown('ours'), `${label}: vanilla and ours show different stories`);
      for (const v of pair) assert.ok(shown(v).every((w) => w.length > 0), `${label}: a widget of ${v} shows no stories`);
      (machine.cellSeconds ??= {})[label] = Math.round((Date.now() - t0) / 1000);
      return into;
    };
    const cold = (context, profile, file, opts = {}) => async (variant, read) => {
      const tab = await openTab(context, PROFILES[profile]);
      try {
        await coldStart(tab, servers);
        const r = await load(tab, servers, pageUrl(`${variant}-${file}.html`), { variant, read, ...opts });
        checkCold(r, `${profile} ${variant}-${file}`, { throttled: PROFILES[profile].throttle, wasmBrotli });
        return r;
      } finally {
        await tab.page.close();
      }
    };

    // ---- desktop ----
    {
      const context = await launch('desktop');
      const version = await (await context.newCDPSession(context.pages()[0] ?? await context.newPage())).send('Browser.getVersion');
      Object.assign(machine, {
        cpu: readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1] ?? 'unknown',
        cores: cpus().length,
        chromium: version.product,
        node: process.version,
        loadavgStart: loadavg().map((x) => +x.toFixed(2)),
      });
      // The first pages of a fresh browser pay process start-up; keep them out of the figures.
      for (const v of Object.keys(VARIANTS)) await cold(context, 'desktop', '50')(v, false);
      for (const n of SIZES) {
        raw.desktop[n] = await rounds(`desktop, ${n} items`, DESKTOP_RUNS, cold(context, 'desktop', `${n}`, { memory: true }));
      }
      for (const n of RELATED_SIZES) {
        rankCells[n] = await rounds(`desktop, ${n} items, rank=related against rank=newest`, DESKTOP_RUNS,
          cold(context, 'desktop', `${n}`, { memory: true }), ['ours', 'related']);
      }
      raw.desktop.ten = await rounds('desktop, ten widgets', DESKTOP_RUNS, cold(context, 'desktop', 'ten', { widgets: TEN.length, memory: true }));
      for (const v of Object.keys(VARIANTS)) {
        for (const r of raw.desktop.ten[v]) {
          assert.equal(r.feedRequests, 1, `ten widgets, ${v}: ${r.feedRequests} feed requests`);
          if (v === 'ours') {
            assert.equal(r.wasmRequests, 1, `ten widgets, ours: ${r.wasmRequests} wasm requests`);
            assert.equal(r.wasmInstantiations, 1, `ten widgets, ours: ${r.wasmInstantiations} wasm instantiations`);
          }
        }
      }
      await context.close();
    }

    // ---- mobile ----
    {
      const context = await launch('mobile');
      for (const v of Object.keys(VARIANTS)) await cold(context, 'mobile', '50')(v, false);
      raw.mobile.cold = await rounds('mobile cold', RUNS, cold(context, 'mobile', '50'));
      raw.mobile.repeat = await rounds('mobile repeat', RUNS, async (variant, read) => {
        const tab = await openTab(context, PROFILES.mobile);
        try {
          const url = pageUrl(`${variant}-50.html`);
          await coldStart(tab, servers);
          const first = await load(tab, servers, url, { variant, trace: false });
          checkCold(first, `mobile repeat ${variant} (first load)`, { throttled: true, wasmBrotli });
          await tab.page.waitForTimeout(REPEAT_AFTER_MS);
          // The reader's next article on the same site: another URL (the same page here), so
          // Chromium does not treat it as a reload of the current one.
          const r = await load(tab, servers, `${url}?next`, { variant, read });
          checkRepeat(r, `mobile repeat ${variant}`);
          r.firstLoadPaintedMs = first.firstPaintedMs;
          return r;
        } finally {
          await tab.page.close();
        }
      });
      raw.mobile.lazy = await rounds('mobile lazy', RUNS, async (variant, read) => {
        const tab = await openTab(context, PROFILES.mobile);
        try {
          await coldStart(tab, servers);
          const r = await load(tab, servers, pageUrl(`${variant}-lazy.html`), { variant, read, lazy: true });
          checkCold(r, `mobile lazy ${variant}`, { throttled: true, wasmBrotli });
          assert.ok(r.enteredMs !== null, `lazy ${variant}: the widget never entered the viewport`);
          assert.ok(r.widgetTopScreens >= 4 && r.enteredMs >= r.scrolledMs - 1,
            `lazy ${variant}: the widget was not below the fold (top at ${r.widgetTopScreens} screens, entered ${r.enteredMs}, scrolled ${r.scrolledMs})`);
          return r;
        } finally {
          await tab.page.close();
        }
      });
      await context.close();
    }
  } finally {
    for (const { context, dir } of contexts) {
      await context.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    }
    for (const s of Object.values(servers)) await s.close();
  }

  // ---- report ----
  let commit = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
    if (execFileSync('git', ['status', '--porcelain'], { cwd: ROOT }).toString().trim()) commit += '+dirty';
  } catch {}
  machine.loadavgEnd = loadavg().map((x) => +x.toFixed(2));
  machine.seconds = Math.round((Date.now() - started) / 1000);
  const wasmUrls = [...new Set(Object.values(raw).flatMap((p) => Object.values(p)).flatMap((c) => c.ours.map((r) => r.wasmUrl)))];

  const med = (runs, key) => median(runs.map((r) => (typeof key === 'function' ? key(r) : r[key])));
  const both = (c, key) => [med(c.ours, key), med(c.vanilla, key)];
  const medians = {};
  const row = (cellName, c, label, key, digits = 0, { ratioToo = true } = {}) => {
    const [o, v] = both(c, key);
    if (typeof key === 'string') (medians[cellName] ??= {})[key] = { ours: o, vanilla: v };
    return [label, fmt(o, digits), fmt(v, digits), ratioToo ? ratio(o, v) : ''];
  };
  // CLS is bimodal (the page painted before the element was defined, or not): the median and
  // how many runs shifted the page by 0.1 or more.
  const clsRow = (name, c) => {
    const [label, o, v] = row(name, c, 'CLS (median; runs ≥ 0.1)', 'cls', 4, { ratioToo: false });
    const big = (runs) => `${runs.filter((r) => r.cls >= 0.1).length}/${runs.length}`;
    return [label, `${o} (${big(c.ours)})`, `${v} (${big(c.vanilla)})`, ''];
  };
  const cellRows = (name, c) => [
    row(name, c, 'navigation → first story painted (ms)', 'firstPaintedMs'),
    row(name, c, 'widget main-thread script time (ms, trace)', 'scriptMs'),
    row(name, c, 'main-thread busy, whole page (ms, trace)', 'busyMs'),
    row(name, c, 'longest task running widget script (ms; 0: none over 50)', 'widgetLongestTaskMs'),
    row(name, c, 'total blocking time, those tasks (ms, Σ duration − 50)', 'widgetTbtMs'),
    row(name, c, 'total blocking time, all long tasks of the page (ms)', 'tbtMs'),
    row(name, c, 'longest animation frame (ms)', 'longestFrameMs'),
    clsRow(name, c),
  ];
  // start → end of each file the widget loads, medians, ms from navigation start.
  const waterfall = (c, variant) => {
    const roles = Object.keys(c[variant][0].roles);
    return `${variant}: ${roles.map((role) => `${role} ${fmt(med(c[variant], (r) => r.roles[role]?.start))} → ${fmt(med(c[variant], (r) => r.roles[role]?.end))}`).join(', ')}`
      + ` (page HTML done ${fmt(med(c[variant], (r) => r.navigation.responseEnd))}, painted ${fmt(med(c[variant], 'firstPaintedMs'))})`;
  };
  const profileTable = (title, name, c, note) => [
    `### ${title}`, '', note, '',
    mdTable(['metric', 'ours', 'vanilla', 'ours/vanilla'], cellRows(name, c)), '',
    'Waterfall, ms from navigation start (start → end, resource timing medians):', '',
    `- ${waterfall(c, 'ours')}`, `- ${waterfall(c, 'vanilla')}`, '',
  ];
  const feedKB = (n) => fmt(feeds[n].length / 1024);
  const feedBr = (n) => fmt(servers.feed.table.get(`/en/feed-${n}.json`).br.length / 1024, 1);

  const sizeRows = [];
  for (const n of [1000, 10000]) {
    const c = raw.desktop[n];
    for (const [label, key, digits] of [['navigation → first story painted (ms)', 'firstPaintedMs', 0],
      ['widget main-thread script time (ms)', 'scriptMs', 0], ['longest task running widget script (ms)', 'widgetLongestTaskMs', 0],
      ['total blocking time, those tasks (ms)', 'widgetTbtMs', 0], ['longest animation frame (ms)', 'longestFrameMs', 0],
      ['JS heap after GC + wasm memory (MB)', 'footprintMB', 2]]) {
      const [o, v] = both(c, key);
      (medians[`desktop-${n}`] ??= {})[key] = { ours: o, vanilla: v };
      sizeRows.push([label, `${fmt(n)} (${feedKB(n)} KB, ${feedBr(n)} KB br)`, fmt(o, digits), fmt(v, digits), ratio(o, v)]);
    }
  }
  // rank="related" against rank="newest": the extra script time is what ranking by text costs.
  const rankRows = [];
  for (const n of RELATED_SIZES) {
    const c = rankCells[n];
    for (const [label, key] of [['navigation → first story painted (ms)', 'firstPaintedMs'],
      ['widget main-thread script time (ms)', 'scriptMs'], ['longest task running widget script (ms)', 'widgetLongestTaskMs'],
      ['total blocking time, those tasks (ms)', 'widgetTbtMs']]) {
      const [related, newest] = [med(c.related, key), med(c.ours, key)];
      (medians[`related-${n}`] ??= {})[key] = { related, newest };
      rankRows.push([label, fmt(n), fmt(related), fmt(newest), fmt(related - newest)]);
    }
  }
  const ten = raw.desktop.ten;
  const tenRows = [
    row('ten', ten, 'feed requests', 'feedRequests', 0, { ratioToo: false }),
    ['wasm fetches / instantiations', `${fmt(med(ten.ours, 'wasmRequests'))} / ${fmt(med(ten.ours, 'wasmInstantiations'))}`, '– / –', ''],
    row('ten', ten, 'navigation → all 10 painted (ms)', 'allPaintedMs'),
    row('ten', ten, 'widget main-thread script time (ms)', 'scriptMs'),
    row('ten', ten, 'longest task running widget script (ms)', 'widgetLongestTaskMs'),
    row('ten', ten, 'total blocking time, those tasks (ms)', 'widgetTbtMs'),
    clsRow('ten', ten),
    row('ten', ten, 'JS heap after GC + wasm memory (MB)', 'footprintMB', 2),
  ];
  const lazy = raw.mobile.lazy;
  const lazyRows = [
    row('lazy', lazy, 'entering the viewport → first story painted (ms)', 'enteredToPaintedMs', 0, { ratioToo: false }),
    row('lazy', lazy, 'widget main-thread script time before entering (ms, trace)', 'scriptBeforeEnteringMs', 0, { ratioToo: false }),
    row('lazy', lazy, 'widget main-thread script time after entering (ms, trace)', 'scriptAfterEnteringMs', 0, { ratioToo: false }),
    row('lazy', lazy, 'longest task after entering (ms)', 'longestTaskAfterEnteringMs', 0, { ratioToo: false }),
    row('lazy', lazy, 'navigation → load event (ms)', (r) => r.navigation.load, 0, { ratioToo: false }),
  ];
  const lazyWhen = (role) => `${role} ${fmt(med(lazy.ours, (r) => (r.roles[role] ? r.roles[role].start - r.enteredMs : null)))} → ${fmt(med(lazy.ours, (r) => (r.roles[role] ? r.roles[role].end - r.enteredMs : null)))}`;
  const onWire = (file) => {
    const cellRuns = raw.mobile.cold[file === 'related-stories-vanilla.js' ? 'vanilla' : 'ours'];
    const e = cellRuns[0].resources.find((x) => pathOf(x.url).endsWith(`/${file}`));
    return e ? fmt(e.encodedBodySize) : 'n/a';
  };
  const byteRows = [...bytes.ours.map((r) => ['ours', r]), ...bytes.vanilla.map((r) => ['vanilla', r])].map(([who, r]) =>
    [`${who}: ${r.file}`, fmt(r.raw), fmt(r.gzip), fmt(r.brotli), r.file === 'total' ? '' : onWire(r.file)]);
  const oursTotal = bytes.ours.at(-1), vanTotal = bytes.vanilla.at(-1);
  byteRows.push(['ours/vanilla, total', ratio(oursTotal.raw, vanTotal.raw), ratio(oursTotal.gzip, vanTotal.gzip), ratio(oursTotal.brotli, vanTotal.brotli), '']);

  // issue #11's budgets.
  const r50 = (c) => { const [o, v] = both(c, 'firstPaintedMs'); return o / v; };
  const wasmRaw = bytes.ours.find((r) => r.file === dist.wasm).raw;
  const budgets = [
    ['total brotli', `${fmt(oursTotal.brotli / 1000, 1)} KB`, oursTotal.brotli <= 70_000, '≤ 70 KB'],
    ['wasm raw', `${fmt(wasmRaw / 1000, 1)} KB`, wasmRaw <= 200_000, '≤ 200 KB'],
    ['mobile cold', `${r50(raw.mobile.cold).toFixed(2)}×`, r50(raw.mobile.cold) <= 1.6, '≤ 1.6× vanilla'],
    ['desktop', `${r50(raw.desktop[50]).toFixed(2)}×`, r50(raw.desktop[50]) <= 1.3, '≤ 1.3×'],
    ['mobile repeat', `${r50(raw.mobile.repeat).toFixed(2)}×`, r50(raw.mobile.repeat) <= 1.0, '≤ 1.0×'],
    ['lazy', `${fmt(med(lazy.ours, 'enteredToPaintedMs'))} ms`, med(lazy.ours, 'enteredToPaintedMs') <= 100, '≤ 100 ms'],
    ['widget TBT on mobile', `${fmt(med(raw.mobile.cold.ours, 'widgetTbtMs'))} ms`, med(raw.mobile.cold.ours, 'widgetTbtMs') <= 50, '≤ 50 ms'],
  ];
  const culprits = [];
  for (const [label, c] of [['desktop 50', raw.desktop[50]], ['desktop 10,000', raw.desktop[10000]], ['mobile cold', raw.mobile.cold]]) {
    for (const v of Object.keys(VARIANTS)) {
      const counts = {};
      for (const r of c[v]) if (r.worstFrame) counts[culprit(r.worstFrame)] = (counts[culprit(r.worstFrame)] ?? 0) + 1;
      culprits.push(`- ${label}, ${v}: ${Object.entries(counts).map(([k, n]) => `${k} ×${n}`).join('; ') || 'no frame over 50 ms'}`);
    }
  }
  const conn = raw.mobile.lazy.ours[0].connection;
  const pairs = Object.values(raw).flatMap((p) => Object.values(p))
    .flatMap((c) => c.ours[0].items.map((w, i) => [w, c.vanilla[0].items[i]]));

  const out = [
    `## related-stories benchmark — ${machine.date}`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, load average ${machine.loadavgStart.join(' ')} at start, ${machine.loadavgEnd.join(' ')} at end; `
      + `${machine.chromium} (headless), Node ${machine.node}; commit ${commit ?? '?'}; ${machine.seconds} s.`,
    `Runs: ${RUNS} per mobile cell, ${DESKTOP_RUNS} per desktop cell, ours and vanilla alternating; medians. Dist: ${DIST} (${dist.files.join(', ')}).`,
    `Served as a CDN would: page, CDN and feed on three origins; brotli q11 for all; CDN \`${CDN_CACHE('x-0123456789abcdef.js')}\` for hashed names, `
      + `\`${CDN_CACHE('related-stories.js')}\` for the loader and the vanilla file; feed \`${FEED_CACHE}\` + ETag; page \`no-cache\`.`,
    ...(dist.others.length ? ['', `Note: ${DIST} also holds ${dist.others.join(', ')}, not named by the loader (not served, not counted).`] : []),
    ...(wasmUrls.length > 1 ? ['', `**WARNING: more than one wasm was loaded** (${wasmUrls.join(', ')}).`] : []),
    '',
    ...profileTable('Desktop (unthrottled, 1000×900), 50-item feed, cold cache', 'desktop', raw.desktop[50],
      `${DESKTOP_RUNS} runs; feed ${feedKB(50)} KB (${feedBr(50)} KB brotli).`),
    ...profileTable('Mobile, cold cache (4× CPU, 150 ms, 1.6 Mbps / 750 Kbps, 412×823 @1.75)', 'mobile-cold', raw.mobile.cold,
      `${RUNS} runs; same page and feed as desktop.`),
    ...profileTable('Mobile, repeat view (same tab, HTTP cache warm)', 'mobile-repeat', raw.mobile.repeat,
      `${RUNS} runs; the second of two loads ${REPEAT_AFTER_MS / 1000} s apart; the first (cold) painted at median `
        + `${fmt(med(raw.mobile.repeat.ours, 'firstLoadPaintedMs'))} ms ours, ${fmt(med(raw.mobile.repeat.vanilla, 'firstLoadPaintedMs'))} ms vanilla. `
        + `Feed from the cache in ${raw.mobile.repeat.ours.filter((r) => r.roles.feed?.transferSize === 0).length} of ${RUNS} (ours), `
        + `${raw.mobile.repeat.vanilla.filter((r) => r.roles.feed?.transferSize === 0).length} of ${RUNS} (vanilla).`),
    '### Mobile, lazy widget below the fold (default `loading`, scrolled into view 5 s after load)',
    '',
    `${RUNS} runs, cold cache; the widget's top ${fmt(med(lazy.ours, 'widgetTopScreens'), 1)} screens down. `
      + `navigator.connection: ${conn ? `${conn.effectiveType}${conn.saveData ? ', saveData' : ''}` : 'n/a'}. `
      + `Vanilla has no lazy mode and painted before it was scrolled to in ${lazy.vanilla.filter((r) => r.paintedBeforeEntering).length} of ${RUNS}.`,
    '',
    mdTable(['metric', 'ours', 'vanilla', ''], lazyRows),
    '',
    `Ours, ms from entering the viewport (negative: before it): ${['loader', 'glue', 'wasm', 'feed'].map(lazyWhen).join(', ')}.`,
    '',
    '### Desktop, larger feeds',
    '',
    mdTable(['metric', 'feed items', 'ours', 'vanilla', 'ours/vanilla'], sizeRows),
    '',
    '### Desktop, rank="related" (the default) against rank="newest"',
    '',
    `${DESKTOP_RUNS} runs each, alternating, same page and feed: the difference is what ranking by text costs in the browser.`,
    '',
    mdTable(['metric', 'feed items', 'related', 'newest', 'related − newest'], rankRows),
    '',
    `### Desktop, ten widgets on one page (1,000-item feed, ${TEN.length} different \`sections\`)`,
    '',
    mdTable(['metric', 'ours', 'vanilla', 'ours/vanilla'], tenRows),
    '',
    '### Bytes',
    '',
    mdTable(['file', 'raw', 'gzip -9', 'brotli -q 11', 'on the wire (mobile cold)'], byteRows),
    '',
    `Vanilla is one minified file: its JS with the ${fmt(vanilla.css)} bytes of style/related-stories.css inlined.`,
    `Sanity (first run of every cell): ours and vanilla showed the same stories (title, link, sections, date, badge) in all `
      + `${pairs.length} widgets compared; identical normalised shadow DOM in ${pairs.filter(([o, v]) => o.dom === v.dom).length} of ${pairs.length}.`,
    '',
    `**Budgets (issue #11):** ${budgets.map(([what, value, ok, limit]) => `${what} ${value} ${ok ? '✓' : '✗'} (${limit})`).join('; ')}.`,
    '',
    'Longest frame, by its top script (Long Animation Frames attribution), in how many runs:',
    ...culprits,
  ].join('\n');
  console.log(out);

  mkdirSync(at('bench/results'), { recursive: true });
  writeFileSync(at('bench/results/latest.json'), `${JSON.stringify({
    machine, commit, runs: { mobile: RUNS, desktop: DESKTOP_RUNS },
    settings: { dist: DIST, files: dist.files, feedCache: FEED_CACHE, mobileNetwork: MOBILE_NETWORK, mobileCpu: MOBILE_CPU,
      profiles: PROFILES, repeatAfterMs: REPEAT_AFTER_MS, lazyWaitMs: LAZY_WAIT_MS },
    bytes: { ...bytes, vanillaBuild: { unminified: vanilla.unminified, css: vanilla.css } },
    feeds: Object.fromEntries(SIZES.map((n) => [n, { raw: feeds[n].length, brotli: servers.feed.table.get(`/en/feed-${n}.json`).br.length }])),
    budgets: budgets.map(([what, value, ok, limit]) => ({ what, value, ok, limit })),
    medians, raw, rankCells,
  }, null, 1)}\n`);
  console.error(`raw numbers: ${at('bench/results/latest.json')}`);
}

main().then(() => clearTimeout(WATCHDOG), fail);
