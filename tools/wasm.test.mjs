// Tests of tools/wasm.mjs against modules assembled by binaryen's wasm-as and
// read back by V8's own parser: node --test tools/wasm.test.mjs
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { customSections, exports, imports, removeCustomSections, removeExports, renameExports, renameImports, sections, shortName, uleb } from './wasm.mjs';

const wasmAs = new URL('../node_modules/.bin/wasm-as', import.meta.url).pathname;
const assemble = (wat) => {
  const dir = mkdtempSync(join(tmpdir(), 'wasm-test-'));
  try {
    writeFileSync(join(dir, 'm.wat'), wat);
    execFileSync(wasmAs, ['--enable-reference-types', '--enable-exception-handling', '--enable-gc', join(dir, 'm.wat'), '-o', join(dir, 'm.wasm')]);
    return readFileSync(join(dir, 'm.wasm'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

// Every import kind, names of several lengths (one needs a two-byte length), and
// a function body that calls an import, so index spaces matter.
const long = `__wbg_${'x'.repeat(150)}_0123456789abcdef`;
const module = assemble(`(module
  (type $t (func (param i32) (result i32)))
  (import "wbg" "__wbg_log_0123456789abcdef" (func $log (param i32)))
  (import "wbg" "${long}" (func $twice (type $t)))
  (import "env" "memory" (memory 1 2))
  (import "env" "table" (table 1 externref))
  (import "env" "g" (global $g (mut i32)))
  (import "env" "gref" (global $gr (ref null func)))
  (tag $e (import "env" "tag") (param i32))
  (func $keep (export "keep") (param i32) (result i32) (call $log (local.get 0)) (call $twice (local.get 0)))
  (func $gone (export "intounderlyingsource_pull") (result i32) (i32.const 7))
  (export "__wbg_intounderlyingsource_free" (func $gone))
  (export "mem" (memory 0))
  (export "g" (global $g))
)`);

test('lists imports and exports as V8 sees them', () => {
  const v8 = new WebAssembly.Module(module);
  assert.deepEqual(imports(module).map(({ module, name, kind }) => ({ module, name, kind })), WebAssembly.Module.imports(v8));
  assert.deepEqual(exports(module).map(({ name, kind }) => ({ name, kind })), WebAssembly.Module.exports(v8));
});

test('renames imports and keeps the module valid and working', () => {
  const renamed = renameImports(module, ({ module, name }) => (module === 'wbg' ? { module: 'a', name: name === long ? 'b' : 'a' } : { module, name }));
  const v8 = new WebAssembly.Module(renamed);
  assert.deepEqual(WebAssembly.Module.imports(v8).map((i) => `${i.module}.${i.name}`), ['env.memory', 'env.table', 'env.g', 'env.gref', 'a.a', 'a.b', 'env.tag']);
  assert.ok(renamed.length < module.length - 150);
  const logged = [];
  const env = {
    memory: new WebAssembly.Memory({ initial: 1, maximum: 2 }),
    table: new WebAssembly.Table({ initial: 1, element: 'externref' }),
    g: new WebAssembly.Global({ value: 'i32', mutable: true }, 0),
    gref: new WebAssembly.Global({ value: 'anyfunc', mutable: false }, null),
    tag: new WebAssembly.Tag({ parameters: ['i32'] }),
  };
  const instance = new WebAssembly.Instance(v8, { a: { a: (x) => logged.push(x), b: (x) => 2 * x }, env });
  assert.equal(instance.exports.keep(21), 42);
  assert.deepEqual(logged, [21]);
});

test('renaming to the same names gives the same bytes', () => {
  assert.deepEqual(renameImports(module, (i) => i), module);
});

test('drops exports, and only those', () => {
  const { bytes, dropped } = removeExports(module, ({ name }) => /intounderlying/i.test(name));
  assert.deepEqual(dropped, ['intounderlyingsource_pull', '__wbg_intounderlyingsource_free']);
  assert.deepEqual(WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name), ['keep', 'mem', 'g']);
  assert.deepEqual(sections(bytes).map((s) => s.id), sections(module).map((s) => s.id));
});

test('renames exports and keeps the module working', () => {
  const renamed = renameExports(module, ({ name }) => (name === 'keep' ? 'k' : name));
  const v8 = new WebAssembly.Module(renamed);
  assert.deepEqual(WebAssembly.Module.exports(v8).map((e) => e.name), ['k', 'intounderlyingsource_pull', '__wbg_intounderlyingsource_free', 'mem', 'g']);
  assert.deepEqual(renameExports(module, (e) => e.name), module);
});

test('rejects what it does not understand', () => {
  assert.throws(() => imports(Buffer.from('not wasm')), /not a WebAssembly/);
  const truncated = module.subarray(0, module.length - 3);
  assert.throws(() => sections(truncated), /runs past the end/);
});

test('LEB128 and short names', () => {
  assert.deepEqual(uleb(0), [0]);
  assert.deepEqual(uleb(127), [127]);
  assert.deepEqual(uleb(128), [0x80, 1]);
  assert.deepEqual(uleb(624485), [0xe5, 0x8e, 0x26]);
  const names = Array.from({ length: 10000 }, (_, i) => shortName(i));
  assert.equal(new Set(names).size, names.length);
  assert.ok(names.every((n) => /^[A-Za-z][\w$]*$/.test(n)));
  assert.deepEqual([shortName(0), shortName(25), shortName(51), shortName(52)], ['a', 'z', 'Z', 'aa']);
  assert.ok(names.slice(0, 52).every((n) => n.length === 1) && names.slice(52, 52 * 65).every((n) => n.length === 2));
});

test('drops custom sections and nothing else', () => {
  const named = assemble('(module (func $f (export "f") (result i32) (i32.const 1)))');
  // wasm-as writes a name section for $f; add a producers-like section by hand.
  const extra = Buffer.concat([named, Buffer.from([0, 6, 5, ...Buffer.from('tools')])]);
  assert.ok(customSections(extra).includes('tools'));
  const { bytes, dropped } = removeCustomSections(extra);
  assert.deepEqual(dropped, customSections(extra));
  assert.deepEqual(customSections(bytes), []);
  assert.equal(new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.f(), 1);
});
