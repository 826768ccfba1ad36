// A feed server that misbehaves on demand, on 127.0.0.1, for the network-fault
// tests: each path is one fault. It answers CORS for every path but /no-cors,
// since the widget's host page lives on another port (another origin).
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { at } from './harness.mjs';

const FEED = readFileSync(at('demo/feeds/sample.json'));

export async function startFaults() {
  const sockets = new Set();
  const hits = new Map();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const cors = path === '/no-cors.json' ? {} : { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Retry-After' };
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...cors, ...headers });
      res.end(body);
    };
    switch (path) {
      case '/404.json': return send(404, 'not found');
      case '/500.json': return send(500, 'broken');
      case '/503-then-ok.json':
        return hits.get(path) === 1 ? send(503, 'busy', { 'Retry-After': '1' }) : send(200, FEED);
      case '/hang.json': return undefined; // never answers; closed with the server
      case '/truncated.json': {
        res.writeHead(200, { 'Content-Type': 'application/json', ...cors });
        res.write(FEED.subarray(0, FEED.length / 2));
        return res.end();
      }
      case '/html-200.json':
        return send(200, '<!doctype html><title>Oops</title><h1>Something went wrong</h1>', { 'Content-Type': 'text/html' });
      case '/wrong-type.json': return send(200, FEED, { 'Content-Type': 'text/plain' });
      case '/no-cors.json': return send(200, FEED);
      // Not a fault: a feed the browser may keep for an hour.
      case '/cacheable.json': return send(200, FEED, { 'Cache-Control': 'max-age=3600' });
      case '/huge.json': {
        // 20 MB, no length announced: only reading tells how big it is.
        res.writeHead(200, { 'Content-Type': 'application/json', ...cors });
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let sent = 0;
        const more = () => {
          while (sent < 20 && res.write(chunk)) sent++;
          if (sent < 20) res.once('drain', more);
          else res.end();
        };
        res.on('close', () => { sent = 20; });
        return more();
      }
      case '/huge-declared.json': return send(200, Buffer.alloc(9 * 1024 * 1024, 0x20));
      case '/slow.json': return setTimeout(() => send(200, FEED), 3000);
      case '/loop.json':
        res.writeHead(302, { Location: '/loop.json', ...cors });
        return res.end();
      default: return send(404, 'no such fault');
    }
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return {
    url,
    hits: (path) => hits.get(path) ?? 0,
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(resolve);
    }),
  };
}
