// dist/ is an npm package: packed, installed into a scratch project, and
// imported by its name, it works; its properties mirror the attributes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { assertClean, at, launch, untilRendered } from './harness.mjs';
import { serve } from '../../tools/server.mjs';

let browser, server, scratch;
before(async () => {
  browser = await launch();
  scratch = mkdtempSync(join(tmpdir(), 'rs-package-'));
  const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });
  const tarball = npm(['pack', at('dist'), '--pack-destination', scratch], scratch).trim().split('\n').pop();
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'partner-site', private: true, type: 'module' }));
  npm(['install', '--offline', join(scratch, tarball)], scratch);
  writeFileSync(join(scratch, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner site</title><link rel="icon" href="data:,">
<script type="importmap">{ "imports": { "related-stories": "/node_modules/related-stories/related-stories.js" } }</script>
<script type="module">import 'related-stories';</script></head>
<body><related-stories loading="eager" feed="/feeds/sample.json" sections="Economy"></related-stories></body></html>`);
  server = await serve({ mounts: { '/': scratch, '/feeds/': at('demo/feeds') } });
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('installed from a packed tarball, imported by name, it renders', async () => {
  const installed = JSON.parse(readFileSync(join(scratch, 'node_modules/related-stories/package.json'), 'utf8'));
  const cargoVersion = readFileSync(at('Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
  assert.equal(installed.version, cargoVersion);
  assert.equal(installed.customElements, './custom-elements.json');
  const { page, log } = await browser.open(server.url);
  assert.deepEqual(await untilRendered(page), ['ready']);
  assert.equal(await page.locator('[part~="item"]').count(), 5);
  assertClean(log);
});

test('properties mirror attributes', async () => {
  const { page } = await browser.open(server.url);
  await untilRendered(page);
  const state = await page.locator('related-stories').evaluate((el) => {
    el.limit = 2;
    el.chips = true;
    el.lockLabel = 'PLUS';
    return { limit: el.getAttribute('limit'), chips: el.hasAttribute('chips'), label: el.getAttribute('lock-label'), feed: el.feed };
  });
  assert.deepEqual(state, { limit: '2', chips: true, label: 'PLUS', feed: '/feeds/sample.json' });
  await page.waitForFunction(() => document.querySelector('related-stories').shadowRoot.querySelectorAll('[part~="item"]').length === 2);
  assert.ok((await page.locator('[part~="chip"]').count()) > 1);
});

// The first widget's mount calls nearly every function of the glue; with this
// hint Chromium compiles them with the module, as the glue arrives, not one by
// one inside the mount's task (BENCHMARKS.md: the mount task on the phone profile).
test('the packed glue asks the browser to compile all its functions as it loads', () => {
  const dir = join(scratch, 'node_modules/related-stories');
  const installed = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const glue = installed.files.filter((f) => /^related-stories-[0-9a-f]+\.js$/.test(f));
  assert.equal(glue.length, 1, `one hashed glue file in ${installed.files}`);
  assert.equal(readFileSync(join(dir, glue[0]), 'utf8').split('\n')[0], '//# allFunctionsCalledOnLoad');
});
