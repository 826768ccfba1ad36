// Several widgets on one page, and the section / limit / lock options a partner would set.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertClean, hasSection, heading, readItems, untilRendered, suite, widgetPage } from './harness.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

test('two widgets on one page each keep to their own section, limit and heading', async () => {
  const { page, log } = await browser.open(`${server.url}pages/two-widgets.html`);
  assert.deepEqual(await untilRendered(page), ['ready', 'ready']);

  const cases = [
    { id: 'economy', section: 'Economy', count: 5, title: 'Related stories' },
    { id: 'society', section: 'Society', count: 2, title: 'More from Society' },
  ];
  for (const { id, section, count, title } of cases) {
    const widget = page.locator(`#${id}`);
    const items = await readItems(widget);
    assert.equal(items.length, count, `#${id}: number of items`);
    for (const item of items) assert.ok(hasSection(item, section), `#${id}: "${item.title}" shows sections "${item.sections}"`);
    assert.equal(await heading(widget), title, `#${id}: heading`);
  }
  assertClean(log);
});

test('locked="hide" leaves out subscriber-only stories', async () => {
  const { page, log } = await browser.open(widgetPage(server, { feed: '/feeds/sample.json', sections: 'Economy', locked: 'hide' }));
  assert.deepEqual(await untilRendered(page), ['ready']);
  const items = await readItems(page.locator('related-stories'));
  assert.ok(items.length > 0, 'nothing shown');
  assert.deepEqual(items.filter((i) => i.badge !== null || i.locked).map((i) => i.title), [], 'locked items shown');
  assert.equal(await page.locator('related-stories [part~="badge"]').count(), 0, 'badges rendered');
  assertClean(log);
});

test('locked="last" puts every free story before the locked ones', async () => {
  const { page, log } = await browser.open(widgetPage(server, { feed: '/feeds/sample.json', sections: 'Economy', locked: 'last' }));
  assert.deepEqual(await untilRendered(page), ['ready']);
  const badges = (await readItems(page.locator('related-stories'))).map((i) => (i.badge === null ? 'free' : 'locked'));
  // Both kinds must be present, or the order would prove nothing.
  assert.ok(badges.includes('free') && badges.includes('locked'), `order: ${badges}`);
  assert.deepEqual(badges, [...badges].sort((a, b) => (a === b ? 0 : a === 'free' ? -1 : 1)), `order: ${badges}`);
  assertClean(log);
});
