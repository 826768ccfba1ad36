// Readers in forced-colours mode (Windows High Contrast, emulated): the
// browser repaints the widget in a few system colours, so every state that
// colour carries must survive in another form: the pressed section chip, the
// keyboard focus, the lock badge, the loading skeleton. axe passes too.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { articlePage, assertClean, screenshot, untilRendered, suite } from './harness.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

async function forced(params) {
  const { page, log } = await browser.open(`${server.url}pages/blank.html`);
  await page.emulateMedia({ forcedColors: 'active' });
  await page.goto(articlePage(server, { chips: '', ...params }));
  return { page, log, widget: page.locator('related-stories') };
}

// The computed value of a system colour keyword, as this browser paints it.
const system = (page, keyword) => page.evaluate((keyword) => {
  const probe = document.createElement('i');
  probe.style.color = keyword;
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}, keyword);

const look = (locator) => locator.evaluate((el) => {
  const s = getComputedStyle(el);
  return {
    background: s.backgroundColor, color: s.color, border: `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor}`,
    outline: `${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}`,
  };
});

test('forced colours: the pressed chip stands out from the others in system colours', async () => {
  const { page, log, widget } = await forced({});
  assert.equal(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), true, 'emulation is on');
  await untilRendered(page);
  const chips = widget.locator('[part~="chip"]');
  await chips.nth(1).click();
  await widget.locator('[part~="chip"][aria-pressed="true"]').nth(0).waitFor();
  const pressed = await look(widget.locator('[part~="chip"][aria-pressed="true"]'));
  const other = await look(chips.nth(0));
  assert.notEqual(pressed.background, other.background, 'pressed and unpressed chips differ in fill');
  assert.equal(pressed.background, await system(page, 'SelectedItem'));
  assert.equal(pressed.color, await system(page, 'SelectedItemText'));
  assert.match(pressed.border, /^2px solid/);
  assert.match(other.border, /^1px solid/);
  await screenshot(page, 'forced-colors-chips.png');
  assertClean(log);
  await page.close();
});

test('forced colours: keyboard focus is a Highlight outline, the lock badge keeps its border', async () => {
  const { page, log, widget } = await forced({});
  await untilRendered(page);
  // From the page into the widget: the chips come first, then the story links.
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    const onLink = await widget.evaluate((el) => el.shadowRoot.activeElement?.matches('[part~="link"]') ?? false);
    if (onLink) break;
  }
  const focused = await widget.evaluate((el) => {
    const s = getComputedStyle(el.shadowRoot.activeElement);
    return { part: el.shadowRoot.activeElement.getAttribute('part'), outline: `${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}` };
  });
  assert.equal(focused.part, 'link');
  assert.equal(focused.outline, `3px solid ${await system(page, 'Highlight')}`);
  const badge = await look(widget.locator('[part~="badge"]').first());
  assert.equal(badge.border, `1px solid ${await system(page, 'CanvasText')}`);
  assertClean(log);
  await page.close();
});

test('forced colours: the loading skeleton is drawn as outlines, not lost as fills', async () => {
  const { page } = await browser.open(`${server.url}pages/blank.html`);
  await page.emulateMedia({ forcedColors: 'active' });
  await page.route('**/feeds/sample.json', () => {}); // never answers
  await page.goto(articlePage(server, {}));
  const widget = page.locator('related-stories');
  await page.waitForFunction(() => document.querySelector('related-stories')?.shadowRoot?.querySelector('[data-state="loading"]'));
  const bone = await look(widget.locator('.bone').first());
  assert.equal(bone.border, `1px solid ${await system(page, 'GrayText')}`);
  await page.close();
});

test('forced colours: axe finds no violations with a chip pressed and locked stories', async () => {
  const { page, log, widget } = await forced({});
  await untilRendered(page);
  await widget.locator('[part~="chip"]').nth(1).click();
  await widget.locator('[part~="chip"][aria-pressed="true"]').nth(0).waitFor();
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  }).then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)));
  assert.deepEqual(violations, []);
  assertClean(log);
  await page.close();
});
