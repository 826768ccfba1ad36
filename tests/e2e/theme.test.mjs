// theme="auto" follows the reader's colour scheme; light and dark force one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertClean, assertNoUncaught, screenshot, untilRendered, suite, widgetPage } from './harness.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

// The sample feed's Politics stories, on a page with no canonical link.
const POLITICS = { feed: '/feeds/sample.json', sections: 'Politics' };

async function colours(page) {
  return page.locator('related-stories').evaluate((el) => {
    const at = (sel) => getComputedStyle(el.shadowRoot.querySelector(sel));
    return { text: at('[part~="title"]').color, background: at('.rs').backgroundColor, accent: at('[part~="sections"]').color };
  });
}

// Relative luminance, to check contrast the way WCAG defines it.
function luminance(rgb) {
  const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

for (const scheme of ['light', 'dark']) {
  test(`theme auto follows a ${scheme} system scheme, with AA contrast`, async () => {
    const { page, log } = await browser.open(widgetPage(server, POLITICS));
    await page.emulateMedia({ colorScheme: scheme });
    await untilRendered(page);
    const c = await colours(page);
    const background = scheme === 'dark' ? c.background : 'rgb(255, 255, 255)';
    assert.equal(luminance(c.text) > 0.5, scheme === 'dark', JSON.stringify(c));
    assert.ok(contrast(c.text, background) >= 4.5, `text ${JSON.stringify(c)}`);
    assert.ok(contrast(c.accent, background) >= 4.5, `accent ${JSON.stringify(c)}`);
    await screenshot(page, `theme-auto-${scheme}.png`);
    assertClean(log);
  });
}

test('theme="light" stays light on a dark system; theme="dark" is dark on a light one', async () => {
  const light = await browser.open(widgetPage(server, { ...POLITICS, theme: 'light' }));
  await light.page.emulateMedia({ colorScheme: 'dark' });
  await untilRendered(light.page);
  assert.ok(luminance((await colours(light.page)).text) < 0.1);

  const dark = await browser.open(widgetPage(server, { ...POLITICS, theme: 'dark' }));
  await dark.page.emulateMedia({ colorScheme: 'light' });
  await untilRendered(dark.page);
  const c = await colours(dark.page);
  assert.ok(luminance(c.text) > 0.5);
  assert.notEqual(c.background, 'rgba(0, 0, 0, 0)', 'dark brings its own surface');
});

test('a host token reaches inside the shadow root, and ::part styles apply', async () => {
  const { page } = await browser.open(widgetPage(server, POLITICS));
  await untilRendered(page);
  await page.addStyleTag({ content: 'related-stories { --rs-color-accent: rgb(0, 75, 135); } related-stories::part(title) { font-weight: 400; }' });
  const styles = await page.locator('related-stories').evaluate((el) => ({
    accent: getComputedStyle(el.shadowRoot.querySelector('[part~="sections"]')).color,
    weight: getComputedStyle(el.shadowRoot.querySelector('[part~="title"]')).fontWeight,
  }));
  assert.deepEqual(styles, { accent: 'rgb(0, 75, 135)', weight: '400' });
});

test('the theming page changes the widget live and shows the CSS to paste', async () => {
  const { page, log } = await browser.open(`${server.url}theming.html`);
  await untilRendered(page);
  const accent = page.locator('input[data-token="--rs-color-accent"]');
  await accent.fill('#004b87');
  await page.locator('select[data-attr="layout"]').selectOption('cards');
  await page.waitForFunction(() => document.querySelector('related-stories').shadowRoot.querySelector('[data-layout="cards"]'));
  const color = await page.locator('related-stories').evaluate((el) =>
    getComputedStyle(el.shadowRoot.querySelector('[part~="sections"]')).color);
  assert.equal(color, 'rgb(0, 75, 135)');
  const snippet = await page.locator('#snippet').textContent();
  assert.match(snippet, /--rs-color-accent: #004b87;/);
  assert.match(snippet, /layout="cards"/);
  await screenshot(page, 'theming-page.png');
  assertNoUncaught(log);
});
