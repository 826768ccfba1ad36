// Stale-while-error: when the feed cannot be had, the last good copy from this
// reader's session stands in, if it is recent and intact.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { articlePage, assertNoUncaught, messages, readItems, untilRendered, suite } from './harness.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

const failFeed = (page) => page.route('**/feeds/sample.json', (route) => route.fulfill({ status: 500, body: 'down' }));
const key = () => `related-stories:v1:${server.url}feeds/sample.json`;

test('a failed reload shows the last good list and says so once', async () => {
  const { page, log } = await browser.open(articlePage(server));
  await untilRendered(page);
  const before = await readItems(page.locator('related-stories'));
  await failFeed(page);
  await page.reload();
  assert.deepEqual(await untilRendered(page), ['ready']);
  assert.deepEqual(await readItems(page.locator('related-stories')), before);
  const warnings = messages(log, 'warning');
  assert.equal(warnings.length, 1, JSON.stringify(warnings));
  assert.match(warnings[0], /^related-stories: .*sample\.json answered HTTP 500.*; showing the copy saved \d+ min ago$/);
  assertNoUncaught(log);
});

for (const [what, entry] of [
  ['damaged', (now) => `v1\n${now}\n{"items": [`],
  ['too old', (now) => `v1\n${now - 13 * 3600 * 1000}\n{"items":[{"id":"x","url":"https://news.example/x","title":"Stale","tags":["Politics"]}]}`],
]) {
  test(`a ${what} saved copy is ignored: the fallback shows`, async () => {
    const { page, log } = await browser.open(`${server.url}pages/blank.html`);
    await page.evaluate(([k, value]) => sessionStorage.setItem(k, value), [key(), entry(Date.now())]);
    await failFeed(page);
    await page.goto(articlePage(server));
    assert.deepEqual(await untilRendered(page), ['error']);
    assert.ok(await page.locator('related-stories > a').isVisible());
    assert.equal(await page.evaluate((k) => sessionStorage.getItem(k), key()), null, 'the bad copy is removed');
    assertNoUncaught(log);
  });
}
