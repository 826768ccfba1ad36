// make lint: fails when the crate's modules import each other in a cycle.
// The data flows one way (attributes -> config; feed -> parse -> select ->
// view), and the module graph should say so: a module may use what is below
// it, never what uses it. Reads src/**/*.rs: `crate::a::b`, `super::x` and
// `use` groups, resolved to the deepest module that exists; inline test
// modules are left out (their `super` is the file itself).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = new URL('../src/', import.meta.url).pathname;

function files(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.rs') ? [p] : [];
  });
}

// src/web/share.rs -> web::share; src/components/mod.rs -> components; src/lib.rs -> crate
const moduleOf = (file) => {
  const parts = relative(SRC, file).replace(/\.rs$/, '').split('/');
  if (parts.at(-1) === 'mod' || parts.at(-1) === 'lib') parts.pop();
  return parts.join('::') || 'crate';
};

const modules = new Map(files(SRC).map((f) => [moduleOf(f), f]));

// Every path a file names: `crate::x::y`, `super::x`, and `use a::{b, c::d}` expanded.
function paths(source) {
  const code = source.replace(/\n#\[cfg\(test\)\]\s*mod tests\s*\{[\s\S]*$/, '').replace(/\/\/.*$/gm, '');
  const found = [];
  const expand = (prefix, group) => {
    // Splits a use-group on top-level commas.
    let depth = 0, start = 0;
    const items = [];
    for (let i = 0; i < group.length; i++) {
      if (group[i] === '{') depth++;
      else if (group[i] === '}') depth--;
      else if (group[i] === ',' && depth === 0) { items.push(group.slice(start, i)); start = i + 1; }
    }
    items.push(group.slice(start));
    for (const raw of items.map((s) => s.trim()).filter(Boolean)) {
      const nested = raw.match(/^([\w:]*?)::\{([\s\S]*)\}$/);
      if (nested) expand(`${prefix}::${nested[1]}`, nested[2]);
      else found.push(`${prefix}::${raw.replace(/\s+as\s+\w+$/, '')}`);
    }
  };
  for (const m of code.matchAll(/\buse\s+((?:crate|super|self)(?:::\w+)*)::\{([\s\S]*?)\};/g)) expand(m[1], m[2]);
  for (const m of code.matchAll(/\b(?:crate|super|self)(?:::\w+)+/g)) found.push(m[0]);
  return found;
}

function resolve(from, path) {
  const parts = path.split('::');
  let base = from === 'crate' ? [] : from.split('::');
  // A file's `super` is its parent module; `self` is the module itself.
  if (parts[0] === 'crate') base = [];
  else if (parts[0] === 'super') base = base.slice(0, -1);
  const rest = parts.slice(1).filter((p) => p !== 'self' && p !== '*');
  // The deepest module the path reaches; an item inside it counts as the module.
  let target = base.join('::') || 'crate';
  for (let i = 0; i < rest.length; i++) {
    const candidate = [...base, ...rest.slice(0, i + 1)].join('::');
    if (modules.has(candidate)) target = candidate;
    else break;
  }
  return target;
}

const edges = new Map([...modules.keys()].map((m) => [m, new Set()]));
for (const [module, file] of modules) {
  for (const path of paths(readFileSync(file, 'utf8'))) {
    const target = resolve(module, path);
    if (target !== module) edges.get(module).add(target);
  }
}
// A module declaring its children (`mod story;`) owns them; only using them is an edge,
// and that is already counted above when the parent names them.
for (const [module, file] of modules) {
  for (const m of readFileSync(file, 'utf8').matchAll(/^\s*(?:pub\s+)?use\s+(\w+)::/gm)) {
    const child = module === 'crate' ? m[1] : `${module}::${m[1]}`;
    if (modules.has(child)) edges.get(module).add(child);
  }
}

// Depth-first search for a back edge.
const state = new Map();
const stack = [];
let cycle = null;
const visit = (m) => {
  state.set(m, 'open');
  stack.push(m);
  for (const next of edges.get(m)) {
    if (cycle) return;
    if (state.get(next) === 'open') cycle = [...stack.slice(stack.indexOf(next)), next];
    else if (!state.has(next)) visit(next);
  }
  stack.pop();
  state.set(m, 'done');
};
for (const m of modules.keys()) if (!state.has(m) && !cycle) visit(m);

if (cycle) {
  console.error(`module-cycles: import cycle: ${cycle.join(' -> ')}`);
  process.exit(1);
}
if (process.argv.includes('--print')) {
  for (const [m, to] of edges) console.log(`${m} -> ${[...to].sort().join(', ')}`);
}
console.log(`module-cycles: ${modules.size} modules, no import cycle`);
