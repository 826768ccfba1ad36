// Trunk post_build hook: turns Trunk's staging directory into the partner-facing
// dist/: the stable-named loader plus content-hashed glue and wasm, nothing else.
// Trunk runs cargo and wasm-bindgen but not wasm-opt (index.html: data-wasm-opt="0");
// the size steps in tools/shrink.mjs run here, wasm-opt among them.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { bundleLoader } from './loader.mjs';
import { dropDeadClasses, dropUnusedExports, optimize, pointAt, shortenExports, shortenImports } from './shrink.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run through trunk build');

const files = readdirSync(dir);
const trunkGlue = files.find((f) => /^related-stories-[0-9a-f]+\.js$/.test(f));
const trunkWasm = files.find((f) => /^related-stories-[0-9a-f]+_bg\.wasm$/.test(f));
if (!trunkGlue || !trunkWasm) throw new Error(`glue or wasm missing in ${dir}: ${files.join(', ')}`);

// For measuring one step at a time only: POST_BUILD_SKIP=exports,opt,imports;
// POST_BUILD_SKIP=strip keeps the function names, for profiling.
const skip = new Set((process.env.POST_BUILD_SKIP ?? '').split(',').filter(Boolean));
const log = (message) => console.log(`post-build: ${message}`);

let glue = readFileSync(join(dir, trunkGlue), 'utf8');
let wasm = readFileSync(join(dir, trunkWasm));
const rawSize = wasm.length;

// 1. Exports nothing uses: the wasm-streams classes, then whatever the glue never reads.
if (!skip.has('exports')) {
  const classes = dropDeadClasses(glue);
  glue = classes.glue;
  const dropped = dropUnusedExports(wasm, glue);
  wasm = dropped.bytes;
  // Their exports are dropped here, or (make dist) never linked: tools/wasm-ld.
  const streams = dropped.dropped.filter((n) => /intounderlying/i.test(n));
  log(`dropped classes ${classes.classes.join(', ') || '(none)'} and ${dropped.dropped.length} exports (${streams.length} of them theirs): ${dropped.dropped.join(' ')}`);
}

// 2. wasm-opt, after the exports are gone so it removes their code.
const optimized = optimize(wasm, { full: !skip.has('opt'), names: skip.has('strip') });
wasm = optimized.bytes;
log(`wasm-opt: ${rawSize} -> ${wasm.length} bytes${optimized.dropped.length ? `, dropped custom sections ${optimized.dropped.join(', ')}` : ''}`);

// 3. Short import names, on what wasm-opt left.
if (!skip.has('imports')) {
  const short = shortenImports(wasm, glue);
  ({ wasm, glue } = short);
  log(`renamed ${short.renamed} imports${short.unused.length ? `, dropped ${short.unused.length} the wasm no longer imports: ${short.unused.join(' ')}` : ''}`);
  const exported = shortenExports(wasm, glue);
  ({ wasm, glue } = exported);
  log(`renamed ${exported.renamed} exports`);
}

