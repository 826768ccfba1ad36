// Screenshots of the widget in every state a reader can meet, from the built
// dist/ and the demo pages, into target/screenshots/ (or the folder given).
// Look at them: a reader sees pixels, not DOM.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from './chromium.mjs';
import { serve } from './server.mjs';

const out = process.argv[2] ?? 'target/screenshots';
mkdirSync(out, { recursive: true });
const server = await serve({
  mounts: { '/': 'demo', '/dist/': 'dist', '/feeds/': 'demo/feeds', '/pages/': 'tests/e2e/pages' },
});
const profile = mkdtempSync(join(tmpdir(), 'rs-shots-'));
const context = await launchChromium(profile);

const widget = (params) => `${server.url}pages/widget.html?${new URLSearchParams({ canonical: ARTICLE, ...params })}`;
const ARTICLE = 'https://news.example/en/politics/belarusian-russian-foreign-ministries-adopt-coordinated-foreign-policy/';
const politics = { feed: '/feeds/sample.json', sections: 'Politics, Security' };
const shots = [
  { name: 'loaded', url: server.url, state: 'ready' },
  { name: 'dark', url: widget({ ...politics, theme: 'dark' }), state: 'ready', scheme: 'dark' },
  { name: 'compact', url: widget({ ...politics, layout: 'compact' }), state: 'ready' },
  { name: 'cards', url: widget({ ...politics, layout: 'cards' }), state: 'ready', width: 1000 },
  { name: 'cards-narrow-320', url: widget({ ...politics, layout: 'cards' }), state: 'ready', width: 320 },
  { name: 'chips', url: widget({ feed: '/feeds/sample.json', sections: '', chips: '', limit: 4 }), state: 'ready' },
  { name: 'narrow-320', url: server.url, state: 'ready', width: 320 },
  { name: 'loading', url: server.url, state: 'loading', holdFeed: true },
  { name: 'locked-last', url: widget({ feed: '/feeds/sample.json', sections: 'Economy', locked: 'last', limit: 6 }), state: 'ready' },
  { name: 'error-fallback', url: widget({ feed: '/feeds/missing.json' }), state: 'error' },
  { name: 'empty', url: widget({ feed: '/feeds/sample.json', sections: 'Weather' }), state: 'empty', page: true },
  // Every state in Belarusian and Russian too (their demo pages and feeds).
  ...['be', 'ru'].flatMap((lang) => [
    { name: `${lang}-loaded`, url: `${server.url}${lang}.html`, state: 'ready' },
    { name: `${lang}-loading`, url: `${server.url}${lang}.html`, state: 'loading', holdFeed: true },
    { name: `${lang}-dark-cards`, url: widget({ lang, feed: `/feeds/sample-${lang}.json`, sections: '', layout: 'cards', theme: 'dark' }), state: 'ready', width: 1000 },
    { name: `${lang}-error`, url: `${server.url}pages/blank.html`, create: { lang, feed: '/feeds/missing.json' }, state: 'error' },
  ]),
];

for (const shot of shots) {
  const page = await context.newPage();
  await page.setViewportSize({ width: shot.width ?? 760, height: 900 });
  await page.emulateMedia({ colorScheme: shot.scheme ?? 'light' });
  if (shot.holdFeed) await page.route('**/feeds/*.json', () => {}); // never answers
  await page.goto(shot.url);
  if (shot.create) {
    // A widget with no fallback content, to show the widget's own message.
    await page.evaluate((attrs) => {
      const el = document.createElement('related-stories');
      for (const [k, v] of Object.entries({ loading: 'eager', ...attrs })) el.setAttribute(k, v);
      document.body.append(el);
    }, shot.create);
  }
  await page.locator(`related-stories >> [data-state="${shot.state}"]`).first().waitFor({ state: 'attached' });
  const target = page.locator('related-stories').first();
  await target.scrollIntoViewIfNeeded();
  const path = join(out, `${shot.name}.png`);
  await page.waitForLoadState('load'); // thumbnails
  await (shot.page ? page.screenshot({ path }) : target.screenshot({ path, animations: 'disabled' }));
  console.log(path);
  await page.close();
}

await context.close();
rmSync(profile, { recursive: true, force: true });
await server.close();
