// README's framework recipes, run: the React, Vue, Svelte and Angular
// snippets (tests/types/) bundled with the real frameworks from npm by
// esbuild (Angular's compiled by ngc first), a
// Hotwire Turbo navigation between two articles and an htmx swap
// (tests/e2e/pages/frameworks/). The pages name the element's files and feed
// as partners do (https://static.example/..., https://news.example/...);
// the browser context answers those from dist/ and demo/feeds/. Each widget
// must show what the plain element shows for the same attributes, with no
// console error.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { transformAsync } from '@babel/core';
import angularLinker from '@angular/compiler-cli/linker/babel';
import { build } from 'esbuild';
import { compile as compileSvelte } from 'svelte/compiler';
import { compileScript, parse as parseVue } from 'vue/compiler-sfc';
import { DEMO_CANONICAL, MOUNTS, assertClean, at, hasSection, launch, readItems, untilRendered, start } from './harness.mjs';

const APPS = at('target/e2e-frameworks');
const PAGES = at('tests/e2e/pages/frameworks');
const CDN = 'https://static.example/related-stories/';
const FEED = 'https://news.example/en/feed.json';
const ECONOMY_ARTICLE = 'https://news.example/en/economy/national-bank-keeps-refinancing-rate-at-9-5-percent/';

// What README tells Vue users to set: <related-stories> is no Vue component.
const isCustomElement = (tag) => tag === 'related-stories';

// .vue and .svelte files compiled by their frameworks' own compilers, as Vite's plugins do;
// Angular's packages, partially compiled, finished by Angular's linker, as the Angular CLI does.
const compilers = {
  name: 'frameworks',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]@angular[\\/].*\.m?js$/ }, async ({ path }) => {
      const code = readFileSync(path, 'utf8');
      if (!code.includes('\u0275\u0275ngDeclare')) return { contents: code, loader: 'js' };
      const linked = await transformAsync(code, { filename: path, plugins: [angularLinker], configFile: false, babelrc: false, compact: false });
      return { contents: linked.code, loader: 'js' };
    });
    b.onLoad({ filter: /\.vue$/ }, ({ path }) => {
      // The template is parsed here, so the parser must know the custom element too.
      const { descriptor, errors } = parseVue(readFileSync(path, 'utf8'), { filename: path, templateParseOptions: { isCustomElement } });
      if (errors.length) throw errors[0];
      const script = compileScript(descriptor, {
        id: basename(path), inlineTemplate: true, templateOptions: { compilerOptions: { isCustomElement } },
      });
      return { contents: script.content, loader: 'ts', resolveDir: dirname(path) };
    });
    b.onLoad({ filter: /\.svelte$/ }, ({ path }) => {
      const { js, warnings } = compileSvelte(readFileSync(path, 'utf8'), { filename: path, generate: 'client', dev: true });
      if (warnings.length) throw new Error(`${path}: ${warnings.map((w) => w.message).join('; ')}`);
      return { contents: js.code, loader: 'js', resolveDir: dirname(path) };
    });
  },
};

