// The loader partners name, dist/related-stories.js: the modules of
// src/loader/ bundled by esbuild into one minified file, with the
// content-hashed names of the glue and wasm put in for the placeholders
// src/loader/load.js reads them from. Called by tools/post-build.mjs.
import { buildSync } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
export const ENTRY = join(ROOT, 'src/loader/index.js');

const count = (text, part) => text.split(part).length - 1;

/**
 * The bundled loader for `glue` and `wasm`, the file names beside it. Throws
 * unless the bundle is one file naming each exactly once (each placeholder
 * was in the source once, and was replaced) with no placeholder left.
 */
export function bundleLoader({ glue, wasm }, { entry = ENTRY } = {}) {
  const names = { __GLUE__: `./${glue}`, __WASM__: `./${wasm}` };
  const { outputFiles, warnings } = buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    define: Object.fromEntries(Object.entries(names).map(([placeholder, name]) => [placeholder, JSON.stringify(name)])),
  });
  if (warnings.length) throw new Error(`loader: esbuild warns: ${warnings.map((w) => w.text).join('; ')}`);
  if (outputFiles.length !== 1) throw new Error(`loader: the bundle is ${outputFiles.length} files, not one`);
  const code = outputFiles[0].text;
  for (const [placeholder, name] of Object.entries(names)) {
    const times = count(code, name);
    if (times !== 1 || code.includes(placeholder)) {
      throw new Error(`loader: src/loader/ must read ${placeholder} exactly once: the bundle names ${name} ${times} times${code.includes(placeholder) ? `, and still holds ${placeholder}` : ''}`);
    }
  }
  return code;
}
