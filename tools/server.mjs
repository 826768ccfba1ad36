// Static file server for the demo and the end-to-end tests. Zero dependencies on purpose:
// `make demo` and the test suite must work from a bare checkout with only node installed.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  // instantiateStreaming refuses anything but application/wasm.
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function normalizeMounts(mounts) {
  return Object.entries(mounts)
    .map(([prefix, dir]) => {
      let p = prefix.startsWith('/') ? prefix : `/${prefix}`;
      if (!p.endsWith('/')) p += '/';
      return [p, path.resolve(dir)];
    })
    .sort((a, b) => b[0].length - a[0].length);
}

function substitute(text, vars) {
  // Only known names are replaced, so a literal "100%" in inline CSS survives.
  return text.replace(/%([A-Za-z_][A-Za-z0-9_]*)%/g, (m, name) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : m);
}

export async function serve({ port = 0, host = '127.0.0.1', mounts, vars = {}, cors = false, log = false } = {}) {
  if (!mounts || Object.keys(mounts).length === 0) throw new Error('serve(): mounts is required');
  const table = normalizeMounts(mounts);

  const server = http.createServer(async (req, res) => {
    const send = (status, body = '', headers = {}) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    res.setHeader('Cache-Control', 'no-store');
    if (cors) res.setHeader('Access-Control-Allow-Origin', '*');
    if (log) res.on('finish', () => console.log(`${res.statusCode} ${req.method} ${req.url}`));

    if (req.method === 'OPTIONS' && cors) {
      return send(204, '', { 'Access-Control-Allow-Methods': 'GET, HEAD', 'Access-Control-Allow-Headers': '*' });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n', { Allow: 'GET, HEAD' });

    // Parse by hand: new URL() would quietly resolve "..", "%2e%2e" included, and we want to refuse it.
    const [rawPath, query = ''] = req.url.split(/\?(.*)/s);
    let pathname;
    try {
      pathname = decodeURIComponent(rawPath.split('#')[0]);
    } catch {
      return send(400, 'bad request\n');
    }
    if (!pathname.startsWith('/') || pathname.includes('\0') || pathname.includes('\\')
        || pathname.split('/').includes('..')) {
      return send(403, 'forbidden\n');
    }

    if (table.some(([prefix]) => prefix === `${pathname}/`)) {
      return send(301, '', { Location: `${rawPath}/${query ? `?${query}` : ''}` });
    }
    const mount = table.find(([prefix]) => pathname.startsWith(prefix));
    if (!mount) return send(404, 'not found\n');
    const [prefix, root] = mount;
    let file = path.join(root, pathname.slice(prefix.length));
    if (file !== root && !file.startsWith(root + path.sep)) return send(403, 'forbidden\n');

    try {
      let stat = await fs.promises.stat(file);
      if (stat.isDirectory()) {
        // Relative URLs in an index page (feed="feeds/sample.json") need the trailing slash.
        if (!pathname.endsWith('/')) return send(301, '', { Location: `${rawPath}/${query ? `?${query}` : ''}` });
        file = path.join(file, 'index.html');
        stat = await fs.promises.stat(file);
      }
      if (!stat.isFile()) return send(404, 'not found\n');
      const ext = path.extname(file).toLowerCase();
      const type = TYPES[ext] ?? 'application/octet-stream';

      if (type.startsWith('text/html')) {
        const body = substitute(await fs.promises.readFile(file, 'utf8'), vars);
        return send(200, body, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      }
      res.writeHead(200, { 'Content-Type': type, 'Content-Length': stat.size });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    } catch (err) {
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return send(404, 'not found\n');
      if (err.code === 'EACCES') return send(403, 'forbidden\n');
      return send(500, 'internal error\n');
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actual = server.address().port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${actual}/`,
    port: actual,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      // Keep-alive sockets from a browser would otherwise hold close() open.
      server.closeAllConnections();
    }),
  };
}

function parseArgs(argv) {
  const opts = { mounts: {}, vars: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') && !['--mount', '--var'].includes(arg.split('=')[0])
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    const pair = (v) => {
      const eq = v.indexOf('=');
      if (eq < 1) throw new Error(`${flag} expects NAME=VALUE, got "${v}"`);
      return [v.slice(0, eq), v.slice(eq + 1)];
    };
    switch (flag) {
      case '--port': opts.port = Number(value()); break;
      case '--host': opts.host = value(); break;
      case '--mount': { const [p, d] = pair(value()); opts.mounts[p] = d; break; }
      case '--var': { const [k, v] = pair(value()); opts.vars[k] = v; break; }
      case '--cors': opts.cors = true; break;
      case '--log': opts.log = true; break;
      default: throw new Error(`unknown argument "${arg}"`);
    }
  }
  if (Object.keys(opts.mounts).length === 0) opts.mounts['/'] = '.';
  if (opts.port !== undefined && !Number.isInteger(opts.port)) throw new Error('--port must be an integer');
  return opts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    for (const dir of Object.values(opts.mounts)) {
      if (!fs.existsSync(dir)) console.error(`warning: ${dir} does not exist (yet)`);
    }
    const server = await serve(opts);
    console.log(`Demo: ${server.url}`);
    const stop = () => server.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (err) {
    console.error(`server: ${err.message}`);
    console.error('usage: node tools/server.mjs [--port 8080] [--host 127.0.0.1] [--mount /=demo]... [--var NAME=VALUE]... [--cors] [--log]');
    process.exit(2);
  }
}