let browser, server;
before(async () => {
  rmSync(APPS, { recursive: true, force: true });
  // Angular's recipe compiled ahead of time, as the Angular CLI does, into APPS/angular/.
  execFileSync(at('node_modules/.bin/ngc'), ['-p', at('tests/types/tsconfig.angular.json')], { encoding: 'utf8' });
  await build({
    entryPoints: {
      ...Object.fromEntries(['react.main.tsx', 'vue.main.ts', 'svelte.main.ts', 'turbo.main.js', 'htmx.main.js']
        .map((file) => [file.split('.')[0], join(PAGES, file)])),
      angular: join(APPS, 'angular/tests/e2e/pages/frameworks/angular.main.js'),
    },
    outdir: APPS,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    // Development builds: the frameworks' own warnings reach the console, which must stay clean.
    define: {
      'process.env.NODE_ENV': '"development"',
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    plugins: [compilers],
    logLevel: 'error',
  });
  browser = await launch();
  server = await start({ mounts: { ...MOUNTS, '/apps/': 'target/e2e-frameworks' } });
  // The partner's URLs, answered from this checkout: the element from dist/
  // (another origin, so with CORS, as README asks of a CDN), the feed from demo/.
  const types = { '.js': 'text/javascript', '.wasm': 'application/wasm' };
  await browser.context.route(`${CDN}**`, (route) => {
    const file = at(join('dist', new URL(route.request().url()).pathname.split('/').pop()));
    route.fulfill({ path: file, headers: { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'access-control-allow-origin': '*' } });
  });
  await browser.context.route(FEED, (route) => route.fulfill({
    path: at('demo/feeds/sample.json'), headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*' },
  }));
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A story as these tests compare them: headline, sections, badge. */
const story = ({ title, sections, badge }) => ({ title, sections, badge });
const shown = async (page) => (await readItems(page.locator('related-stories'))).map(story);

/** What the plain element shows on pages/widget.html with these attributes: the expected list. */
async function plain(params) {
  const url = `${server.url}pages/widget.html?${new URLSearchParams({ canonical: DEMO_CANONICAL, feed: FEED, 'lock-label': 'PLUS', ...params })}`;
  const { page, log } = await browser.open(url);
  assert.deepEqual(await untilRendered(page), ['ready']);
  const items = await shown(page);
  assertClean(log);
  await page.close();
  assert.ok(items.length > 0, `nothing shown for ${JSON.stringify(params)}`);
  return items;
}

/** Waits until the page's one widget shows `expected`. */
async function shows(page, expected, what) {
  try {
    await page.waitForFunction((titles) => {
      const widgets = document.querySelectorAll('related-stories');
      const items = widgets.length === 1 ? [...widgets[0].shadowRoot?.querySelectorAll('[part~="title"]') ?? []] : [];
      return JSON.stringify(items.map((t) => t.textContent.trim())) === JSON.stringify(titles);
    }, expected.map((s) => s.title));
  } catch (err) {
    assert.deepEqual(await shown(page), expected, `${what}: the stories shown`);
    throw err;
  }
  assert.deepEqual(await shown(page), expected, `${what}: the stories shown`);
}

/** Clicks the first subscriber-only story: the recipe's listener keeps the reader on the page. */
async function chooseLocked(page, expected) {
  const url = page.url();
  const locked = expected.find((s) => s.badge !== null);
  assert.ok(locked, 'a locked story to click');
  await page.locator('related-stories [part~="link"]', { hasText: locked.title }).click();
  await page.getByRole('status').filter({ hasText: locked.title }).waitFor();
  assert.equal(await page.getByRole('status').textContent(), `Subscribe to read “${locked.title}”`);
  assert.equal(page.url(), url, 'the reader stayed on the page');
}

for (const app of ['react', 'vue', 'svelte', 'angular']) {
  test(`${app}: the recipe renders, follows its sections state, hears select, unmounts and mounts again`, async () => {
    const politics = await plain({ sections: 'Politics, Security', limit: '3' });
    const economy = await plain({ sections: 'Economy', limit: '3' });
    assert.ok(economy.every((s) => hasSection(s, 'Economy')));

    const { page, log } = await browser.open(`${server.url}pages/frameworks/app.html?app=${app}`);
    await shows(page, politics, 'first render');
    await chooseLocked(page, politics);

    await page.getByRole('button', { name: 'Economy stories' }).click();
    await shows(page, economy, 'sections changed through state');

    await page.getByRole('button', { name: 'Hide related stories' }).click();
    await page.locator('related-stories').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Show related stories' }).click();
    await shows(page, economy, 'mounted again');
    await chooseLocked(page, economy);
    assertClean(log);
  });
}

test('turbo: a Drive visit to another article shows that article\'s stories, and so does going back', async () => {
  const politics = await plain({});
  const economy = await plain({ canonical: ECONOMY_ARTICLE });
  assert.notDeepEqual(politics, economy);

  const { page, log } = await browser.open(`${server.url}pages/frameworks/turbo-politics.html`);
  await shows(page, politics, 'first article');
  await page.evaluate(() => { window.sameDocument = true; });

  await page.locator('#next').click();
  await page.waitForURL('**/turbo-economy.html');
  await page.getByRole('heading', { name: 'National Bank keeps refinancing rate' }).waitFor();
  await shows(page, economy, 'after a Turbo visit');
  assert.equal(await page.evaluate(() => window.sameDocument), true, 'Turbo Drive rendered the page (no full load)');
  await chooseLocked(page, economy);

  await page.goBack();
  await page.waitForURL('**/turbo-politics.html');
  await shows(page, politics, 'back, from Turbo\'s cache');
  assert.equal(await page.evaluate(() => window.sameDocument), true);
  assertClean(log);
});

test('htmx: a swapped-in widget renders, and one swapped over it shows its own stories', async () => {
  // The htmx page's own article: rank="related" orders by what it says.
  const canonical = 'https://news.example/en/economy/minsk-announces-another-rise-in-fuel-prices/';
  const economy = await plain({ sections: 'Economy', limit: '3', canonical });
  const society = await plain({ sections: 'Society', limit: '3', canonical });

  const { page, log } = await browser.open(`${server.url}pages/frameworks/htmx.html`);
  assert.equal(await page.locator('related-stories').count(), 0);
  await page.getByRole('button', { name: 'More on the economy' }).click();
  await shows(page, economy, 'swapped in');
  await chooseLocked(page, economy);
  await page.getByRole('button', { name: 'More on society' }).click();
  await shows(page, society, 'swapped over');
  assertClean(log);
});

test('the packed package\'s exports give each framework its typings', async () => {
  // tsc resolves related-stories/react, /vue and /svelte through dist/package.json's
  // exports, as in a partner's project, and the React recipe compiles against them.
  const scratch = mkdtempSync(join(tmpdir(), 'rs-types-'));
  try {
    mkdirSync(join(scratch, 'node_modules'));
    symlinkSync(at('dist'), join(scratch, 'node_modules', 'related-stories'));
    for (const name of ['react', '@types', 'vue', '@vue', 'svelte']) symlinkSync(at(`node_modules/${name}`), join(scratch, 'node_modules', name));
    writeFileSync(join(scratch, 'react.tsx'), readFileSync(at('tests/types/react.tsx')));
    writeFileSync(join(scratch, 'typings.ts'), "import type {} from 'related-stories/vue';\nimport type {} from 'related-stories/svelte';\n");
    writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'], types: [],
        jsx: 'react-jsx', strict: true, noEmit: true, skipLibCheck: true,
      },
      include: ['*.ts', '*.tsx'],
    }));
    const pkg = JSON.parse(readFileSync(at('dist/package.json'), 'utf8'));
    for (const sub of ['react', 'vue', 'svelte']) assert.ok(pkg.exports[`./${sub}`]?.types, `exports ./${sub}`);
    execFileSync(at('node_modules/.bin/tsc'), ['-p', scratch], { encoding: 'utf8' });
  } catch (err) {
    throw new Error(`${err.message}\n${err.stdout ?? ''}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