// The stylesheet in the wasm is build.rs's minified copy: one of the copies in
// cargo's build directories is in the wasm whole, and no comment of the source is.
{
  const target = process.env.CARGO_TARGET_DIR ?? 'target';
  const build = join(target, 'wasm32-unknown-unknown', 'release', 'build');
  const copies = readdirSync(build)
    .filter((d) => d.startsWith('related-stories-'))
    .map((d) => join(build, d, 'out', 'related-stories.min.css'))
    .filter((f) => existsSync(f));
  const embedded = copies.find((f) => wasm.includes(readFileSync(f)));
  if (!embedded) throw new Error(`post-build: the wasm holds none of the minified stylesheets ${copies.join(', ') || `(none in ${build})`}`);
  const source = readFileSync('style/related-stories.css', 'utf8');
  const comment = [...source.matchAll(/\/\*([\s\S]*?)\*\//g)].map((m) => m[1].trim()).find((c) => c.length > 20);
  if (comment && wasm.includes(comment)) throw new Error('post-build: the wasm holds the stylesheet unminified');
  log(`stylesheet: ${readFileSync(embedded).length} bytes minified (source ${Buffer.byteLength(source)})`);
}

// Content-hashed names again, now that both files changed: immutable caching stays right.
const hash = (data) => createHash('sha256').update(data).digest('hex').slice(0, 16);
const wasmName = `related-stories-${hash(wasm)}_bg.wasm`;
glue = pointAt(glue, 'related-stories_bg.wasm', wasmName);

// Trunk 0.21's own minifier chokes on the wasm-bindgen glue; esbuild does not. Tree
// shaking drops the helpers only the removed classes and imports used.
const minify = (code, treeShaking = false) => transformSync(code, { minify: true, format: 'esm', target: 'es2022', treeShaking }).code;
glue = minify(glue, true);
// Nearly every function of the glue runs while the first widget mounts. Left
// lazy, V8 compiles each on its first call, inside the mount's task: 13-16 ms
// of it on the phone profile. With this hint (Chrome 136+; ignored elsewhere)
// V8 compiles them all with the module, when the glue arrives, while the wasm
// is still on its way (tests/e2e/package.test.mjs checks it is there).
glue = `//# allFunctionsCalledOnLoad\n${glue}`;
const glueName = `related-stories-${hash(glue)}.js`;

rmSync(join(dir, trunkGlue));
rmSync(join(dir, trunkWasm));
writeFileSync(join(dir, wasmName), wasm);
writeFileSync(join(dir, glueName), glue);

// The loader: src/loader/ bundled into one file naming the two hashed files
// (tools/loader.mjs fails unless it names each exactly once).
writeFileSync(join(dir, 'related-stories.js'), bundleLoader({ glue: glueName, wasm: wasmName }));

// dist/ is also the npm package: versioned from Cargo.toml, with types and a
// Custom Elements Manifest (both checked against the code in tests/build_config.rs).
const version = readFileSync('Cargo.toml', 'utf8').match(/^version = "([^"]+)"/m)?.[1];
if (!version) throw new Error('no version in Cargo.toml');
// src/package/: the manifest, the element's types and each framework's typings
// (react.d.ts, vue.d.ts, svelte.d.ts), all generated by tools/contract.mjs.
const packageFiles = readdirSync('src/package').sort();
for (const file of packageFiles) {
  writeFileSync(join(dir, file), readFileSync(join('src/package', file)));
}
// related-stories/react and the others: types only, for `import type`.
const typings = packageFiles.filter((f) => f.endsWith('.d.ts') && f !== 'related-stories.d.ts')
  .map((f) => [`./${f.replace(/\.d\.ts$/, '')}`, { types: `./${f}` }]);
writeFileSync(join(dir, 'README.md'), readFileSync('README.md'));
writeFileSync(join(dir, 'package.json'), `${JSON.stringify({
  name: 'related-stories',
  version,
  description: 'Related stories for news articles: an embeddable custom element (Rust + WebAssembly) fed by a JSON Feed.',
  license: 'MIT',
  type: 'module',
  main: './related-stories.js',
  module: './related-stories.js',
  types: './related-stories.d.ts',
  exports: {
    '.': { types: './related-stories.d.ts', default: './related-stories.js' },
    './custom-elements.json': './custom-elements.json',
    ...Object.fromEntries(typings),
    './package.json': './package.json',
  },
  files: [...readdirSync(dir).filter((f) => /\.(js|wasm)$/.test(f)), ...packageFiles, 'README.md'],
  customElements: './custom-elements.json',
  sideEffects: ['./related-stories.js'],
  keywords: ['web-component', 'custom-element', 'news', 'json-feed', 'webassembly', 'related-stories'],
}, null, 2)}\n`);

// index.html is only Trunk's build manifest.
rmSync(join(dir, 'index.html'), { force: true });
log(`related-stories.js -> ${glueName}, ${wasmName}`);
