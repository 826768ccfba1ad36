// loading="lazy" (the default) fetches the wasm and the feed at low priority
// once the page has loaded and the browser is idle, and renders when the
// widget nears the screen; loading="near" fetches nothing before that, nor
// does lazy when the reader saves data or is on 2G. Removing a widget lets go
// of what it held; putting it back works.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFile } from 'node:fs/promises';
import { articlePage, assertClean, at, untilRendered, suite, widgetPage } from './harness.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

const FEED = /\/feeds\/sample\.json$/;
const WASM = /\.wasm$/;
const GLUE = /\/related-stories-[0-9a-f]+\.js(\?.*)?$/;
const count = (log, pattern) => log.requests.filter((url) => pattern.test(url)).length;

// Opens `url` with `scripts` run before the page's own (harness.open navigates
// at once, so it opens a page without the widget first).
async function open(url, ...scripts) {
  const { page, log } = await browser.open(`${server.url}pages/story.html`);
  for (const [script, arg] of scripts) await page.addInitScript(script, arg);
  await page.goto(url);
  return { page, log };
}

// Records, in the page, every fetch() started: the loader fetches the wasm
// with it, so "nothing fetched yet" can be read at an exact moment instead of
// from network events that may still be on their way.
const watchFetches = [() => {
  window.fetched = [];
  const native = window.fetch;
  window.fetch = (input, init) => {
    window.fetched.push(new URL(input?.url ?? input, location.href).pathname);
    return native(input, init);
  };
}];

// What the page has asked for so far: fetch() calls and preload links.
const asked = (page) => page.evaluate(() => ({
  fetched: window.fetched,
  preloads: [...document.querySelectorAll('link[rel=preload]')].map((link) => new URL(link.href).pathname),
}));

// Resolves once the loader's idle callback, asked for at the page's load
// event, has run: idle callbacks run in the order they were asked for.
const afterIdle = (page) => page.evaluate(() => new Promise((resolve) => {
  const ask = () => setTimeout(() => requestIdleCallback(() => resolve()));
  if (document.readyState === 'complete') ask();
  else addEventListener('load', ask);
}));

// Resolves once a response whose URL ends with each of `ends` has fully arrived.
const arrived = (page, ...ends) => page.waitForFunction((ends) => ends.every((end) =>
  performance.getEntriesByType('resource').some((e) => e.name.endsWith(end) && e.responseEnd > 0)), ends);

// Whether a widget has rendered anything yet (it holds only its reserved box before).
const rendered = (page, selector) => page.locator(selector).evaluate((el) => !!el.shadowRoot?.querySelector('[part~="root"]'));

// Chromium now and then reports a streamed fetch as aborted after its whole
// body was delivered (see sharing.test.mjs); a feed fetched straight from the
// network while the wasm is already running (no preload to answer it) meets
// that often. What the widget got is what counts: the whole feed, once.
async function forgiveAbortedFeed(page, log, path) {
  const loads = await page.evaluate((path) => performance.getEntriesByType('resource')
    .filter((e) => new URL(e.name).pathname === path).map((e) => e.decodedBodySize), path);
  const size = (await readFile(at(`demo${path}`))).length;
  assert.deepEqual(loads, [size], `${path} delivered whole, once`);
  log.failed = log.failed.filter((f) => f !== `${server.url}${path.slice(1)}: net::ERR_ABORTED`);
}

const connection = (stub) => [(stub) => Object.defineProperty(navigator, 'connection', { configurable: true, value: stub }), stub];

test('a lazy widget below the fold: wasm and feed fetched at low priority after load, rendered when scrolled to', async () => {
  const { page, log } = await browser.open(`${server.url}pages/story.html`);
  const priority = {};
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Network.requestWillBeSent', ({ request }) => (priority[new URL(request.url).pathname] ??= request.initialPriority));
  await cdp.send('Network.enable');
  await page.goto(`${server.url}pages/lazy.html`);
  await arrived(page, '.wasm', '/feeds/sample.json');
  assert.equal(count(log, WASM), 1, 'wasm requests before scrolling');
  assert.equal(count(log, FEED), 1, 'feed requests before scrolling');
  assert.equal(await rendered(page, '#below'), false, 'not rendered before it nears the screen');
  const [wasm, glue] = [WASM, GLUE].map((pattern) => Object.keys(priority).find((path) => pattern.test(path)));
  assert.deepEqual([priority[wasm], priority[glue], priority['/feeds/sample.json']], ['Low', 'Low', 'Low'], JSON.stringify(priority));

  await page.locator('#below').scrollIntoViewIfNeeded();
  assert.deepEqual(await untilRendered(page), ['ready']);
  assert.equal(count(log, WASM), 1, 'wasm requests after scrolling');
  assert.equal(count(log, FEED), 1, 'feed requests after scrolling: the widget used the prefetched copy');
  assert.equal(count(log, GLUE), 1, 'glue requests');
  await cdp.detach();
  assertClean(log);
});

