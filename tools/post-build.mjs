// Trunk post_build hook: turns Trunk's staging directory into the partner-facing
// dist/: the stable-named loader plus content-hashed glue and wasm, nothing else.
import { readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run through trunk build');

const files = readdirSync(dir);
const glue = files.find((f) => /^related-stories-[0-9a-f]+\.js$/.test(f));
const wasm = files.find((f) => /^related-stories-[0-9a-f]+_bg\.wasm$/.test(f));
if (!glue || !wasm) throw new Error(`glue or wasm missing in ${dir}: ${files.join(', ')}`);

const minify = (code) => transformSync(code, { minify: true, format: 'esm', target: 'es2022' }).code;

// Trunk 0.21's own minifier chokes on the wasm-bindgen glue; esbuild does not.
writeFileSync(join(dir, glue), minify(readFileSync(join(dir, glue), 'utf8')));

const loader = readFileSync('src/loader.js', 'utf8')
  .replace("'__GLUE__'", JSON.stringify(`./${glue}`))
  .replace("'__WASM__'", JSON.stringify(`./${wasm}`));
writeFileSync(join(dir, 'related-stories.js'), minify(loader));

// dist/ is also the npm package: versioned from Cargo.toml, with types and a
// Custom Elements Manifest (both checked against the code in tests/build_config.rs).
const version = readFileSync('Cargo.toml', 'utf8').match(/^version = "([^"]+)"/m)?.[1];
if (!version) throw new Error('no version in Cargo.toml');
for (const file of ['related-stories.d.ts', 'custom-elements.json']) {
  writeFileSync(join(dir, file), readFileSync(join('src/package', file)));
}
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
    './package.json': './package.json',
  },
  files: [...readdirSync(dir).filter((f) => /\.(js|wasm)$/.test(f)), 'related-stories.d.ts', 'custom-elements.json', 'README.md'],
  customElements: './custom-elements.json',
  sideEffects: ['./related-stories.js'],
  keywords: ['web-component', 'custom-element', 'news', 'json-feed', 'webassembly', 'related-stories'],
}, null, 2)}\n`);

// index.html is only Trunk's build manifest.
rmSync(join(dir, 'index.html'), { force: true });
console.log(`post-build: related-stories.js -> ${glue}, ${wasm}`);
