// Tests of tools/shrink.mjs on a small glue in wasm-bindgen 0.2.130's shape and a
// module assembled to match it: node --test tools/shrink.test.mjs
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { dropDeadClasses, dropUnusedExports, exportsUsed, glueImports, pointAt, shortenExports, shortenImports } from './shrink.mjs';
import { exports, imports } from './wasm.mjs';

const wasmAs = new URL('../node_modules/.bin/wasm-as', import.meta.url).pathname;
const assemble = (wat) => {
  const dir = mkdtempSync(join(tmpdir(), 'shrink-test-'));
  try {
    writeFileSync(join(dir, 'm.wat'), wat);
    execFileSync(wasmAs, [join(dir, 'm.wat'), '-o', join(dir, 'm.wasm')]);
    return readFileSync(join(dir, 'm.wasm'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const M = './related-stories_bg.js';
const wasm = assemble(`(module
  (import "${M}" "__wbg_log_0123456789abcdef" (func $log (param i32)))
  (import "${M}" "__wbg_add_fedcba9876543210" (func $add (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "mount") (param i32) (call $log (local.get 0)) (call $add (local.get 0) (local.get 0)))
  (func (export "intounderlyingsink_write") (param i32))
  (func (export "__wbg_intounderlyingsink_free") (param i32 i32))
  (func (export "__wbindgen_free") (param i32 i32))
)`);

const glue = `/**
 * A sink.
 */
export class IntoUnderlyingSink {
    free() {
        wasm.__wbg_intounderlyingsink_free(this.__wbg_ptr, 0);
    }
    write(chunk) {
        wasm.intounderlyingsink_write(this.__wbg_ptr, chunk);
    }
}
if (Symbol.dispose) IntoUnderlyingSink.prototype[Symbol.dispose] = IntoUnderlyingSink.prototype.free;

export function mount(host) {
    return wasm.mount(host);
}
function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        __wbg_add_fedcba9876543210: function() { return handleError(function (arg0, arg1) {
            arg0.add(arg1);
        }, arguments); },
        __wbg_log_0123456789abcdef: function(arg0) {
            console.log(arg0);

            return;
        },
        __wbg_gone_00000000deadbeef: function(arg0) {
            arg0.gone();
        },
    };
    return {
        __proto__: null,
        "${M}": import0,
    };
}
const IntoUnderlyingSinkFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_intounderlyingsink_free(ptr, 1));
function f() { return wasm.memory; }
const url = new URL('related-stories_bg.wasm', import.meta.url);
`;

test('drops the wasm-streams classes and then the exports the glue no longer reads', () => {
  const { glue: out, classes } = dropDeadClasses(glue);
  assert.deepEqual(classes, ['IntoUnderlyingSink']);
  assert.doesNotMatch(out, /IntoUnderlying|intounderlying|A sink/);
  assert.match(out, /export function mount/);
  assert.deepEqual([...exportsUsed(out)].sort(), ['memory', 'mount']);
  const { bytes, dropped } = dropUnusedExports(wasm, out);
  assert.deepEqual(dropped, ['intounderlyingsink_write', '__wbg_intounderlyingsink_free', '__wbindgen_free']);
  assert.deepEqual(exports(bytes).map((e) => e.name), ['memory', 'mount']);
});

test('a class not in the shape wasm-bindgen writes stops the build', () => {
  assert.throws(() => dropDeadClasses(glue.replace('if (Symbol.dispose) IntoUnderlyingSink', 'if (Symbol.dispose) Other')), /dispose hook of IntoUnderlyingSink/);
  assert.throws(() => dropDeadClasses(`${glue}IntoUnderlyingSink.x = 1;\n`), /still uses IntoUnderlyingSink/);
  assert.throws(() => dropUnusedExports(wasm, 'wasm.nothere();'), /does not have: nothere/);
  assert.throws(() => exportsUsed('wasm["mount"]()'), /computed name/);
});

test('renames the imports in both files, drops entries the wasm no longer imports', () => {
  const { wasm: w, glue: g, renamed, unused } = shortenImports(wasm, glue);
  assert.equal(renamed, 2);
  assert.deepEqual(unused, ['__wbg_gone_00000000deadbeef']);
  assert.deepEqual(imports(w).map((i) => `${i.module}.${i.name}`), ['a.a', 'a.b']);
  assert.deepEqual([...glueImports(g).entries.keys()], ['a', 'b']);
  assert.match(g, /^        a: function\(arg0\) \{\n            console\.log\(arg0\);\n\n            return;\n        \},$/m);
  assert.match(g, /^        b: function\(\) \{ return handleError\(function \(arg0, arg1\) \{$/m);
  assert.match(g, /^        a: import0,$/m);
  assert.doesNotMatch(g, /__wbg_(log|add|gone)_|related-stories_bg\.js/);
  // The rewritten import object, run, is what the renamed wasm needs.
  const object = new Function('handleError', `${g.match(/function __wbg_get_imports[\s\S]*?\n}\n/)[0]}; return __wbg_get_imports();`)((f, args) => f(...args));
  assert.deepEqual(Object.keys(object), ['a']);
  assert.deepEqual(Object.keys(object.a), ['a', 'b']);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(w), object);
  assert.equal(typeof instance.exports.mount, 'function');
});

test('a name missing, repeated or in an unknown shape stops the build', () => {
  assert.throws(() => shortenImports(wasm, glue.replace('__wbg_log_0123456789abcdef:', '__wbg_log_1111111111111111:')), /imports __wbg_log_0123456789abcdef, which the glue does not provide/);
  assert.throws(() => shortenImports(wasm, `${glue}// __wbg_add_fedcba9876543210\n`), /occurs 2 times in the glue/);
  assert.throws(() => shortenImports(wasm, glue.replace('        },\n    };', '        }\n    };')), /not in the shape/);
  assert.throws(() => shortenImports(wasm, glue.replace(`"${M}": import0`, '"other": import0')), /import module/);
});

test('renames the exports in the wasm and in every read of the glue', () => {
  const { glue: g } = dropDeadClasses(glue);
  const { bytes } = dropUnusedExports(wasm, g);
  const { wasm: w, glue: out, renamed } = shortenExports(bytes, g);
  assert.equal(renamed, 2);
  assert.deepEqual(exports(w).map((e) => e.name), ['a', 'b']);
  assert.match(out, /return wasm\.b\(host\);/);
  assert.match(out, /return wasm\.a; \}/);
  assert.doesNotMatch(out, /wasm\.(memory|mount)\b/);
  // The renamed instance answers to the names the glue now reads.
  const instance = new WebAssembly.Instance(new WebAssembly.Module(w), { [M]: { __wbg_log_0123456789abcdef() {}, __wbg_add_fedcba9876543210() {} } });
  assert.equal(typeof instance.exports.b, 'function');
  assert.ok(instance.exports.a instanceof WebAssembly.Memory);
  assert.throws(() => shortenExports(bytes, `${g}wasm.nothere();\n`), /does not have: nothere/);
});

test('points the default URL at the hashed wasm, once', () => {
  assert.match(pointAt(glue, 'related-stories_bg.wasm', 'related-stories-0123_bg.wasm'), /new URL\('related-stories-0123_bg\.wasm', import\.meta\.url\)/);
  assert.throws(() => pointAt(glue, 'other_bg.wasm', 'x'), /occurs 0 times/);
});
