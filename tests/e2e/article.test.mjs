// Which article the widget sits on decides what it offers: its sections by default, and
// never the article itself.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertClean, feedItems, hasSection, launch, readItems, untilRendered, start, widgetPage } from './harness.mjs';

let browser, server, feed;
before(async () => {
  browser = await launch();
  server = await start();
  feed = await feedItems();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const byTitle = (title) => {
  const item = feed.find((i) => i.title === title);
  assert.ok(item, `sample feed has no "${title}"`);
  return item;
};
// Stories tagged `section`, newest first (the feed's order), minus the current one:
// what rank="newest" lists. These tests are about which article and which sections;
// rank="related" (the default) is tested on its own below.
const expected = (section, current, limit = 5) => feed
  .filter((i) => i.url !== current.url && (i.tags ?? []).includes(section))
  .slice(0, limit)
  .map((i) => i.title);

async function show(params) {
  const { page, log } = await browser.open(widgetPage(server, { feed: '/feeds/sample.json', rank: 'newest', ...params }));
  assert.deepEqual(await untilRendered(page), ['ready']);
  const items = await readItems(page.locator('related-stories'));
  assertClean(log);
  return items;
}

test('without sections, the canonical article\'s own sections are used', async () => {
  const current = byTitle('Łukašenka sacks police academy chief'); // tagged only "Society"
  const items = await show({ canonical: current.url });
  for (const item of items) assert.ok(hasSection(item, 'Society'), `"${item.title}" in "${item.sections}"`);
  assert.deepEqual(items.map((i) => i.title), expected('Society', current));
});

test('the article attribute overrides the canonical link', async () => {
  const canonical = byTitle('Łukašenka sacks police academy chief'); // Society
  const current = byTitle('Russia made available just over 30 percent of $1.5 billion import substitution loan'); // Economy
  const items = await show({ canonical: canonical.url, article: current.url });
  for (const item of items) assert.ok(hasSection(item, 'Economy'), `"${item.title}" in "${item.sections}"`);
  assert.deepEqual(items.map((i) => i.title), expected('Economy', current));
});

test('the current article is never listed, even when it is the best match', async () => {
  // Tagged Politics + Security and among the newest such stories: unexcluded, it would be listed second.
  const current = byTitle('Łukašenka reiterates commitment to Russia, says Belarus building vehicles for Oreshnik');
  const items = await show({ article: current.url, sections: 'Politics, Security' });
  assert.equal(items.length, 5);
  assert.ok(!items.some((i) => i.href === current.url || i.title === current.title), 'current article listed');
});

test('rank="related" (the default) lists first the stories whose words are closest to the article', async () => {
  const current = byTitle('Belarusian potash exports shift further to Russian ports'); // Economy
  const related = await show({ article: current.url, sections: 'Economy', rank: 'related' });
  const newest = await show({ article: current.url, sections: 'Economy' });
  // The one other potash story comes first, though two Economy stories are newer.
  assert.equal(related[0].title, 'Lithuanian PM warns against easing sanctions on Belarus’ potash industry');
  assert.deepEqual(newest.map((i) => i.title), expected('Economy', current));
  assert.notEqual(newest[0].title, related[0].title);
  // The same stories' section filter: only the order differs.
  for (const item of related) assert.ok(hasSection(item, 'Economy'), `"${item.title}" in "${item.sections}"`);
});
