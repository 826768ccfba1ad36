// Partners load the widget from our CDN, not their own origin: the loader must fetch its
// glue JS and wasm relative to its own URL, never relative to the host page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_EXPECTED, assertClean, launch, readItems, untilRendered, start } from './harness.mjs';

let browser, cdn, site;
before(async () => {
  browser = await launch();
  cdn = await start({ mounts: { '/dist/': 'dist' }, cors: true });
  site = await start({
    mounts: { '/': 'tests/e2e/pages', '/feeds/': 'demo/feeds' },
    vars: { DIST: `${cdn.url}dist` },
  });
});
after(async () => {
  await browser?.close();
  await cdn?.close();
  await site?.close();
});

test('a widget loaded from another origin renders, with all its assets from that origin', async () => {
  assert.notEqual(new URL(cdn.url).origin, new URL(site.url).origin);
  const { page, log } = await browser.open(`${site.url}cross-origin.html`);
  assert.deepEqual(await untilRendered(page), ['ready']);
  const items = await readItems(page.locator('related-stories'));
  assert.deepEqual(items.map((i) => i.title), DEMO_EXPECTED.map((e) => e.title));

  const assets = log.requests.filter((u) => /\.(m?js|wasm)$/.test(new URL(u).pathname));
  const cdnOrigin = new URL(cdn.url).origin;
  const report = assets.join('\n');
  assert.ok(assets.some((u) => u.endsWith('.wasm')), `no .wasm fetched:\n${report}`);
  // The loader plus at least one hashed glue module.
  assert.ok(assets.filter((u) => /\.m?js$/.test(u)).length >= 2, `no glue JS fetched:\n${report}`);
  assert.deepEqual(assets.filter((u) => new URL(u).origin !== cdnOrigin), [], `assets not from ${cdnOrigin}`);
  assertClean(log);
});
