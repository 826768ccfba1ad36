// loading="lazy" (the default) starts nothing until the widget nears the screen;
// removing a widget lets go of what it held; putting it back works.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertClean, settle, suite } from './harness.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

const count = (log, pattern) => log.requests.filter((url) => pattern.test(url)).length;

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

test('a widget below the fold fetches nothing until it is scrolled to', async () => {
  const { page, log } = await browser.open(`${server.url}pages/lazy.html`);
  await page.waitForTimeout(800);
  assert.equal(count(log, /\/feeds\/sample\.json$/), 0, 'feed requests before scrolling');
  assert.equal(count(log, /\.wasm$/), 0, 'wasm requests before scrolling');
  await page.locator('#below').scrollIntoViewIfNeeded();
  assert.deepEqual(await settle(page), ['ready']);
  assert.equal(count(log, /\/feeds\/sample\.json$/), 1);
  assertClean(log);
});

test('removing a waiting widget releases its observer', async () => {
  const probe = await browser.context.newPage();
  await probe.addInitScript(trackObservers);
  await probe.goto(`${server.url}pages/lazy.html`);
  await probe.waitForTimeout(300);
  assert.equal(await probe.evaluate(() => window.observing), 1, 'the lazy widget watches the viewport');
  await probe.evaluate(() => document.querySelector('#below').remove());
  assert.equal(await probe.evaluate(() => window.observing), 0, 'nothing watches after removal');
  await probe.close();
});

test('a rendered widget can be removed and put back', async () => {
  const { page, log } = await browser.open(`${server.url}pages/lazy.html`);
  await page.locator('#below').scrollIntoViewIfNeeded();
  await settle(page);
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
  assert.equal(count(log, /\/feeds\/sample\.json$/), 1, 'the page-wide copy is reused');
  assertClean(log);
});
