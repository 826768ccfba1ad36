// Readers with JavaScript off, crawlers and link previews: `feed-check --html`
// prints the widget's selection as plain HTML, which the publisher puts inside
// the element as its fallback. Without JavaScript that list is what shows; with
// it the widget shows the same stories.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { assertClean, at, DEMO_CANONICAL, readItems, ROOT, untilRendered, suite } from './harness.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

const SECTIONS = 'Politics, Security';

// The build step README and docs/publishers.md show, run as a publisher would.
function fallback() {
  return execFileSync('cargo', [
    'run', '--quiet', '-p', 'feed-check', '--',
    at('demo/feeds/sample.json'), '--article', DEMO_CANONICAL, '--sections', SECTIONS, '--html',
  ], { cwd: ROOT, encoding: 'utf8' });
}

function article(html) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Article</title>
  <link rel="canonical" href="${DEMO_CANONICAL}">
  <script type="module" src="/dist/related-stories.js"></script>
</head>
<body>
  <h1>Article</h1>
  <related-stories feed="/feeds/sample.json" sections="${SECTIONS}" loading="eager">
${html}  </related-stories>
</body>
</html>`;
}

async function open(html, { javascript }) {
  const { page, log } = await browser.open(`${server.url}pages/blank.html`);
  if (!javascript) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
  }
  const url = `${server.url}pages/no-javascript.html`;
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: article(html) }));
  await page.goto(url);
  return { page, log };
}

test('without JavaScript, the fallback from feed-check --html lists the stories the widget shows', async () => {
  const html = fallback();
  assert.match(html, /^<nav aria-label="Related stories" lang="en">/);

  const off = await open(html, { javascript: false });
  const listed = await off.page.locator('related-stories nav li').evaluateAll((lis) => lis.map((li) => {
    const a = li.querySelector('a');
    return { title: a.textContent, href: a.getAttribute('href'), notes: [...li.querySelectorAll('small')].map((s) => s.textContent) };
  }));
  assert.equal(await off.page.evaluate(() => document.querySelector('related-stories').shadowRoot), null, 'no script ran');
  assert.ok(await off.page.locator('related-stories nav a').first().isVisible(), 'the fallback links are visible');
  await off.page.close();

  const on = await open(html, { javascript: true });
  await untilRendered(on.page);
  const shown = await readItems(on.page.locator('related-stories'));
  assert.equal(listed.length, 5);
  assert.deepEqual(
    listed.map(({ title, href }) => ({ title, href })),
    shown.map(({ title, href }) => ({ title, href })),
    'the same stories, in the same order, with the same links',
  );
  // Sections and the lock text as the widget prints them.
  assert.deepEqual(listed.map((l) => l.notes[0]), shown.map((s) => s.sections));
  assert.deepEqual(listed.map((l) => l.notes.length === 2), shown.map((s) => s.locked));
  assertClean(on.log);
  await on.page.close();
});