test('three lazy widgets on one feed: one wasm and one feed request, before and after they render', async () => {
  const { page, log } = await browser.open(`${server.url}pages/lazy-three.html`);
  await arrived(page, '.wasm', '/feeds/sample.json');
  await afterIdle(page);
  assert.equal(count(log, WASM), 1, 'wasm requests');
  assert.equal(count(log, FEED), 1, 'feed requests');
  await page.locator('related-stories').last().scrollIntoViewIfNeeded();
  assert.deepEqual(await untilRendered(page), ['ready', 'ready', 'ready']);
  assert.equal(count(log, WASM), 1, 'wasm requests after rendering');
  assert.equal(count(log, FEED), 1, 'feed requests after rendering');
  assertClean(log);
});

test('loading="near" fetches nothing until scrolled near, though a lazy widget on the page has prefetched', async () => {
  const { page, log } = await open(`${server.url}pages/near.html`, watchFetches);
  // The lazy widget's prefetch is the signal that the near one's would have happened.
  await arrived(page, '.wasm', '/pages/feeds/local.json');
  await afterIdle(page);
  assert.equal(count(log, FEED), 0, 'near widget feed requests before scrolling');
  assert.ok(!(await asked(page)).preloads.includes('/feeds/sample.json'), 'no preload of the near widget feed');
  assert.equal(await rendered(page, '#near'), false);

  await page.locator('#near').scrollIntoViewIfNeeded();
  assert.deepEqual(await untilRendered(page, '#near'), ['ready']);
  assert.equal(count(log, FEED), 1, 'near widget feed requests after scrolling');
  assert.equal(count(log, WASM), 1, 'wasm requests');
  await forgiveAbortedFeed(page, log, '/feeds/sample.json');
  assertClean(log);
});

test('loading="near" alone fetches not even the wasm before it nears the screen; the same widget lazy does', async () => {
  const attributes = { feed: '/feeds/sample.json', sections: 'Politics', style: 'display: block; margin-top: 500vh' };
  const lazy = await open(widgetPage(server, attributes), watchFetches);
  await afterIdle(lazy.page);
  assert.ok((await asked(lazy.page)).fetched.some((path) => WASM.test(path)), 'lazy: the wasm is fetched at idle');
  await lazy.page.close();

  const { page, log } = await open(widgetPage(server, { ...attributes, loading: 'near' }), watchFetches);
  await afterIdle(page);
  assert.deepEqual(await asked(page), { fetched: [], preloads: [] }, 'near: nothing asked for after load and idle');
  assert.equal(count(log, WASM) + count(log, FEED), 0);
  await page.locator('related-stories').scrollIntoViewIfNeeded();
  assert.deepEqual(await untilRendered(page), ['ready']);
  assert.equal(count(log, WASM), 1);
  assert.equal(count(log, FEED), 1);
  assertClean(log);
});

for (const [what, stub] of [
  ['saveData', { saveData: true, effectiveType: '4g' }],
  ['effectiveType 2g', { saveData: false, effectiveType: '2g' }],
  ['effectiveType slow-2g', { saveData: false, effectiveType: 'slow-2g' }],
]) {
  test(`${what}: a lazy widget fetches nothing before it is scrolled to (and does on 4g without saveData)`, async () => {
    const control = await open(`${server.url}pages/lazy.html`, watchFetches, connection({ saveData: false, effectiveType: '4g' }));
    await afterIdle(control.page);
    assert.ok((await asked(control.page)).fetched.some((path) => WASM.test(path)), '4g, no saveData: prefetched');
    await control.page.close();

    const { page, log } = await open(`${server.url}pages/lazy.html`, watchFetches, connection(stub));
    assert.deepEqual(await page.evaluate(() => navigator.connection), stub, 'the stub is in place');
    await afterIdle(page);
    assert.deepEqual(await asked(page), { fetched: [], preloads: [] }, 'nothing asked for after load and idle');
    assert.equal(count(log, WASM) + count(log, FEED), 0);
    await page.locator('#below').scrollIntoViewIfNeeded();
    assert.deepEqual(await untilRendered(page), ['ready']);
    assert.equal(count(log, FEED), 1);
    assertClean(log);
  });
}

