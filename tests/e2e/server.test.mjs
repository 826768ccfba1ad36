// The test server is part of what the other tests trust; these are the properties they rely on.
// No browser here: node's http client sends paths byte for byte ("..", "%2e%2e"), fetch would not.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { start } from './harness.mjs';

let server;
before(async () => {
  server = await start({ mounts: { '/': 'tests/e2e/pages', '/feeds/': 'demo/feeds' }, vars: { DIST: 'https://cdn.example/dist' }, cors: true });
});
after(() => server?.close());

const get = (path) => new Promise((resolve, reject) => {
  http.get({ host: '127.0.0.1', port: server.port, path }, (res) => {
    let body = '';
    res.setEncoding('utf8').on('data', (c) => { body += c; }).on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
  }).on('error', reject);
});

test('types that browsers insist on', async () => {
  const types = {
    '/cross-origin.html': 'text/html; charset=utf-8',
    '/feeds/sample.json': 'application/json',
    '/hostile.css': 'text/css',
  };
  for (const [path, type] of Object.entries(types)) {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    assert.ok(res.headers['content-type'].startsWith(type), `${path}: ${res.headers['content-type']}`);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['access-control-allow-origin'], '*');
  }
});

test('%VARS% are filled in HTML, and only there', async () => {
  const page = await get('/cross-origin.html');
  assert.match(page.body, /src="https:\/\/cdn\.example\/dist\/related-stories\.js"/);
  assert.doesNotMatch(page.body, /%DIST%/);
});

test('nothing outside a mount is reachable', async () => {
  for (const path of ['/../package.json', '/feeds/../../package.json', '/%2e%2e/package.json',
    '/feeds/%2E%2E%2F%2E%2E%2Fpackage.json', '/feeds/..%5c..%5cpackage.json']) {
    assert.equal((await get(path)).status, 403, path);
  }
  assert.equal((await get('/missing.html')).status, 404);
  assert.equal((await get('/feeds')).headers.location, '/feeds/');
});
