// The bundled demo, served exactly as `make demo` serves it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DEMO_CANONICAL, DEMO_EXPECTED, assertClean, feedItems, heading, launch, readItems, screenshot, untilRendered, start,
} from './harness.mjs';

let browser, server;
before(async () => {
  browser = await launch();
  server = await start({ mounts: { '/': 'demo', '/dist/': 'dist' } });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the demo article lists its five related stories', async () => {
  const { page, log } = await browser.open(server.url);
  assert.deepEqual(await untilRendered(page), ['ready']);
  const widget = page.locator('related-stories');
  const feed = await feedItems();
  const items = await readItems(widget);

  assert.deepEqual(items.map((i) => i.title), DEMO_EXPECTED.map((e) => e.title));
  assert.equal(await heading(widget), 'Related stories');
  assert.ok(!items.some((i) => i.href === DEMO_CANONICAL), 'the current article is listed');

  for (const [n, item] of items.entries()) {
    const source = feed.find((f) => f.title === item.title);
    const want = DEMO_EXPECTED[n];
    const label = `item ${n + 1} "${item.title}"`;
    assert.equal(item.linkTag, 'a', `${label}: headline is not a link`);
    assert.ok(item.titleInLink, `${label}: title is outside the link`);
    assert.equal(item.href, source.url, `${label}: href`);
    assert.equal(item.sections, source.tags.join(', '), `${label}: sections`);
    assert.equal(item.datetime, new Date(source.date_published).toISOString(), `${label}: <time datetime>`);
    assert.equal(item.locked, want.locked, `${label}: class "locked"`);
    assert.equal(item.badge, want.locked ? 'POZIRK+' : null, `${label}: badge`);
  }

  // What a screen reader announces: a named region, and "Subscribers only" on each locked item.
  const tree = await widget.ariaSnapshot();
  assert.match(tree, /region "Related stories"/, tree);
  assert.match(tree, /heading "Related stories" \[level=2\]/, tree);
  const snapshots = await Promise.all(
    items.map((_, n) => widget.locator('[part~="item"]').nth(n).ariaSnapshot()));
  snapshots.forEach((s, n) => assert.equal(/Subscribers only/i.test(s), DEMO_EXPECTED[n].locked,
    `item ${n + 1} accessible text:\n${s}`));

  // The light-DOM fallback is for when the widget fails; once it renders, it must be gone.
  const fallback = await widget.evaluate((el) => [...el.children].map((c) => c.checkVisibility()));
  assert.ok(fallback.length > 0, 'the demo has no fallback content to hide');
  assert.deepEqual(fallback, fallback.map(() => false), 'fallback children still visible');

  await screenshot(page, 'demo.png');
  assertClean(log);
});

for (const [lang, heading, badgeHint, firstTitle] of [
  ['be', 'Звязаныя матэрыялы', 'Толькі для падпісчыкаў', 'Лукашэнка і Пуцін увялі ў дзеянне дагавор аб гарантыях бяспекі'],
  ['ru', 'Материалы по теме', 'Только для подписчиков', 'Лукашенко и Путин ввели в действие договор о гарантиях безопасности'],
]) {
  test(`the ${lang} demo page speaks its language`, async () => {
    const { page, log } = await browser.open(`${server.url}${lang}.html`);
    assert.deepEqual(await untilRendered(page), ['ready']);
    const widget = page.locator('related-stories');
    assert.equal(await widget.locator('[part~="heading"]').textContent(), heading);
    const titles = await widget.locator('[part~="title"]').allTextContents();
    assert.equal(titles.length, 5);
    assert.equal(titles[0], firstTitle);
    assert.ok(!titles.some((t) => t.startsWith('Минск и Москва') || t.startsWith('Мінск і Масква')), 'the current article is not listed');
    const hint = await widget.locator('[part~="badge"] .visually-hidden').first().textContent();
    assert.ok(hint.startsWith(badgeHint), hint);
    // Dates in the page's language (Chromium has no Belarusian date data: ours).
    const date = await widget.locator('[part~="date"]').first().textContent();
    assert.match(date, lang === 'be' ? /снежня 2023/ : /дек\. 2023/);
    await screenshot(page, `demo-${lang}.png`);
    assertClean(log);
  });
}
