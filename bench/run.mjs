// make bench: the Rust/Leptos/wasm widget ("ours") against the hand-written vanilla floor,
// in headless Chromium, on generated feeds of 50, 1,000 and 10,000 items.
//   node bench/run.mjs            (RUNS=15 by default; RUNS=3 for a quick check)
// Prints markdown tables to stdout and writes every raw number to bench/results/latest.json.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { launchChromium } from '../tools/chromium.mjs';
import { serve } from '../tools/server.mjs';
import { sizes } from '../tools/size.mjs';
import { writeFeeds } from './gen-feed.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = (p) => join(ROOT, p);
const RUNS = Number(process.env.RUNS ?? 15);
const SIZES = [50, 1000, 10000];
const TIMEOUT = 20_000;
// A wedged browser must not hang `make bench` forever (a normal run takes ~8 s per RUNS).
const WATCHDOG_MS = 120_000 + RUNS * 40_000;
const WATCHDOG = setTimeout(() => fail(new Error(`bench took over ${WATCHDOG_MS / 1000} s`)), WATCHDOG_MS).unref();
const VARIANTS = {
  ours: { tag: 'related-stories', script: '/dist/related-stories.js' },
  vanilla: { tag: 'vanilla-related-stories', script: '/vanilla/related-stories-vanilla.js' },
};
const SECTIONS = 'Politics, Security';
const TEN = ['Politics', 'Security', 'Economy', 'Society', 'World', 'Culture', 'Sport', 'Technology',
  'Politics, Security', 'Economy, World'];

function fail(err) {
  console.error(`bench: FAILED: ${err.stack ?? err}`);
  process.exit(1);
}

// ---- what the browser loads ------------------------------------------------

// The floor ships as one file: its JS with the widget's CSS inlined, minified like our loader and glue.
function buildVanilla(dir) {
  const css = readFileSync(at('style/related-stories.css'), 'utf8');
  const source = readFileSync(at('bench/vanilla/related-stories-vanilla.js'), 'utf8');
  const js = source.replace(/^const CSS = __RS_CSS__;$/m, () => `const CSS = ${JSON.stringify(css)};`);
  assert.ok(!/^const CSS = __RS_CSS__;/m.test(js) && js !== source, 'vanilla: `const CSS = __RS_CSS__;` line missing');
  writeFileSync(join(dir, 'related-stories-vanilla.js'),
    transformSync(js, { minify: true, format: 'esm', target: 'es2022' }).code);
  return { unminified: Buffer.byteLength(js), css: Buffer.byteLength(css) };
}

const FILLER = 'Minsk and Moscow have adopted a programme of coordinated foreign policy actions for 2024–2026, '
  + 'which, according to the Russian foreign minister, pays substantial attention to cooperation in the humanitarian sphere.';