test('prefetching waits for the page\'s load event, however idle the browser is before it', async () => {
  const { page, log } = await browser.open(`${server.url}pages/story.html`);
  await page.addInitScript(...watchFetches);
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/pages/held.svg', async (route) => {
    await held;
    await route.fulfill({ contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"/>' });
  });
  await page.goto(`${server.url}pages/held-load.html`, { waitUntil: 'domcontentloaded' });
  // The element is defined, and the browser has been idle twice since.
  await page.evaluate(() => customElements.whenDefined('related-stories')
    .then(() => new Promise((resolve) => requestIdleCallback(() => requestIdleCallback(resolve)))));
  assert.notEqual(await page.evaluate(() => document.readyState), 'complete', 'the image holds the load event');
  assert.deepEqual(await asked(page), { fetched: [], preloads: [] }, 'nothing asked for before load');
  assert.equal(count(log, WASM) + count(log, FEED), 0);

  release();
  await arrived(page, '.wasm', '/feeds/sample.json');
  const [wasmStart, loadEvent] = await page.evaluate(() => [
    performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm')).startTime,
    performance.getEntriesByType('navigation')[0].loadEventEnd,
  ]);
  assert.ok(loadEvent > 0 && wasmStart >= loadEvent, `wasm requested at ${wasmStart} ms, load event ended at ${loadEvent} ms`);
  assert.equal(await rendered(page, '#below'), false);
  await page.locator('#below').scrollIntoViewIfNeeded();
  assert.deepEqual(await untilRendered(page), ['ready']);
  assert.equal(count(log, FEED), 1);
  assertClean(log);
});

test('a loader run after the page has loaded prefetches at the next idle time', async () => {
  const { page, log } = await browser.open(`${server.url}pages/story.html`);
  await page.evaluate(() => {
    const spacer = document.createElement('div');
    spacer.style.height = '4000px';
    const widget = document.createElement('related-stories');
    widget.setAttribute('feed', '/feeds/sample.json');
    widget.setAttribute('sections', 'Politics');
    const script = document.createElement('script');
    script.type = 'module';
    script.src = '/dist/related-stories.js';
    document.body.append(spacer, widget, script);
  });
  await arrived(page, '.wasm', '/feeds/sample.json');
  assert.equal(await rendered(page, 'related-stories'), false);
  await page.locator('related-stories').scrollIntoViewIfNeeded();
  assert.deepEqual(await untilRendered(page), ['ready']);
  assert.equal(count(log, FEED), 1);
  assert.equal(count(log, WASM), 1);
  assertClean(log);
});

// The glue's optional prefetch(url) (fetch and parse without rendering): the
// loader calls it once per feed of the lazy widgets after instantiating, and
// carries on when it is missing or throws. The route serves a stand-in glue
// that re-exports the real one with prefetch replaced, and notes when the
// wasm is instantiated: the compile runs off the main thread, so an idle
// moment after the wasm's response can come before it ends.
for (const [what, prefetch] of [
  ['recorded', '(url) => { (globalThis.prefetched ??= []).push(url); }'],
  ['missing', 'undefined'],
  ['throwing', '() => { (globalThis.prefetched ??= []).push("threw"); throw new Error("prefetch failed"); }'],
]) {
  test(`the glue's prefetch(), ${what}: the lazy widgets still render from one feed request`, async () => {
    const { page, log } = await browser.open(`${server.url}pages/story.html`);
    await page.route(GLUE, async (route) => {
      const url = new URL(route.request().url());
      if (url.search) return route.continue();
      const real = JSON.stringify(`${url.pathname}?real`);
      await route.fulfill({
        contentType: 'text/javascript',
        body: `import init from ${real};\nexport * from ${real};\n`
          + 'export default (...args) => init(...args).then((exports) => { globalThis.instantiated = true; return exports; });\n'
          + `export const prefetch = ${prefetch};\n`,
      });
    });
    await page.goto(`${server.url}pages/lazy-three.html`);
    await arrived(page, '.wasm', '/feeds/sample.json');
    await page.waitForFunction(() => globalThis.instantiated);
    await afterIdle(page);
    const calls = await page.evaluate(() => globalThis.prefetched ?? null);
    if (what === 'recorded') assert.deepEqual(calls, [`${server.url}feeds/sample.json`], 'one call, with the absolute URL');
    if (what === 'missing') assert.equal(calls, null);
    if (what === 'throwing') assert.deepEqual(calls, ['threw']);
    await page.locator('related-stories').last().scrollIntoViewIfNeeded();
    assert.deepEqual(await untilRendered(page), ['ready', 'ready', 'ready']);
    assert.equal(count(log, FEED), 1, 'feed requests');
    assert.equal(count(log, WASM), 1, 'wasm requests');
    assertClean(log);
  });
}

