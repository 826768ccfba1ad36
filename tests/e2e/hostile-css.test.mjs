// A partner's careless global CSS must not reach into the widget: it should look the same
// on a page with `* { all: unset !important }` as on a plain page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertClean, screenshot, untilRendered, suite } from './harness.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

async function measure(name) {
  const { page, log } = await browser.open(`${server.url}pages/${name}.html`);
  assert.deepEqual(await untilRendered(page), ['ready'], `${name}: data-state`);
  const look = await page.locator('related-stories').evaluate((el) => {
    const at = (part) => el.shadowRoot.querySelector(`[part~="${part}"]`);
    const list = at('list').getBoundingClientRect();
    return {
      linkColor: getComputedStyle(at('link')).color,
      itemDisplay: getComputedStyle(at('item')).display,
      headingFontSize: getComputedStyle(at('heading')).fontSize,
      listHeight: list.height,
      // Not compared, only reported: a width difference would explain a height difference.
      listWidth: list.width,
    };
  });
  await screenshot(page, `${name}.png`);
  assertClean(log);
  return look;
}

test('the widget looks the same on a hostile page as on a plain one', async () => {
  const plain = await measure('plain');
  const hostile = await measure('hostile');
  const report = `plain ${JSON.stringify(plain)}\nhostile ${JSON.stringify(hostile)}`;

  assert.match(plain.itemDisplay, /^(block|flex|grid)$/, report);
  assert.ok(plain.listHeight > 0, report);
  for (const key of ['linkColor', 'itemDisplay', 'headingFontSize', 'listHeight']) {
    assert.equal(hostile[key], plain[key], `${key} differs\n${report}`);
  }
});