// An article page as a partner would have it: lede, then the widget(s), then more content
// in view below, so any shift the widget causes is counted by CLS.
function page({ tag, script }, feed, canonical, sections) {
  // Ten widgets stack far below the fold; "time to all painted" needs them all
  // started at once (ours is lazy by default; vanilla has no such option).
  const eager = sections.length > 1 ? ' loading="eager"' : '';
  const widgets = sections.map((s) => `<${tag}${eager} feed="${feed}" sections="${s}">\n`
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
</style>
<script type="module" src="${script}"></script>
</head>
<body>
<header>Pozirk</header>
<main>
<h1>Belarusian, Russian foreign ministries adopt coordinated foreign policy</h1>
<p>${FILLER}</p>
${widgets}
<h2>Most read</h2>
${`<p>${FILLER}</p>\n`.repeat(6)}</main>
</body>
</html>
`;
}

// ---- in the page -----------------------------------------------------------

// Installed before any page script: observers that only see what happened after they were
// registered would miss early long tasks and shifts. Watches every shadow root for its
// first settled data-state, without polling.
function probe() {
  const b = (window.__bench = { painted: [], cls: 0, longtasks: [], loafs: [], wasmCalls: 0 });
  const observe = (type, fn) => new PerformanceObserver((list) => list.getEntries().forEach(fn))
    .observe({ type, buffered: true });
  b.shifts = [];
  observe('layout-shift', (e) => {
    if (e.hadRecentInput) return;
    b.cls += e.value;
    const box = (r) => `${Math.round(r.y)}+${Math.round(r.height)}`;
    b.shifts.push({ at: e.startTime, value: e.value, sources: e.sources.map((s) => `${s.node?.nodeName ?? '?'} y ${box(s.previousRect)} → ${box(s.currentRect)}`) });
  });
  observe('longtask', (e) => b.longtasks.push(e.duration));
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

// ---- one measured page load ------------------------------------------------

const isWasm = (u) => new URL(u).pathname.endsWith('.wasm');
const isGlue = (u) => /\/related-stories-[0-9a-f]+\.js$/.test(new URL(u).pathname);

async function measure(context, url, { variant, widgets, feedPath, read = false }) {
  const page = await context.newPage();
  const log = { requests: [], problems: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  // An uncaught error ends the wait at once instead of at the timeout.
  const crashed = new Promise((_, reject) => page.on('pageerror', (e) => {
    log.problems.push(`uncaught: ${e.message}`);
    reject(new Error(`uncaught: ${e.message}`));
  }));
  crashed.catch(() => {});
  page.on('console', (m) => ['error', 'warning'].includes(m.type()) && log.problems.push(`${m.type()}: ${m.text()}`));
  page.on('response', (r) => r.status() >= 400 && log.problems.push(`HTTP ${r.status()} ${r.url()}`));
  try {
    const cdp = await context.newCDPSession(page);
    // Every load is cold without asking DevTools: the server answers no-store.
    // (Network.enable here made Chromium decode each response body on the main
    // thread for the inspector: a 50-70 ms task of the measurement's own on the
    // 3.5 MB feed, counted against both elements.)
    await cdp.send('Performance.enable');
    const response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: TIMEOUT });
    assert.equal(response.status(), 200, url);
    await Promise.race([crashed, page.evaluate(([n, ms]) => window.__bench.until(n, ms), [widgets, TIMEOUT])]);
    // One more frame and a beat, so the long-animation-frame entry of the painting frame is in.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
    const m = await page.evaluate((feed) => {
      const b = window.__bench;
      const feeds = performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname === feed);
      const longest = Math.max(0, ...b.longtasks, ...b.loafs.map((l) => l.duration));
      const worst = b.loafs.reduce((w, l) => (l.duration > (w?.duration ?? 0) ? l : w), null);
      const timeline = performance.getEntriesByType('resource')
        .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd }));
      return { painted: b.painted, cls: b.cls, shifts: b.shifts, longest, longestTask: Math.max(0, ...b.longtasks),
        worst, wasmCalls: b.wasmCalls, timeline,
        feedStart: Math.min(...feeds.map((e) => e.startTime)), feedResponseEnd: Math.min(...feeds.map((e) => e.responseEnd)) };
    }, feedPath);
    const states = m.painted.map((p) => p.state);
    assert.deepEqual(states, Array(widgets).fill('ready'), `widget states on ${url}`);
    const heap = async () => (await cdp.send('Performance.getMetrics')).metrics.find((x) => x.name === 'JSHeapUsedSize').value / 2 ** 20;
    const heapMB = await heap();
    await cdp.send('HeapProfiler.collectGarbage');
    const heapAfterGcMB = await heap();
    let wasmMB = null;
    const wasmBefore = log.requests.filter(isWasm).length;
    if (variant === 'ours') {
      // The glue's default export returns the live instance's exports once initialised (it
      // checks its module-level `exports` first), so importing the same URL adds no instance.
      const glue = log.requests.find(isGlue);
      assert.ok(glue, 'ours: glue request not seen');
      const bytes = await page.evaluate(async (g) => {
        const w = await (await import(g)).default();
        return w.memory instanceof WebAssembly.Memory ? w.memory.buffer.byteLength : null;
      }, glue);
      assert.ok(bytes > 0, 'ours: no wasm memory in the glue exports');
      const calls = await page.evaluate(() => window.__bench.wasmCalls);
      assert.equal(log.requests.filter(isWasm).length, wasmBefore, 'reading wasm memory fetched the wasm again');
      assert.equal(calls, m.wasmCalls, 'reading wasm memory instantiated the wasm again');
      wasmMB = bytes / 2 ** 20;
    }
    const items = read ? await page.evaluate(readWidgets, VARIANTS[variant].tag) : null;
    assert.deepEqual(log.problems, [], `console/page problems on ${url}`);
    const painted = m.painted.map((p) => p.painted);
    return {
      firstPaintedMs: Math.min(...painted),
      allPaintedMs: Math.max(...painted),
      feedStartMs: m.feedStart,
      feedToPaintedMs: Math.min(...painted) - m.feedResponseEnd,
      longestTaskMs: m.longest,
      longestTaskOnlyMs: m.longestTask,
      worstFrame: m.worst,
      cls: m.cls,
      bigShift: m.cls >= 0.1 ? 1 : 0,
      shifts: m.shifts,
      heapMB, heapAfterGcMB, wasmMB,
      footprintMB: heapAfterGcMB + (wasmMB ?? 0),
      feedRequests: log.requests.filter((u) => new URL(u).pathname === feedPath).length,
      wasmRequests: wasmBefore,
      wasmInstantiations: variant === 'ours' ? m.wasmCalls : null,
      wasmUrl: log.requests.find(isWasm) ?? null,
      timeline: m.timeline,
      items,
    };
  } catch (err) {
    throw new Error(`${variant} on ${url}: ${err.message}\n${JSON.stringify(log.problems, null, 2)}`, { cause: err });
  } finally {
    await page.close();
  }
}

// ---- statistics and tables -------------------------------------------------

const median = (xs) => {
  const s = xs.filter((x) => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x, digits) => (x === null || x === undefined ? 'n/a' : x.toFixed(digits));
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
  assert.ok(existsSync(at('dist/related-stories.js')), 'dist/related-stories.js not found: build first (make dist)');
  const distBefore = readdirSync(at('dist')).sort();
  const feedsDir = at('bench/feeds');
  const raw = { single: {}, ten: {} };
  const machine = {};
  const work = mkdtempSync(join(tmpdir(), 'rs-bench-'));
  const profile = mkdtempSync(join(tmpdir(), 'rs-bench-profile-'));
  let server, context, vanillaBuild, vanillaSizes;
  try {
    writeFeeds(feedsDir, SIZES);
    mkdirSync(join(work, 'vanilla'));
    vanillaBuild = buildVanilla(join(work, 'vanilla'));
    vanillaSizes = sizes(join(work, 'vanilla'));

    const canonical = Object.fromEntries(SIZES.map((n) =>
      [n, JSON.parse(readFileSync(join(feedsDir, `feed-${n}.json`), 'utf8')).items[0].url]));
    for (const [name, v] of Object.entries(VARIANTS)) {
      for (const n of SIZES) writeFileSync(join(work, `${name}-${n}.html`), page(v, `/feeds/feed-${n}.json`, canonical[n], [SECTIONS]));
      writeFileSync(join(work, `${name}-ten.html`), page(v, '/feeds/feed-1000.json', canonical[1000], TEN));
    }

    server = await serve({ port: 0, mounts: { '/': work, '/dist/': at('dist'), '/feeds/': feedsDir } });
    context = await launchChromium(profile, { viewport: { width: 1000, height: 900 } });
    context.setDefaultTimeout(TIMEOUT);
    await context.addInitScript(probe);
    Object.assign(machine, {
      started: Date.now(),
      date: new Date().toISOString(),
      cpu: readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1] ?? 'unknown',
      cores: cpus().length,
      chromium: context.browser()?.version() ?? 'unknown',
      node: process.version,
      loadavgStart: loadavg().map((x) => +x.toFixed(2)),
    });

    // dist/ is rebuilt under us now and then: a page caught mid-rebuild (a hashed file gone)
    // is retried once; any other failure, or a second one, fails the bench.
    const run = async (name, file, opts) => {
      const dist = readdirSync(at('dist')).join();
      try {
        return await measure(context, `${server.url}${file}`, { variant: name, ...opts });
      } catch (err) {
        if (readdirSync(at('dist')).join() === dist) throw err;
        console.error(`\nbench: dist/ changed during a page load, retrying once (${err.message.split('\n')[0]})`);
        return measure(context, `${server.url}${file}`, { variant: name, ...opts });
      }
    };
    // First page of a fresh browser pays process start-up; keep it out of the figures.
    for (const name of Object.keys(VARIANTS)) await run(name, `${name}-50.html`, { widgets: 1, feedPath: '/feeds/feed-50.json' });

    // Interleaved, alternating who goes first, so drift (say, a build running alongside) hits both alike.
    const rounds = async (label, file, opts, into) => {
      for (let i = 0; i < RUNS; i++) {
        for (const name of i % 2 ? ['vanilla', 'ours'] : ['ours', 'vanilla']) {
          (into[name] ??= []).push(await run(name, file(name), { ...opts, read: i === 0 }));
        }
        process.stderr.write(`\r${label}: ${i + 1}/${RUNS}   `);
      }
      process.stderr.write('\n');
      // A faster but wrong floor is useless: both must show the same stories.
      const shown = (name) => into[name][0].items.map((w) => w.items);
      assert.deepEqual(shown('vanilla'), shown('ours'), `${label}: vanilla and ours show different stories`);
      assert.ok(shown('ours').every((w) => w.length > 0), `${label}: a widget shows no stories`);
    };
    for (const n of SIZES) {
      await rounds(`${n} items`, (name) => `${name}-${n}.html`, { widgets: 1, feedPath: `/feeds/feed-${n}.json` }, (raw.single[n] = {}));
    }
    const titles = raw.single[50].ours[0].items[0].items.map((i) => i.title);
    assert.equal(titles.length, 5, '50 items: ours does not show 5 stories');
    await rounds('ten widgets', (name) => `${name}-ten.html`, { widgets: TEN.length, feedPath: '/feeds/feed-1000.json' }, raw.ten);
  } finally {
    await context?.close();
    await server?.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
  let commit = null;
  try { commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim(); } catch {}

  // ---- report ----
  machine.loadavgEnd = loadavg().map((x) => +x.toFixed(2));
  machine.seconds = Math.round((Date.now() - machine.started) / 1000);
  delete machine.started;
  const distAfter = readdirSync(at('dist')).sort();
  const wasmUrls = [...new Set(Object.values(raw.single).concat(raw.ten).flatMap((r) => r.ours.map((x) => x.wasmUrl)))];
  const oursSizes = sizes(at('dist'));

  const med = (runs, key, how) => (how === 'sum' ? runs.reduce((t, r) => t + r[key], 0) : median(runs.map((r) => r[key])));
  const feedKB = (n) => Math.round(statSync(join(feedsDir, `feed-${n}.json`)).size / 1024).toLocaleString('en');
  const METRICS = [
    ['navigation start → painted (ms)', 'firstPaintedMs', 1],
    ['navigation start → feed request start (ms)', 'feedStartMs', 1],
    ['feed responseEnd → painted (ms)', 'feedToPaintedMs', 1],
    ['longest main-thread task or frame (ms)', 'longestTaskMs', 1],
    // A long animation frame can hold several short tasks (code that yields without a frame
    // in between); this row is single tasks only, so chunking shows.
    ['longest single task, longtask API only (ms)', 'longestTaskOnlyMs', 1],
    ['CLS', 'cls', 4],
    ['runs with CLS ≥ 0.1 (of RUNS)', 'bigShift', 0, 'sum'],
    ['JS heap after render (MB)', 'heapMB', 2],
    ['JS heap after GC (MB)', 'heapAfterGcMB', 2],
    ['wasm memory (MB)', 'wasmMB', 2],
    ['JS heap after GC + wasm memory (MB)', 'footprintMB', 2],
  ];
  const medians = { single: {}, ten: {} };
  const timingRows = [];
  for (const n of SIZES) {
    const r = raw.single[n];
    for (const [label, key, digits, how] of METRICS) {
      const [o, v] = [med(r.ours, key, how), med(r.vanilla, key, how)];
      (medians.single[n] ??= {})[key] = { ours: o, vanilla: v };
      timingRows.push([label.replace('RUNS', RUNS), `${n.toLocaleString('en')} (${feedKB(n)} KB)`, fmt(o, digits), fmt(v, digits),
        // CLS is bimodal (see the runs row): a ratio of medians would mislead.
        ['wasmMB', 'cls'].includes(key) || how ? '' : ratio(o, v)]);
    }
  }
  const tenKeys = [['feed requests', 'feedRequests', 0], ['wasm fetches', 'wasmRequests', 0],
    ['wasm instantiations', 'wasmInstantiations', 0], ['navigation start → all 10 painted (ms)', 'allPaintedMs', 1],
    ['longest main-thread task or frame (ms)', 'longestTaskMs', 1], ['longest single task, longtask API only (ms)', 'longestTaskOnlyMs', 1],
    ['CLS', 'cls', 4], ['JS heap after GC (MB)', 'heapAfterGcMB', 2],
    ['wasm memory (MB)', 'wasmMB', 2], ['JS heap after GC + wasm memory (MB)', 'footprintMB', 2]];
  const tenRows = tenKeys.map(([label, key, digits]) => {
    const [o, v] = [med(raw.ten.ours, key), med(raw.ten.vanilla, key)];
    medians.ten[key] = { ours: o, vanilla: v };
    return [label, fmt(o, digits), key.startsWith('wasm') ? 'n/a' : fmt(v, digits),
      key.endsWith('Ms') || key === 'footprintMB' ? ratio(o, v) : ''];
  });
  const pairs = [...SIZES.map((n) => raw.single[n]), raw.ten].flatMap((r) => r.ours[0].items.map((w, i) => [w, r.vanilla[0].items[i]]));
  const sameDom = pairs.filter(([o, v]) => o.dom === v.dom).length;
  const oursTotal = oursSizes.at(-1);
  const vanTotal = vanillaSizes.at(-1);
  // Bytes join the ten-widget table, so the report stays two tables.
  const role = (f) => (f === 'related-stories.js' ? 'loader' : f.endsWith('.wasm') ? 'wasm' : f.endsWith('.js') ? 'glue' : f);
  const bytes = (key, label) => [`bytes, ${label} (ours: ${oursSizes.slice(0, -1).map((r) => role(r.file)).join(' + ')})`,
    `${oursSizes.slice(0, -1).map((r) => r[key].toLocaleString('en')).join(' + ')} = ${oursTotal[key].toLocaleString('en')}`,
    vanTotal[key].toLocaleString('en'), ratio(oursTotal[key], vanTotal[key])];
  tenRows.push(bytes('raw', 'raw'), bytes('gzip', 'gzip -9'), bytes('brotli', 'brotli -q 11'));
  const culprits = {};
  for (const [label, runs] of [...SIZES.map((n) => [`${n} items`, raw.single[n]]), ['ten widgets', raw.ten]]) {
    for (const name of Object.keys(VARIANTS)) {
      const counts = {};
      for (const r of runs[name]) if (r.longestTaskMs > 0) counts[culprit(r.worstFrame)] = (counts[culprit(r.worstFrame)] ?? 0) + 1;
      culprits[`${name}, ${label}`] = counts;
    }
  }

  const out = [
    `## related-stories benchmark — ${machine.date}`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, load average ${machine.loadavgStart.join(' ')} at start, ${machine.loadavgEnd.join(' ')} at end; `
      + `${machine.chromium}, Node ${machine.node}; commit ${commit ?? '?'} + working tree; ${RUNS} runs per cell (medians), `
      + `cold cache each run; ${machine.seconds} s.`,
    `Ours: ${oursSizes.slice(0, -1).map((r) => r.file).join(', ')}.`,
    ...(wasmUrls.length > 1 || distBefore.join() !== distAfter.join()
      ? ['', `**WARNING: dist/ was rebuilt during the run** (wasm seen: ${wasmUrls.join(', ')}); figures mix builds.`] : []),
    '',
    '### One widget, by feed size',
    '',
    mdTable(['metric', 'feed items', 'ours', 'vanilla', 'ours/vanilla'], timingRows),
    '',
    `### Ten widgets on one page (1,000-item feed, ${TEN.length} different \`sections\`), and bytes`,
    '',
    mdTable(['metric', 'ours', 'vanilla', 'ours/vanilla'], tenRows),
    '',
    `Vanilla is one minified file: its JS with the ${vanillaBuild.css.toLocaleString('en')} bytes of style/related-stories.css inlined.`,
    `Sanity (first run of each page): ours and vanilla showed the same stories (title, link, sections, date, badge) in all `
      + `${pairs.length} widgets compared, 5 on the 50-item feed; identical normalised shadow DOM in ${sameDom} of ${pairs.length}.`,
    '',
    'Longest frame, by its top script (Long Animation Frames attribution), in how many runs:',
    ...Object.entries(culprits).map(([k, v]) => `- ${k}: ${Object.entries(v).map(([c, n]) => `${c} ×${n}`).join('; ') || 'no frame ≥ 50 ms'}`),
  ].join('\n');
  console.log(out);

  mkdirSync(at('bench/results'), { recursive: true });
  writeFileSync(at('bench/results/latest.json'), `${JSON.stringify({
    machine, commit, runs: RUNS, dist: { before: distBefore, after: distAfter, wasmUrls },
    bytes: { ours: oursSizes, vanilla: vanillaSizes, vanillaBuild }, medians, raw,
  }, null, 1)}\n`);
  console.error(`raw numbers: ${at('bench/results/latest.json')}`);
}

main().then(() => clearTimeout(WATCHDOG), fail);
