// The host page is the partner's: a strict CSP, the snippet pasted twice,
// frozen built-ins and a wrapped fetch must not break the widget, and the
// widget must leave nothing behind but its element name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertClean, assertNoUncaught, untilRendered, suite, widgetPage } from './harness.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

test('a strict Content-Security-Policy: renders fully, no violation', async () => {
  const { page, log } = await browser.open(`${server.url}pages/csp.html`);
  assert.deepEqual(await untilRendered(page), ['ready']);
  await page.waitForLoadState('load');
  assert.equal(await page.locator('[part~="item"]').count(), 5);
  assert.ok((await page.locator('[part~="chip"]').count()) > 1);
  const styled = await page.locator('related-stories').evaluate((el) =>
    getComputedStyle(el.shadowRoot.querySelector('[part~="heading"]')).textTransform);
  assert.equal(styled, 'uppercase', 'the stylesheet applied');
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assertNoUncaught(log);
});

test('the snippet pasted twice: one definition, one wasm, no error', async () => {
  const { page, log } = await browser.open(`${server.url}pages/twice.html`);
  assert.deepEqual(await untilRendered(page), ['ready', 'ready']);
  assert.equal(log.requests.filter((u) => u.endsWith('.wasm')).length, 1);
  assertClean(log);
});

test('no globals besides the element name', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}pages/blank.html`);
  const baseline = await page.evaluate(() => Object.keys(window));
  await page.evaluate(() => {
    const el = document.createElement('related-stories');
    el.setAttribute('loading', 'eager');
    el.setAttribute('feed', '/feeds/sample.json');
    document.body.append(el);
  });
  await untilRendered(page);
  const added = await page.evaluate((known) => Object.keys(window).filter((k) => !known.includes(k)), baseline);
  assert.deepEqual(added, []);
  assert.ok(await page.evaluate(() => !!customElements.get('related-stories')));
  await page.close();
});

test('frozen built-ins and a wrapped fetch do not break it', async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    // What defensive or odd host scripts do.
    Object.freeze(Array.prototype);
    Object.freeze(Object.prototype);
    const native = window.fetch;
    window.fetch = (...args) => native(...args).then((r) => r);
  });
  await page.goto(widgetPage(server, { feed: '/feeds/sample.json', sections: 'Economy' }));
  assert.deepEqual(await untilRendered(page), ['ready']);
  assert.equal(await page.locator('[part~="item"]').count(), 5);
  assert.deepEqual(errors, []);
  await page.close();
});

test('hostile feed content stays text, and only http(s) links are rendered', async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const evil = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script></template>';
  await page.route('**/hostile.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({
    _om: { tiers: [{ label: evil }] },
    items: [
      { id: '1', url: 'javascript:window.pwned=3', title: evil, tags: [evil] },
      { id: '2', url: ' JaVaScRiPt:window.pwned=4', external_url: 'data:text/html,<script>1</script>', title: 'obfuscated' },
      { id: '3', url: 'https://news.example/ok', title: evil, tags: [evil], image: 'javascript:alert(1)', _om: { access: 'locked' } },
      { id: '4', url: '//news.example/protocol-relative', title: 'protocol relative', tags: ['x'] },
    ],
  }) }));
  await page.goto(widgetPage(server, { feed: '/feeds/hostile.json', sections: '', layout: 'cards' }));
  assert.deepEqual(await untilRendered(page), ['ready']);
  const seen = await page.locator('related-stories').evaluate((el) => ({
    hrefs: [...el.shadowRoot.querySelectorAll('a')].map((a) => a.getAttribute('href')),
    imgs: [...el.shadowRoot.querySelectorAll('img, script, template')].map((n) => n.outerHTML),
    title: el.shadowRoot.querySelector('[part~="title"]').textContent,
  }));
  // A protocol-relative link takes the scheme of the feed it came in (http here).
  assert.deepEqual(seen.hrefs, ['https://news.example/ok', 'http://news.example/protocol-relative']);
  assert.deepEqual(seen.imgs, []);
  assert.equal(seen.title, evil);
  // An <img src=x onerror> made from the feed would have asked for x while rendering. An image
  // of ours asking for x now shares that request or asks after it, so once ours has failed,
  // that one has too, and its onerror, queued first, has run.
  await page.evaluate(() => new Promise((resolve) => Object.assign(new Image(), { onload: resolve, onerror: resolve, src: 'x' })));
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a mistyped attribute is warned about once, and the default used', async () => {
  const page = await browser.context.newPage();
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto(widgetPage(server, { feed: '/feeds/sample.json', sections: 'Economy', limit: 'many' }));
  assert.deepEqual(await untilRendered(page), ['ready']);
  assert.equal(await page.locator('[part~="item"]').count(), 5, 'the default limit');
  await page.locator('related-stories').evaluate((el) => el.setAttribute('sections', 'Politics'));
  await page.waitForFunction(() => [...document.querySelector('related-stories').shadowRoot.querySelectorAll('[part~="sections"]')]
    .every((p) => p.textContent.includes('Politics')));
  assert.deepEqual(warnings, ['related-stories: limit="many" is not a whole number from 1 to 50; using 5']);
  await page.close();
});
