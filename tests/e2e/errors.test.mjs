// A broken feed must never leave a hole or a crash on the partner's page: the widget falls
// back to the links the partner put inside it, and says why once in the console.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertNoUncaught, messages, readItems, quiet, untilRendered, suite, widgetPage } from './harness.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

// sections="" (no filter) on every page, so that only the feed itself decides the outcome.
// Each test reads the console at quiet(page), once everything the widget set going has run:
// a duplicate warning would be there by then.

const broken = {
  'a 404': '/pages/feeds/missing.json',
  'an HTML page': '/pages/feeds/page.html',
  'truncated JSON': '/pages/feeds/truncated.json',
};

for (const [what, feed] of Object.entries(broken)) {
  test(`a feed that is ${what} shows the fallback links`, async () => {
    const { page, log } = await browser.open(widgetPage(server, { feed, sections: '' }));
    assert.deepEqual(await untilRendered(page), ['error']);
    await quiet(page);

    const fallback = page.locator('related-stories > a');
    assert.equal(await fallback.count(), 1);
    assert.ok(await fallback.isVisible(), 'fallback link not visible');
    assert.notEqual(await fallback.boundingBox(), null, 'fallback link has no box');
    assert.equal(await page.locator('related-stories [part~="item"]').count(), 0, 'items rendered');

    const warnings = messages(log, 'warning');
    assert.equal(warnings.length, 1, `console warnings: ${JSON.stringify(warnings)}`);
    assert.ok(warnings[0].startsWith('related-stories:'), `console warning: ${warnings[0]}`);
    assertNoUncaught(log);
  });
}

test('a feed with no usable items takes no space at all (below the fold; in view, see a11y)', async () => {
  // Its items have no titles; untitled="skip" leaves them out, so none is usable.
  const { page, log } = await browser.open(widgetPage(server, {
    feed: '/pages/feeds/untitled.json', sections: '', untitled: 'skip', loading: 'eager', style: 'margin-top: 150vh',
  }));
  assert.deepEqual(await untilRendered(page), ['empty']);
  await quiet(page);
  const box = await page.locator('related-stories').evaluate((el) => el.getBoundingClientRect().height);
  assert.equal(box, 0, 'element height');
  assert.equal(await page.locator('related-stories > a').isVisible(), false, 'fallback link visible');
  assertNoUncaught(log);
});

test('items without a title are listed by default, headlined with their text', async () => {
  const { page, log } = await browser.open(widgetPage(server, { feed: '/pages/feeds/untitled.json', sections: '' }));
  assert.deepEqual(await untilRendered(page), ['ready']);
  const items = await readItems(page.locator('related-stories'));
  assert.deepEqual(items.map((i) => [i.title, i.href, i.locked]), [
    ['A post without a title.', 'https://news.example/en/politics/short-1/', false],
    ['Another post without a title.', 'https://news.example/en/economy/short-2/', true],
  ]);
  assertNoUncaught(log);
});

test('if the WebAssembly cannot be loaded, the fallback comes back', async () => {
  const context = browser.context;
  await context.route('**/*.wasm', (route) => route.abort());
  try {
    const { page, log } = await browser.open(widgetPage(server, { feed: '/feeds/sample.json', sections: '' }));
    const fallback = page.locator('related-stories > a');
    await fallback.waitFor({ state: 'visible' });
    await quiet(page);
    assert.ok(await fallback.isVisible());
    const warnings = messages(log, 'warning');
    assert.equal(warnings.length, 1, JSON.stringify(warnings));
    assert.match(warnings[0], /^related-stories: could not load/);
    assertNoUncaught(log);
  } finally {
    await context.unroute('**/*.wasm');
  }
});

test('a CDN that serves the wasm with the wrong type still gets the widget, and one warning saying so', async () => {
  const context = browser.context;
  await context.route('**/*.wasm', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
  });
  try {
    const { page, log } = await browser.open(widgetPage(server, { feed: '/feeds/sample.json', sections: '' }));
    assert.deepEqual(await untilRendered(page), ['ready']);
    assert.ok((await readItems(page.locator('related-stories'))).length > 0);
    const warnings = messages(log, 'warning');
    assert.equal(warnings.length, 1, JSON.stringify(warnings));
    assert.match(warnings[0], /^related-stories: the wasm is served as application\/octet-stream, not application\/wasm/);
    assertNoUncaught(log);
  } finally {
    await context.unroute('**/*.wasm');
  }
});
