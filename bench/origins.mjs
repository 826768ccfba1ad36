// The bench's three HTTP origins, each its own 127.0.0.1 port, as readers and partners meet
// the widget: the partner's article page, our CDN (dist/ and the vanilla element), and the
// publisher's feed host. Every body is compressed once, at start-up, with brotli quality 11
// (as a CDN serves static files) and held in memory, so a `make dist` running alongside
// cannot change what a run measures half-way through.
import { createHash } from 'node:crypto';
import http from 'node:http';
import { extname } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  // instantiateStreaming refuses anything but application/wasm.
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

export const brotli = (data) => brotliCompressSync(data, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
});

// Content-hashed names (related-stories-<hex>.js, related-stories-<hex>_bg.wasm) never change
// content, so a CDN lets browsers keep them a year without asking again; a stable name (the
// loader partners link to) gets five minutes, so a new release reaches readers quickly.
export const HASHED = /-[0-9a-f]{8,}(_bg)?\.[a-z]+$/;
export const CDN_CACHE = (path) => (HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=300');

// files: Map of pathname -> { data: Buffer, cache: Cache-Control value }.
// cors: Access-Control-Allow-Origin and Timing-Allow-Origin: * (without the latter, resource
// timing of a cross-origin file is all zeros past startTime/responseEnd).
export async function origin(name, files, { cors = true } = {}) {
  const table = new Map();
  for (const [path, { data, cache }] of files) {
    const tag = createHash('sha256').update(data).digest('base64url').slice(0, 22);
    table.set(path, {
      data, br: brotli(data), cache,
      type: TYPES[extname(path)] ?? 'application/octet-stream',
      etag: { identity: `"${tag}"`, br: `"${tag}-br"` },
    });
  }
  // Every request this origin answered, for the bench's own checks (one feed request, brotli
  // on the wire, cache hits that never reached us).
  const hits = [];
  const server = http.createServer((req, res) => {
    const pathname = req.url.split('?')[0];
    const shared = cors ? { 'Access-Control-Allow-Origin': '*', 'Timing-Allow-Origin': '*' } : {};
    const hit = { at: Date.now(), method: req.method, path: pathname, acceptEncoding: req.headers['accept-encoding'] ?? '' };
    hits.push(hit);
    if (req.method === 'OPTIONS' && cors) {
      hit.status = 204;
      res.writeHead(204, { ...shared, 'Access-Control-Allow-Methods': 'GET, HEAD', 'Access-Control-Allow-Headers': '*', 'Access-Control-Max-Age': '86400' });
      return res.end();
    }
    const f = table.get(pathname);
    if (!f || (req.method !== 'GET' && req.method !== 'HEAD')) {
      hit.status = f ? 405 : 404;
      res.writeHead(hit.status, { ...shared, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      return res.end(f ? 'method not allowed\n' : 'not found\n');
    }
    const encoding = /(^|[\s,])br(\s*;\s*q=(1|0\.[1-9]\d*))?\s*(,|$)/.test(hit.acceptEncoding) ? 'br' : 'identity';
    const headers = { ...shared, 'Content-Type': f.type, 'Cache-Control': f.cache, ETag: f.etag[encoding], Vary: 'Accept-Encoding' };
    hit.encoding = encoding;
    if (req.headers['if-none-match'] === f.etag[encoding]) {
      hit.status = 304;
      res.writeHead(304, headers);
      return res.end();
    }
    const body = encoding === 'br' ? f.br : f.data;
    hit.status = 200;
    hit.bytes = body.length;
    res.writeHead(200, { ...headers, ...(encoding === 'br' ? { 'Content-Encoding': 'br' } : {}), 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  // Sockets kept alive from one page load would let the next skip connection set-up.
  server.keepAliveTimeout = 5000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    name, url, hits, table,
    // Hang up idle keep-alive sockets, so a cold load opens its connections anew.
    closeIdle: () => server.closeIdleConnections(),
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
