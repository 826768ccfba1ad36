// Shared setup for the end-to-end tests: a throwaway Chromium profile, static servers,
// and a per-page record of everything the page complained about.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../tools/chromium.mjs';
import { serve } from '../../tools/server.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHOTS = join(ROOT, 'target', 'screenshots');
const LOADER = join(ROOT, 'dist', 'related-stories.js');

// Wasm start-up on a loaded 2-core machine can take a few seconds.
export const TIMEOUT = 20_000;

// Everything the e2e pages need, from the repo root.
export const MOUNTS = {
  '/': 'demo',
  '/dist/': 'dist',
  '/feeds/': 'demo/feeds',
  '/pages/': 'tests/e2e/pages',
};

export function at(relative) {
  return join(ROOT, relative);
}

export async function start(options = {}) {
  const mounts = Object.fromEntries(
    Object.entries(options.mounts ?? MOUNTS).map(([prefix, dir]) => [prefix, at(dir)]));
  return serve({ ...options, mounts });
}

// One browser and one static server for a test file, closed after it;
// `ready` hands them to the file's own variables.
export function suite(ready) {
  let browser;
  let server;
  before(async () => {
    browser = await launch();
    server = await start();
    ready(browser, server);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

// A missing build must fail the run, not skip it: a green suite that tested nothing is worse.
export async function launch() {
  assert.ok(existsSync(LOADER), "dist/related-stories.js not found: run make dist first");
  const profile = await mkdtemp(join(tmpdir(), 'rs-e2e-'));
  const context = await launchChromium(profile, { viewport: { width: 1000, height: 900 } });
  context.setDefaultTimeout(TIMEOUT);
  return {
    context,
    open: (url) => open(context, url),
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

const logs = new WeakMap();

async function open(context, url) {
  const page = await context.newPage();
  const log = { uncaught: [], console: {}, failed: [], httpErrors: [], requests: [] };
  logs.set(page, log);
  page.on('pageerror', (err) => log.uncaught.push(err.stack || `${err.name}: ${err.message}`));
  page.on('console', (msg) => (log.console[msg.type()] ??= []).push(msg.text()));
  page.on('request', (req) => log.requests.push(req.url()));
  page.on('requestfailed', (req) => log.failed.push(`${req.url()}: ${req.failure()?.errorText}`));
  page.on('response', (res) => { if (res.status() >= 400) log.httpErrors.push(`${res.status()} ${res.url()}`); });
  const response = await page.goto(url);
  assert.equal(response?.status(), 200, `host page ${url}`);
  return { page, log };
}

export const messages = (log, type) => log.console[type] ?? [];

export function assertNoUncaught(log) {
  assert.deepEqual(log.uncaught, [], 'uncaught exceptions on the page');
}

// The happy path must leave the console as quiet as the partner's page was before.
export function assertClean(log) {
  assertNoUncaught(log);
  assert.deepEqual(messages(log, 'error'), [], 'console errors');
  assert.deepEqual(messages(log, 'warning'), [], 'console warnings');
  assert.deepEqual(log.failed, [], 'failed requests');
  assert.deepEqual(log.httpErrors, [], 'HTTP error responses');
}

// Resolves once every widget on the page has left the loading state; returns their states.
export async function untilRendered(page, selector = 'related-stories') {
  const states = () => page.locator(selector).evaluateAll((els) =>
    els.map((el) => el.shadowRoot?.querySelector('[part~="root"]')?.getAttribute('data-state') ?? null));
  try {
    await page.waitForFunction((sel) => {
      const els = [...document.querySelectorAll(sel)];
      return els.length > 0 && els.every((el) => {
        const state = el.shadowRoot?.querySelector('[part~="root"]')?.getAttribute('data-state');
        return state && state !== 'loading';
      });
    }, selector, { timeout: TIMEOUT });
  } catch (err) {
    // A bare timeout says nothing; what the page logged usually says why it never rendered.
    const log = logs.get(page);
    throw new Error(`${selector} never left "loading": data-state ${JSON.stringify(await states())}\n`
      + JSON.stringify({ uncaught: log?.uncaught, console: log?.console, failed: log?.failed, httpErrors: log?.httpErrors }, null, 2),
    { cause: err });
  }
  return states();
}

// A defined moment at which to assert that nothing more happened, instead of a guessed sleep:
// the browser has been idle once (every task queued until now has run: the widgets' follow-up
// tasks, the page's reports of unhandled rejections) and has rendered two frames since (what
// changed is laid out and painted, and what that frame reports, such as a layout shift, is
// queued). Console messages logged before it have reached the test as well: they arrive in
// order with this call's answer.
export const quiet = (page) => page.evaluate(() => new Promise((resolve) => {
  requestIdleCallback(() => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}));

// What a reader sees in one widget, as plain data the tests can compare.
export function readItems(widget) {
  return widget.locator('[part~="item"]').evaluateAll((lis) => lis.map((li) => {
    const part = (name) => li.querySelector(`[part~="${name}"]`);
    // innerText would include screen-reader-only text (1px boxes); keep what a sighted reader sees.
    const seen = (el) => {
      let text = '';
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        let visible = true;
        for (let e = walker.currentNode.parentElement; visible && e && e !== el.parentElement; e = e.parentElement) {
          const box = e.getBoundingClientRect();
          visible = e.checkVisibility() && box.width > 1 && box.height > 1;
        }
        if (visible) text += walker.currentNode.textContent;
      }
      return text.replace(/\s+/g, ' ').trim();
    };
    const badge = part('badge');
    return {
      title: part('title')?.textContent.trim() ?? null,
      href: part('link')?.getAttribute('href') ?? null,
      linkTag: part('link')?.tagName.toLowerCase() ?? null,
      titleInLink: !!part('link')?.contains(part('title')),
      sections: part('sections')?.textContent.trim() ?? null,
      datetime: part('date')?.getAttribute('datetime') ?? null,
      badge: badge ? seen(badge) : null,
      locked: li.classList.contains('locked'),
    };
  }));
}

export async function heading(widget) {
  const h = widget.locator('[part~="heading"]');
  return (await h.count()) ? (await h.textContent()).trim() : null;
}

export async function feedItems(relative = 'demo/feeds/sample.json') {
  return JSON.parse(await readFile(at(relative), 'utf8')).items;
}

export async function screenshot(page, name) {
  await mkdir(SHOTS, { recursive: true });
  const file = join(SHOTS, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// The five stories the demo article must offer with the sample feed (contract, in order):
// its sections (Politics, Security), then rank="related": the stories whose words are
// closest to the article's ("Belarusian, Russian foreign ministries adopt coordinated
// foreign policy"), newer first among near ties.
export const DEMO_CANONICAL =
  'https://news.example/en/politics/belarusian-russian-foreign-ministries-adopt-coordinated-foreign-policy/';
export const DEMO_EXPECTED = [
  { title: 'Belarusian, Iranian defense ministers hold talks in Minsk', locked: true },
  { title: 'Łukašenka reiterates commitment to Russia, says Belarus building vehicles for Oreshnik', locked: true },
  { title: 'Belarus, Russia to develop system for sharing checkpoint data on third-country travelers', locked: true },
  { title: 'EP identifies Russia, with Belarus as ally, as EU’s biggest threat', locked: true },
  { title: 'Lithuanian PM warns against easing sanctions on Belarus’ potash industry', locked: true },
];

// The one-widget test page, pages/widget.html: each entry of `attributes` becomes an
// attribute of its widget, and nothing else does, so an attribute left out stays absent
// (not the same as present and empty). Two entries are not attributes: "canonical" is the
// page's <link rel=canonical>, "fallback-links" the number of fallback links (see the page).
export const widgetPage = (server, attributes = {}) =>
  `${server.url}pages/widget.html?${new URLSearchParams(attributes)}`;

// The same page as the demo article: its canonical URL, the sample feed, its sections;
// `params` adds or overrides attributes.
export const articlePage = (server, params = {}) => widgetPage(server, {
  canonical: DEMO_CANONICAL, feed: '/feeds/sample.json', sections: 'Politics, Security', ...params,
});

export const hasSection = (item, name) =>
  (item.sections ?? '').split(',').some((s) => s.trim().toLowerCase() === name.toLowerCase());
