// Post-build size steps on wasm-bindgen's output (the `--target web` glue as
// wasm-bindgen 0.2.130 writes it, before any minifying, and the wasm):
//
// 1. dropDeadClasses + dropUnusedExports: the wasm-streams IntoUnderlying*
//    classes nothing on this page constructs (and any other export the glue
//    never reads) leave both files, so wasm-opt can remove their code.
// 2. optimize: wasm-opt -Oz --converge --low-memory-unused, stripping debug info, producers and
//    target features; then every other custom section goes too.
// 3. shortenImports: every import gets a one- or two-letter name (and the
//    import module one too) in the wasm and in the glue's import object;
//    glue entries for imports wasm-opt removed are dropped. shortenExports
//    does the same for the exports and the glue's reads of them.
//
// Every rewrite checks that what it replaces is there, exactly as often as it
// must be, and throws otherwise: the build stops rather than ship a wasm and a
// glue that disagree.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exports, imports, removeCustomSections, removeExports, renameExports, renameImports, shortName } from './wasm.mjs';

const fail = (message) => {
  throw new Error(`post-build: ${message}`);
};

const count = (text, needle) => text.split(needle).length - 1;

/** Removes the glue's exported classes whose names match `pattern`, with their finalizers and dispose hooks. */
export function dropDeadClasses(glue, pattern = /^IntoUnderlying/) {
  const names = [...glue.matchAll(/^export class (\w+) \{$/gm)].map((m) => m[1]).filter((n) => pattern.test(n));
  for (const name of names) {
    // The class runs from its line (and JSDoc above it, if any) to the first `}` in column 0.
    const block = new RegExp(`^(?:/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/\\n)?export class ${name} \\{\\n[\\s\\S]*?\\n\\}\\n`, 'm');
    const dispose = `if (Symbol.dispose) ${name}.prototype[Symbol.dispose] = ${name}.prototype.free;\n`;
    const finalizer = new RegExp(
      `^const ${name}Finalization = \\(typeof FinalizationRegistry === 'undefined'\\)\\n` +
        `    \\? \\{ register: \\(\\) => \\{\\}, unregister: \\(\\) => \\{\\} \\}\\n` +
        `    : new FinalizationRegistry\\(ptr => wasm\\.\\w+\\(ptr, 1\\)\\);\\n`,
      'm',
    );
    for (const [what, find] of [['class', block], ['dispose hook', dispose], ['finalizer', finalizer]]) {
      const before = glue;
      glue = glue.replace(find, '');
      if (glue === before) fail(`the glue's ${what} of ${name} is not where wasm-bindgen 0.2.130 puts it`);
    }
    const left = glue.match(new RegExp(`\\b${name}\\b[^\\n]*`));
    if (left) fail(`the glue still uses ${name} after removing it: ${left[0]}`);
  }
  return { glue, classes: names };
}

/** The wasm exports the glue reads, as `wasm.name`. */
export function exportsUsed(glue) {
  if (/\bwasm\[/.test(glue)) fail('the glue reads wasm exports by computed name; cannot tell which are unused');
  return new Set([...glue.matchAll(/\bwasm\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]));
}

/** Drops the wasm exports the glue never reads. */
export function dropUnusedExports(wasm, glue) {
  const used = exportsUsed(glue);
  const present = new Set(exports(wasm).map((e) => e.name));
  const missing = [...used].filter((n) => !present.has(n));
  if (missing.length) fail(`the glue reads exports the wasm does not have: ${missing.join(', ')}`);
  return removeExports(wasm, ({ name }) => !used.has(name));
}

/** wasm-opt from node_modules (npm binaryen), in place of Trunk's own run. */
export function optimize(wasm, { full = true, names = false } = {}) {
  const bin = new URL('../node_modules/.bin/wasm-opt', import.meta.url).pathname;
  const dir = mkdtempSync(join(tmpdir(), 'post-build-'));
  try {
    writeFileSync(join(dir, 'in.wasm'), wasm);
    // Features come from the module's target_features section (wasm-opt's default
    // --detect-features), as when Trunk ran it; the section is stripped on output.
    // `full: false` is what Trunk ran (plain -Oz), for measuring.
    // `names: true` keeps the function names, for a profile that shows them.
    // --low-memory-unused: addresses below 1 KiB are never read or written (the
    // stack, placed first, would reach them only 1 MiB deep), so constant
    // offsets fold into loads and stores: -1.9 KB raw, -0.4 KB brotli.
    const args = names
      ? ['-Oz', '--converge', '--low-memory-unused', '-g']
      : full ? ['-Oz', '--converge', '--low-memory-unused', '--strip-debug', '--strip-producers', '--strip-target-features'] : ['-Oz'];
    execFileSync(bin, [...args, join(dir, 'in.wasm'), '-o', join(dir, 'out.wasm')], { stdio: ['ignore', 'inherit', 'inherit'] });
    const out = readFileSync(join(dir, 'out.wasm'));
    return full && !names ? removeCustomSections(out) : { bytes: out, dropped: [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The glue's import object, exactly as wasm-bindgen 0.2.130 writes it:
//     const import0 = {
//         __proto__: null,
//         __wbg_name_0123456789abcdef: function(arg0) {
//             …
//         },
//         …
//     };
//     return {
//         __proto__: null,
//         "./related-stories_bg.js": import0,
//     };
// An entry is `name: function(args) {` or, for a catching import,
// `name: function() { return handleError(function (args) {`, its body indented
// deeper, and `},` or `}, arguments); },` in the entry's own column.
const HEAD = String.raw`        ([\w$]+): function(?:\([^)\n]*\) \{|\(\) \{ return handleError\(function \([^)\n]*\) \{)\n`;
const BODY = String.raw`(?:            [^\n]*\n|\n)*?`;
const TAIL = String.raw`        \}(?:, arguments\); \})?,\n`;
const ENTRY = new RegExp(`^${HEAD}${BODY}${TAIL}`, 'gm');
const OBJECT = new RegExp(String.raw`^    const import0 = \{\n        __proto__: null,\n((?:${HEAD.replace('([\\w$]+)', '[\\w$]+')}${BODY}${TAIL})*)    \};\n`, 'm');

/** The glue's import entries: name → source text. */
export function glueImports(glue) {
  const found = glue.match(OBJECT);
  if (!found) fail("the glue's import object is not in the shape wasm-bindgen 0.2.130 writes");
  const entries = new Map();
  let length = 0;
  for (const m of found[1].matchAll(ENTRY)) {
    if (entries.has(m[1])) fail(`the glue imports ${m[1]} twice`);
    entries.set(m[1], m[0]);
    length += m[0].length;
  }
  if (length !== found[1].length) fail("part of the glue's import object was not read as entries");
  return { entries, object: found[0] };
}

/** Renames the wasm's imports to short names, and the glue's import object with them. */
export function shortenImports(wasm, glue, module = 'a') {
  const wanted = imports(wasm);
  const modules = [...new Set(wanted.map((i) => i.module))];
  if (modules.length !== 1) fail(`expected one import module, found ${modules.join(', ')}`);
  const [from] = modules;
  const { entries, object } = glueImports(glue);
  const names = new Map();
  wanted.forEach((i, n) => {
    if (names.has(i.name)) fail(`the wasm imports ${i.name} twice`);
    if (i.kind !== 'function') fail(`import ${i.name} is a ${i.kind}, not a function`);
    if (!entries.has(i.name)) fail(`the wasm imports ${i.name}, which the glue does not provide`);
    // Found exactly once in each file: its key in the glue, its entry in the wasm.
    if (count(glue, i.name) !== 1) fail(`${i.name} occurs ${count(glue, i.name)} times in the glue, not once`);
    names.set(i.name, shortName(n));
  });
  const unused = [...entries.keys()].filter((k) => !names.has(k));
  const body = [...names].map(([long, short]) => entries.get(long).replace(`        ${long}: function`, `        ${short}: function`));
  const renamedObject = `    const import0 = {\n        __proto__: null,\n${body.join('')}    };\n`;
  const moduleKey = `        ${JSON.stringify(from)}: import0,\n`;
  if (count(glue, moduleKey) !== 1) fail(`the glue names the import module ${JSON.stringify(from)} ${count(glue, moduleKey)} times, not once`);
  if (count(glue, object) !== 1) fail('the import object occurs more than once');
  const out = glue.replace(object, () => renamedObject).replace(moduleKey, () => `        ${module}: import0,\n`);
  const renamed = renameImports(wasm, ({ name }) => ({ module, name: names.get(name) }));
  // Read both back: the glue's keys are now exactly the wasm's import names.
  const after = glueImports(out).entries;
  const imported = imports(renamed);
  if (after.size !== imported.length || !imported.every((i) => i.module === module && after.has(i.name))) {
    fail('after renaming, the glue and the wasm disagree on the imports');
  }
  return { wasm: renamed, glue: out, renamed: names.size, unused };
}

/**
 * Renames the wasm's exports to short names, and the glue's `wasm.name` reads
 * with them. The glue is their only reader: the loader calls the glue's own
 * functions, never the instance's exports.
 */
export function shortenExports(wasm, glue) {
  const used = exportsUsed(glue);
  const names = new Map(exports(wasm).map((e, n) => [e.name, shortName(n)]));
  const missing = [...used].filter((name) => !names.has(name));
  if (missing.length) fail(`the glue reads exports the wasm does not have: ${missing.join(', ')}`);
  const out = glue.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (_, name) => `wasm.${names.get(name)}`);
  const renamed = renameExports(wasm, ({ name }) => names.get(name));
  // Read both back: every read in the glue is now an export of the wasm.
  const exported = new Set(exports(renamed).map((e) => e.name));
  if (![...exportsUsed(out)].every((name) => exported.has(name))) fail('after renaming, the glue reads an export the wasm does not have');
  return { wasm: renamed, glue: out, renamed: names.size };
}

/** Points the glue's default wasm URL (used when no module is passed in) at `name`. */
export function pointAt(glue, from, name) {
  const literal = `new URL('${from}', import.meta.url)`;
  if (count(glue, literal) !== 1) fail(`the glue's default wasm URL ${literal} occurs ${count(glue, literal)} times, not once`);
  return glue.replace(literal, () => `new URL('${name}', import.meta.url)`);
}
