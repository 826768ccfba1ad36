// Bytes on the wire of everything the widget loads from dist/: raw, gzip -9
// and brotli -q 11 (what a CDN serves), per file and in total.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

export function sizes(dir = 'dist') {
  const loaded = /\.(js|wasm|css)$/;
  const rows = readdirSync(dir)
    .filter((f) => loaded.test(f))
    .sort((a, b) => (a === 'related-stories.js' ? -1 : b === 'related-stories.js' ? 1 : a.localeCompare(b)))
    .map((file) => {
      const data = readFileSync(join(dir, file));
      return {
        file,
        raw: data.length,
        gzip: gzipSync(data, { level: 9 }).length,
        brotli: brotliCompressSync(data, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
        }).length,
      };
    });
  const total = rows.reduce((t, r) => ({ file: 'total', raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  return [...rows, total];
}

export function table(rows) {
  const w = Math.max(...rows.map((r) => r.file.length));
  const line = (c) => `| ${c[0].padEnd(w)} | ${c.slice(1).map((x) => String(x).padStart(9)).join(' | ')} |`;
  return [line(['file', 'raw', 'gzip', 'brotli']), `|${'-'.repeat(w + 2)}|${'----------:|'.repeat(3)}`, ...rows.map((r) => line([r.file, r.raw, r.gzip, r.brotli]))].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(table(sizes(process.argv[2] ?? 'dist')));
}
