// make test-types: README's framework recipes type-check against the typings
// tools/contract.mjs generates into src/package/, and the typings bite.
//
// Each checker runs as a partner's project would: tsc for the React and
// Angular snippets and the pages' plain script (checkJs), vue-tsc for .vue
// templates, svelte-check for .svelte markup, and ngc (strictTemplates) for
// the Angular snippet's templates. The *.errors.* and errors.*
// files hold what the typings must refuse, each line after an
// `expect-error: <message>` comment (`@ts-expect-error:` and
// `@vue-expect-error:` in TypeScript and Vue, so tsc and vue-tsc pass those
// files as they are; Svelte markup has no such directive). This test checks a
// copy with those directives made plain comments: every error must be the one
// its comment names, on the line after it, and no other error or warning may
// appear anywhere, snippets included.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { ROOT } from '../../tools/contract.mjs';
import { excerpt, fillSnippets } from '../../tools/snippets.mjs';

const COPY = join(ROOT, 'target', 'types-check');
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);

// The files the checkers read, at the same paths under COPY, so tsconfig's paths still hold.
const MIRRORED = ['tests/types', 'tests/e2e/pages/frameworks/stories.js', 'tests/e2e/pages/frameworks/angular.main.ts', 'src/package'];
const DIRECTIVE = /@(?:ts|vue)-expect-error:/g;

function mirror() {
  rmSync(COPY, { recursive: true, force: true });
  for (const path of MIRRORED) cpSync(join(ROOT, path), join(COPY, path), { recursive: true });
  const expected = [];
  const walk = (file) => {
    if (statSync(file).isDirectory()) return readdirSync(file).forEach((name) => walk(join(file, name)));
    if (!/\.(tsx?|vue|svelte|js)$/.test(file)) return;
    const text = readFileSync(file, 'utf8').replace(DIRECTIVE, 'expect-error:');
    writeFileSync(file, text);
    text.split('\n').forEach((line, i) => {
      const hint = /expect-error: (.+?)\s*(?:-->|\*\/)?$/.exec(line);
      if (hint) expected.push({ file: relative(COPY, file), line: i + 2, hint: hint[1] });
    });
  };
  for (const path of MIRRORED) walk(join(COPY, path));
  return expected;
}

const run = async (command, args) => {
  try {
    const { stdout } = await promisify(execFile)(command, args, { cwd: COPY, encoding: 'utf8', maxBuffer: 1 << 24 });
    return stdout;
  } catch (err) {
    if (typeof err.stdout !== 'string') throw err;
    return `${err.stdout}${err.stderr}`; // a checker that found errors exits non-zero
  }
};

/** tsc's and vue-tsc's `file(line,col): error TS1234: message` with its indented lines. */
function tscDiagnostics(output) {
  const found = [];
  for (const line of output.split('\n')) {
    const m = /^(.+?)\((\d+),\d+\): (?:error|warning) (TS\d+: .*)$/.exec(line);
    if (m) found.push({ file: m[1], line: Number(m[2]), message: m[3] });
    else if (line.startsWith('  ') && found.length) found.at(-1).message += `\n${line}`;
    else if (line.trim()) found.push({ file: '?', line: 0, message: line });
  }
  return found;
}

/** svelte-check --output machine: `1234 ERROR "file" 3:5 "message"`. */
function svelteDiagnostics(output, workspace) {
  const found = [];
  for (const line of output.split('\n')) {
    const m = /^\d+ (ERROR|WARNING) ("(?:[^"\\]|\\.)*") (\d+):\d+ ("(?:[^"\\]|\\.)*")/.exec(line);
    if (m) found.push({ file: join(workspace, JSON.parse(m[2])), line: Number(m[3]), message: `${m[1]}: ${JSON.parse(m[4])}` });
  }
  return found;
}

const CHECKERS = {
  'tsc (React, Angular, the pages\' script)': {
    files: /\.(tsx?|js)$/,
    check: async () => tscDiagnostics(await run(bin('tsc'), ['-p', 'tests/types/tsconfig.json', '--pretty', 'false'])),
  },
  'vue-tsc (Vue templates)': {
    files: /\.vue$/,
    check: async () => tscDiagnostics(await run(bin('vue-tsc'), ['-p', 'tests/types/tsconfig.vue.json', '--pretty', 'false'])),
  },
  'ngc (Angular templates, strictTemplates)': {
    files: /^$/, // the element's attributes pass CUSTOM_ELEMENTS_SCHEMA unchecked: nothing to refuse here
    check: async () => tscDiagnostics(await run(bin('ngc'), ['-p', 'tests/types/tsconfig.angular.json', '--outDir', join(COPY, 'ngc-out')])),
  },
  'svelte-check (Svelte markup)': {
    files: /\.svelte$/,
    check: async () => {
      const workspace = join(COPY, 'tests/types');
      const out = await run(bin('svelte-check'), ['--workspace', workspace, '--tsconfig', join(workspace, 'tsconfig.svelte.json'), '--output', 'machine']);
      assert.match(out, /COMPLETED \d+ FILES/, `svelte-check did not finish:\n${out}`);
      return svelteDiagnostics(out, 'tests/types');
    },
  },
};

const expected = mirror();

test('every refusal the errors files list is one they make', () => {
  // Ten in React's, five each in Vue's and Svelte's, three in Angular's: none lost to a typo.
  const count = (pattern) => expected.filter((e) => pattern.test(e.file)).length;
  assert.deepEqual([count(/react\.errors/), count(/errors\.vue/), count(/errors\.svelte/), count(/angular\.errors/)], [10, 5, 5, 3]);
});

for (const [name, { files, check }] of Object.entries(CHECKERS)) {
  test(`${name}: the snippets compile, and each refusal is the error it names`, async () => {
    const diagnostics = await check();
    const mine = expected.filter((e) => files.test(e.file));
    const unexpected = diagnostics.filter((d) => !mine.some((e) => e.file === d.file && e.line === d.line && d.message.includes(e.hint)));
    const missing = mine.filter((e) => !diagnostics.some((d) => e.file === d.file && e.line === d.line && d.message.includes(e.hint)));
    const show = (list) => list.map((d) => `${d.file}:${d.line}: ${d.message ?? `expected "${d.hint}"`}`).join('\n');
    assert.equal(unexpected.length, 0, `errors no expect-error comment names:\n${show(unexpected)}`);
    assert.equal(missing.length, 0, `refusals the typings let through:\n${show(missing)}\n(all found:\n${show(diagnostics)})`);
  });
}

test('README\'s recipes are these files, and a changed file makes README stale', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const specs = [...readme.matchAll(/<!-- snippet:(\S+?) /g)].map((m) => m[1]);
  assert.ok(specs.length >= 6, `README's snippets: ${specs.join(', ')}`);
  for (const spec of specs) assert.ok(readme.includes(excerpt(ROOT, spec)), `README shows ${spec} as it is`);
  assert.equal(fillSnippets(readme, ROOT), readme, 'README is stale: make contract');
  // The same files with one line changed: README no longer matches.
  const changed = join(COPY, 'changed');
  for (const spec of specs) {
    const path = spec.split('#')[0];
    mkdirSync(join(changed, path, '..'), { recursive: true });
    cpSync(join(ROOT, path), join(changed, path));
  }
  const [first] = specs[0].split('#');
  writeFileSync(join(changed, first), readFileSync(join(ROOT, first), 'utf8').replace(/\n(?=\s*\S)/, '\n// changed\n'));
  assert.notEqual(fillSnippets(readme, changed), readme);
});