// Counts IntersectionObservers that are still watching something.
const trackObservers = () => {
  window.observing = 0;
  const Native = IntersectionObserver;
  window.IntersectionObserver = class extends Native {
    #active = 0;
    observe(el) { this.#active++; window.observing++; super.observe(el); }
    disconnect() { window.observing -= this.#active; this.#active = 0; super.disconnect(); }
  };
};

test('removing a waiting widget releases its observer', async () => {
  const { page } = await open(`${server.url}pages/lazy.html`, [trackObservers]);
  await page.waitForFunction(() => window.observing === 1);
  await page.evaluate(() => document.querySelector('#below').remove());
  assert.equal(await page.evaluate(() => window.observing), 0, 'nothing watches after removal');
  await page.close();
});

test('a rendered widget can be removed and put back', async () => {
  const { page, log } = await browser.open(`${server.url}pages/lazy.html`);
  await page.locator('#below').scrollIntoViewIfNeeded();
  await untilRendered(page);
  const titles = () => page.locator('#below [part~="title"]').allTextContents();
  const before = await titles();
  await page.evaluate(() => {
    const el = document.querySelector('#below');
    const before = el.previousElementSibling;
    el.remove();
    before.after(el);
  });
  await page.waitForFunction(() => document.querySelector('#below').shadowRoot.querySelectorAll('[part~="item"]').length > 0);
  assert.deepEqual(await titles(), before);
  assert.equal(count(log, FEED), 1, 'the page-wide copy is reused');
  assert.equal(count(log, WASM), 1);
  assertClean(log);
});

test('a widget already in view starts at once, without waiting for the observer', async () => {
  const page = await browser.context.newPage();
  // An observer that never answers: only the loader's own check can start the widget.
  await page.addInitScript(() => {
    window.IntersectionObserver = class { observe() {} unobserve() {} disconnect() {} takeRecords() { return []; } };
  });
  await page.goto(articlePage(server)); // no `loading`: the default, lazy
  assert.deepEqual(await untilRendered(page), ['ready']);
  await page.close();
});

// A widget already in view needs the wasm at once: its download starts
// before the widgets set up their shadow roots and reserved boxes (and the
// layout that costs), not after, and after the feed's preload, which would
// otherwise race the widget's own request. loading="near" keeps to its own box.
const watchOrder = [() => {
  window.order = [];
  const append = Element.prototype.append;
  Element.prototype.append = function (...nodes) {
    for (const node of nodes) if (node.rel === 'preload') window.order.push('preload');
    return append.apply(this, nodes);
  };
  const fetch = window.fetch;
  window.fetch = (input, init) => {
    if (/\.wasm$/.test(new URL(input?.url ?? input, location.href).pathname)) window.order.push('wasm');
    return fetch(input, init);
  };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    if (this.localName === 'related-stories') window.order.push('shadow');
    return attach.call(this, init);
  };
}];

test('a widget in view starts the wasm download before any widget sets up its box', async () => {
  const { page, log } = await open(articlePage(server), watchOrder);
  assert.deepEqual(await untilRendered(page), ['ready']);
  const order = await page.evaluate(() => window.order);
  assert.deepEqual(order.slice(0, 2), ['preload', 'wasm'], `first: ${order.join(', ')}`);
  assert.equal(order.filter((o) => o === 'wasm').length, 1, `one wasm download: ${order.join(', ')}`);
  assert.equal(order.filter((o) => o === 'preload').length, 1, `one preload: ${order.join(', ')}`);
  assertClean(log);
});

test('loading="near" in view still sets up its box before anything is fetched', async () => {
  const { page, log } = await open(articlePage(server, { loading: 'near' }), watchOrder);
  assert.deepEqual(await untilRendered(page), ['ready']);
  assert.deepEqual(await page.evaluate(() => window.order), ['shadow', 'preload', 'wasm']);
  assertClean(log);
});
