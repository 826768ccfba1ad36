// What the host page hears from the widget, and how clicks on stories behave.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { articlePage, assertClean, DEMO_CANONICAL, DEMO_EXPECTED, feedItems, untilRendered, suite, widgetPage } from './harness.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});


// Records every related-stories:* event at the document, as a host would listen.
async function listen(page) {
  await page.evaluate(() => {
    window.heard = [];
    for (const type of ['load', 'error', 'select']) {
      document.addEventListener(`related-stories:${type}`, (e) => {
        window.heard.push({ type: e.type, detail: e.detail, bubbles: e.bubbles, composed: e.composed, cancelable: e.cancelable });
      });
    }
  });
}

// Story pages are answered locally (in new tabs too) so a navigation is visible.
async function serveStories(page) {
  await page.context().route('https://news.example/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>story</title>story' }));
}

test('load reports how many stories are shown, and again after an attribute change', async () => {
  const { page, log } = await browser.open(articlePage(server, { sections: 'Society', limit: '2' }));
  await page.evaluate(() => {
    window.loads = [];
    document.addEventListener('related-stories:load', (e) => window.loads.push(e.detail.count));
  });
  // The first load may already have happened; an attribute change re-announces.
  await untilRendered(page);
  await page.locator('related-stories').evaluate((el) => el.setAttribute('limit', '3'));
  await page.waitForFunction(() => window.loads.length > 0);
  assert.deepEqual(await page.evaluate(() => window.loads.at(-1)), 3);
  assertClean(log);
});

test('error carries a reason the host can log', async () => {
  const { page } = await browser.open(`${server.url}pages/blank.html`);
  await listen(page);
  await page.evaluate(() => {
    const el = document.createElement('related-stories');
    el.setAttribute('feed', '/feeds/missing.json');
    document.body.append(el);
  });
  await page.waitForFunction(() => window.heard.some((e) => e.type === 'related-stories:error'));
  const error = (await page.evaluate(() => window.heard)).find((e) => e.type === 'related-stories:error');
  assert.match(error.detail.reason, /missing\.json.*404/);
  assert.equal(error.bubbles && error.composed, true);
});

test('select describes the story; preventDefault keeps the reader on the page', async () => {
  const { page } = await browser.open(articlePage(server));
  await serveStories(page);
  await untilRendered(page);
  await listen(page);
  await page.evaluate(() => document.addEventListener('related-stories:select', (e) => e.preventDefault()));
  const before = page.url();
  await page.locator('[part~="link"]').first().click();
  // No wait needed: click() returns only once a navigation the click asked for has committed
  // (Playwright waits for the navigations an action starts), so this is where the reader is.
  assert.equal(page.url(), before, 'navigation was cancelled');
  const [select] = await page.evaluate(() => window.heard.filter((e) => e.type === 'related-stories:select'));
  const story = (await feedItems()).find((i) => i.title === DEMO_EXPECTED[0].title);
  assert.deepEqual(select.detail, {
    url: story.url,
    id: story.id,
    title: 'Belarusian, Iranian defense ministers hold talks in Minsk',
    position: 1,
    locked: true,
    sections: ['Politics', 'Security'],
  });
  assert.equal(select.bubbles && select.composed && select.cancelable, true);
});

test('without preventDefault a click navigates; Enter on a focused link does too', async () => {
  const { page } = await browser.open(articlePage(server));
  await serveStories(page);
  await untilRendered(page);
  const third = page.locator('[part~="link"]').nth(2);
  const href = await third.getAttribute('href');
  await third.click();
  await page.waitForURL(href);

  const again = await browser.open(articlePage(server));
  await serveStories(again.page);
  await untilRendered(again.page);
  await again.page.locator('[part~="link"]').first().focus();
  await again.page.keyboard.press('Enter');
  await again.page.waitForURL(/news\.example/);
});

test('a modified click is reported but cannot be cancelled', async () => {
  const { page } = await browser.open(widgetPage(server, { canonical: DEMO_CANONICAL, feed: '/pages/feeds/local.json' }));
  await untilRendered(page);
  await listen(page);
  await page.evaluate(() => document.addEventListener('related-stories:select', (e) => e.preventDefault()));
  const before = page.url();
  const opened = page.context().waitForEvent('page');
  await page.locator('[part~="link"]').first().click({ modifiers: ['Control'] });
  const tab = await opened;
  await tab.waitForURL(/\/pages\/story\.html\?n=1$/);
  await tab.close();
  assert.equal(page.url(), before, 'the reader stays on this page');
  const [select] = await page.evaluate(() => window.heard.filter((e) => e.type === 'related-stories:select'));
  assert.equal(select.cancelable, false);
  assert.equal(select.detail.title, 'First local story');
});

test('a middle click on the second story is reported as position 2, not cancellable; a right click is not a select', async () => {
  const { page } = await browser.open(widgetPage(server, { canonical: DEMO_CANONICAL, feed: '/pages/feeds/local.json' }));
  await untilRendered(page);
  await listen(page);
  await page.evaluate(() => document.addEventListener('related-stories:select', (e) => e.preventDefault()));
  const link = page.locator('[part~="link"]').nth(1);
  await link.dispatchEvent('auxclick', { button: 2 });
  const opened = page.context().waitForEvent('page');
  await link.click({ button: 'middle' });
  const tab = await opened;
  await tab.close();
  const selects = await page.evaluate(() => window.heard.filter((e) => e.type === 'related-stories:select'));
  assert.equal(selects.length, 1, JSON.stringify(selects));
  assert.equal(selects[0].detail.position, 2);
  assert.equal(selects[0].detail.title, await link.locator('[part~="title"]').textContent());
  assert.equal(selects[0].cancelable, false);
});

test('target and utm shape every story link', async () => {
  const { page, log } = await browser.open(articlePage(server, {
    sections: 'Economy', target: '_blank', utm: 'utm_source=partner&utm_medium=widget',
  }));
  await untilRendered(page);
  const links = await page.locator('[part~="link"]').evaluateAll((as) => as.map((a) => ({
    href: a.getAttribute('href'), target: a.target, rel: a.rel, name: a.textContent.replace(/\s+/g, ' ').trim(),
  })));
  assert.equal(links.length, 5);
  for (const link of links) {
    assert.equal(link.target, '_blank');
    assert.equal(link.rel, 'noopener');
    assert.match(link.href, /^https:\/\/news\.example\/.*\/\?utm_source=partner&utm_medium=widget$/);
    assert.match(link.name, /\(opens in a new tab\)$/);
  }
  assertClean(log);
});
