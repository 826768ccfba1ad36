// Every network fault ends in a defined state: the widget retries what is
// transient, gives up on what is not, says why once (console and event), and
// the page sees no uncaught exception and no unhandled rejection.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, quiet, untilRendered, start, widgetPage } from './harness.mjs';
import { startFaults } from './faults.mjs';

let browser, server, faults;
before(async () => {
  browser = await launch();
  server = await start();
  faults = await startFaults();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await faults?.close();
});

async function load(path) {
  const page = await browser.context.newPage();
  const log = { uncaught: [], rejections: [], warnings: [], errorEvents: [] };
  page.on('pageerror', (e) => log.uncaught.push(e.message));
  page.on('console', (m) => m.type() === 'warning' && log.warnings.push(m.text()));
  await page.addInitScript(() => {
    window.rejections = [];
    window.addEventListener('unhandledrejection', (e) => window.rejections.push(String(e.reason)));
    window.errorEvents = [];
    document.addEventListener('related-stories:error', (e) => window.errorEvents.push(e.detail.reason));
  });
  await page.goto(widgetPage(server, { feed: `${faults.url}${path.slice(1)}`, sections: '' }));
  return { page, log };
}

async function outcome(page, log) {
  const [state] = await untilRendered(page);
  await quiet(page); // a second warning, error event or rejection would be in by now
  const seen = await page.evaluate(() => ({ rejections: window.rejections, errorEvents: window.errorEvents }));
  return { state, ...seen, uncaught: log.uncaught, warnings: log.warnings.filter((w) => w.startsWith('related-stories:')) };
}

const failing = {
  '/404.json': { reason: /HTTP 404/, tries: 1 },
  '/500.json': { reason: /HTTP 500/, tries: 3 },
  '/hang.json': { reason: /did not answer within 8 s/, tries: 1 },
  '/truncated.json': { reason: /not valid JSON/, tries: 1 },
  '/html-200.json': { reason: /HTML page, not a JSON feed/, tries: 1 },
  '/no-cors.json': { reason: /could not be reached/, tries: 3 },
  '/huge.json': { reason: /larger than 8 MB/, tries: 1 },
  '/huge-declared.json': { reason: /larger than 8 MB/, tries: 1 },
  '/loop.json': { reason: /could not be reached/, tries: 3 },
};

for (const [path, { reason, tries }] of Object.entries(failing)) {
  test(`${path.slice(1)}: the fallback, one warning, one error event`, async () => {
    const { page, log } = await load(path);
    const o = await outcome(page, log);
    assert.equal(o.state, 'error');
    assert.ok(await page.locator('related-stories > a').isVisible(), 'fallback visible');
    assert.equal(o.warnings.length, 1, JSON.stringify(o.warnings));
    assert.match(o.warnings[0], reason);
    assert.equal(o.errorEvents.length, 1, JSON.stringify(o.errorEvents));
    assert.match(o.errorEvents[0], reason);
    assert.deepEqual([o.uncaught, o.rejections], [[], []]);
    if (path !== '/no-cors.json' && path !== '/loop.json') assert.equal(faults.hits(path), tries, 'requests made');
    await page.close();
  });
}

for (const path of ['/503-then-ok.json', '/slow.json', '/wrong-type.json']) {
  test(`${path.slice(1)}: the stories arrive`, async () => {
    const { page, log } = await load(path);
    const o = await outcome(page, log);
    assert.equal(o.state, 'ready');
    assert.deepEqual([o.warnings, o.errorEvents, o.uncaught, o.rejections], [[], [], [], []]);
    await page.close();
  });
}

test('refresh() asks the server again even when the browser may keep the feed', async () => {
  const { page, log } = await load('/cacheable.json');
  assert.deepEqual(await untilRendered(page), ['ready']);
  const before = faults.hits('/cacheable.json');
  // Resolves at the load event that answers the refresh.
  await page.locator('related-stories').evaluate((el) => new Promise((resolve) => {
    el.addEventListener('related-stories:load', resolve, { once: true });
    el.refresh();
  }));
  await page.waitForFunction(() => document.querySelector('related-stories').shadowRoot.querySelector('[data-state="ready"]'));
  await quiet(page); // a second request would have been made by now
  assert.equal(faults.hits('/cacheable.json'), before + 1, 'server asked again');
  assert.deepEqual(log.uncaught, []);
  await page.close();
});
