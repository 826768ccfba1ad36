// The element's contract, src/contract.json, is the one place its attributes,
// events, methods, CSS custom properties, parts and reserved height are
// written. This generates everything else that states them:
//   src/contract.rs                 the Rust constants (config, events, parts)
//   src/loader/contract.js, contract-reserve.js   the loader's constants
//   src/package/custom-elements.json, src/package/related-stories.d.ts
//   src/package/react.d.ts, vue.d.ts, svelte.d.ts  the frameworks' element tables
//   style/related-stories.css       the token block, between its markers
//   README.md                       the tables and the reserve line, between markers
//                                   (and, through tools/snippets.mjs, the framework recipes)
//   demo/*.html                     the reserve line
// `node tools/contract.mjs` (make contract) writes them; `--check` fails,
// naming each, when one is stale. tools/contract.test.mjs runs the check.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillSnippets } from './snippets.mjs';

export const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const read = (file) => readFileSync(join(ROOT, file), 'utf8');

export const contract = () => JSON.parse(read('src/contract.json'));

const GENERATED = 'Generated from src/contract.json by tools/contract.mjs (make contract): do not edit.';
const camel = (name) => name.replace(/-(\w)/g, (_, c) => c.toUpperCase());
const quote = (s) => JSON.stringify(s);
const code = (s) => `\`${s}\``;

// ---- Derived facts -------------------------------------------------------

/** The TypeScript type of an attribute's property. */
function tsType(a) {
  if (a.type === 'boolean') return 'boolean';
  if (a.type === 'enum') return `${a.values.map((v) => `'${v}'`).join(' | ')} | null`;
  return 'string | null';
}

/** The attribute's value as the manifest writes a default. */
const manifestDefault = (a) => (a.default === undefined ? undefined : quote(String(a.default)));

/** The reflected properties: every attribute but those HTMLElement already has. */
const properties = (c) => c.attributes.filter((a) => a.property !== false);

/** "is not show, hide or last; using show": what config.rs warns on a bad value. */
function hint(a) {
  const values = a.values;
  const list = values.length > 1 ? `${values.slice(0, -1).join(', ')} or ${values.at(-1)}` : values[0];
  return `is not ${list}; using ${a.default}`;
}

function px(value) {
  const match = /^([\d.]+)(px|em)$/.exec(value);
  if (!match) throw new Error(`contract: ${value} is not a px or em length`);
  return Number(match[1]);
}

/** The reserved heights the loader holds and the README's pre-script line gives. */
export function reserve(c) {
  const r = c.reserve;
  const token = (name) => c.cssProperties.find((t) => t.name === name);
  const fontSize = px(token('--rs-font-size').value);
  const limit = c.attributes.find((a) => a.name === 'limit').default;
  const narrowRow = +(r.listRow + r.thirdLine).toFixed(3);
  return {
    ...r,
    fontSize,
    gap: px(token('--rs-gap').value),
    narrowRow,
    limit,
    // Whole pixels, rounded up: a little more room is harmless, less shifts the page.
    wide: Math.ceil(fontSize * (r.heading + limit * r.listRow) - 0.5),
    narrow: Math.ceil(fontSize * (r.heading + limit * narrowRow) - 0.5),
    narrowPx: r.narrowBelow * fontSize,
  };
}

// ---- The Rust constants --------------------------------------------------

function rust(c) {
  const lines = [`// ${GENERATED}`, '', '//! The element\'s contract as constants; its source is `src/contract.json`.', ''];
  const limit = c.attributes.find((a) => a.name === 'limit');
  lines.push(
    `/// The element's tag name.`,
    `pub const TAG: &str = ${quote(c.tag)};`,
    '',
    `/// Every attribute the element reads; the loader observes exactly these.`,
    `pub const ATTRIBUTES: &[&str] = &[${c.attributes.map((a) => quote(a.name)).join(', ')}];`,
    '',
    `/// \`limit\`: how many stories, from \`MIN_LIMIT\` to \`MAX_LIMIT\`.`,
    `pub const DEFAULT_LIMIT: usize = ${limit.default};`,
    `pub const MIN_LIMIT: usize = ${limit.range[0]};`,
    `pub const MAX_LIMIT: usize = ${limit.range[1]};`,
    '',
    '/// An attribute with a fixed set of values: the first is its default.',
    'pub struct Choice {',
    '    pub name: &\'static str,',
    '    pub values: &\'static [&\'static str],',
    '    /// The rest of the warning for any other value.',
    '    pub hint: &\'static str,',
    '    /// Whether `Cards` means `cards`.',
    '    pub fold_case: bool,',
    '}',
    '',
  );
  for (const a of c.attributes.filter((a) => a.type === 'enum')) {
    if (a.values[0] !== a.default) throw new Error(`contract: ${a.name}'s default must be its first value`);
    lines.push(
      `pub const ${a.name.toUpperCase().replace(/-/g, '_')}: Choice = Choice {`,
      `    name: ${quote(a.name)},`,
      `    values: &[${a.values.map(quote).join(', ')}],`,
      `    hint: ${quote(hint(a))},`,
      `    fold_case: ${Boolean(a.caseInsensitive)},`,
      '};',
      '',
    );
  }
  lines.push('/// The events, by the name after the prefix.');
  lines.push(`pub const EVENT_PREFIX: &str = ${quote(c.eventPrefix)};`);
  for (const e of c.events) lines.push(`pub const ${e.name.toUpperCase()}_EVENT: &str = ${quote(e.name)};`);
  lines.push('', '/// The `detail` fields of the events.', 'pub mod detail {');
  const fields = [...new Set(c.events.flatMap((e) => e.detail.map((d) => d.name)))];
  for (const f of fields) lines.push(`    pub const ${f.toUpperCase()}: &str = ${quote(f)};`);
  lines.push('}', '');
  lines.push('/// The shadow parts a themer can style with `::part()`.');
  lines.push(`pub const PARTS: &[&str] = &[${c.parts.map((p) => quote(p.name)).join(', ')}];`, '');
  lines.push('/// The CSS custom properties a themer can set.');
  lines.push(`pub const CSS_PROPERTIES: &[&str] = &[${c.cssProperties.map((t) => quote(t.name)).join(', ')}];`);
  return `${lines.join('\n')}\n`;
}

// ---- The loader's constants ----------------------------------------------

function loader(c) {
  const limit = c.attributes.find((a) => a.name === 'limit');
  const loading = c.attributes.find((a) => a.name === 'loading');
  return `// ${GENERATED}

export const TAG = ${quote(c.tag)};
export const EVENT_PREFIX = ${quote(c.eventPrefix)};

/** Every attribute the widget reads. */
export const ATTRIBUTES = ${JSON.stringify(c.attributes.map((a) => a.name))};

/** Attributes that are also properties, [attribute, property]; booleans reflect as presence. */
export const PROPERTIES = ${JSON.stringify(properties(c).map((a) => [a.name, camel(a.name)]))};
export const BOOLEANS = ${JSON.stringify(c.attributes.filter((a) => a.type === 'boolean').map((a) => a.name))};

/** \`limit\`: how many stories, as plain constants esbuild puts in place. */
export const LIMIT_MIN = ${limit.range[0]};
export const LIMIT_MAX = ${limit.range[1]};
export const LIMIT_DEFAULT = ${limit.default};
export const LOADING = { default: ${quote(loading.default)}, values: ${JSON.stringify(loading.values)} };
`;
}

/** The reserved heights as plain constants: imported as a namespace, each
 * is put in place as a number by esbuild, where an object's properties
 * would stay lookups. */
function loaderReserve(c) {
  const r = reserve(c);
  const reserveKeys = ['fontSize', 'heading', 'listRow', 'narrowRow', 'narrowBelow', 'compactRow', 'cardColumn', 'cardText', 'cardsTop', 'gap', 'narrowCardRow', 'tinyCardRow', 'tinyBelow'];
  return `// ${GENERATED}
// Heights in em of the widget's font size (see "reserve" in src/contract.json).

${reserveKeys.map((k) => `export const ${k} = ${r[k]};`).join('\n')}
`;
}

// ---- Custom Elements Manifest ----------------------------------------------

function manifest(c) {
  const drop = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const detailType = (e) => `CustomEvent<{ ${e.detail.map((d) => `${d.name}: ${d.type}`).join('; ')} }>`;
  const token = (t) => drop({
    name: t.name,
    syntax: { color: '<color>', length: '<length>', number: '<number>', font: '*' }[t.type],
    default: t.value ?? t.light,
    description: t.dark && t.dark !== t.light ? `${t.description} (dark: ${t.dark})` : t.description,
  });
  const declaration = {
    kind: 'class',
    description: c.description,
    name: c.class,
    tagName: c.tag,
    customElement: true,
    superclass: { name: 'HTMLElement' },
    attributes: c.attributes.map((a) => drop({
      name: a.name,
      type: { text: a.type === 'enum' ? a.values.map((v) => `'${v}'`).join(' | ') : a.type === 'integer' ? 'string' : a.type },
      description: a.default === undefined ? `${a.description} Default: ${a.defaultText}.` : a.description,
      default: manifestDefault(a),
      fieldName: a.property === false ? undefined : camel(a.name),
    })),
    members: [
      ...properties(c).map((a) => drop({
        kind: 'field', name: camel(a.name), type: { text: tsType(a) }, attribute: a.name, description: a.description,
      })),
      ...c.methods.map((m) => ({ kind: 'method', name: m.name, description: m.description })),
    ],
    events: c.events.map((e) => ({ name: c.eventPrefix + e.name, type: { text: detailType(e) }, description: e.description })),
    cssProperties: c.cssProperties.map(token),
    cssParts: c.parts.map((p) => ({ name: p.name, description: p.description })),
  };
  return `${JSON.stringify({
    schemaVersion: '2.1.0',
    readme: 'README.md',
    modules: [{
      kind: 'javascript-module',
      path: 'related-stories.js',
      declarations: [declaration],
      exports: [{ kind: 'custom-element-definition', name: c.tag, declaration: { name: c.class, module: 'related-stories.js' } }],
    }],
  }, null, 2)}\n`;
}

// ---- TypeScript declarations ---------------------------------------------

const title = (name) => name[0].toUpperCase() + name.slice(1);
const detailName = (e) => `RelatedStories${title(e.name)}Detail`;
const doc = (text, indent = '  ') => `${indent}/** ${text.replace(/\*\//g, '*\\/')} */\n`;

/** An attribute's value as markup (and a framework's template) may give it. */
function attributeType(a) {
  if (a.type === 'boolean') return 'boolean';
  if (a.type === 'enum') return a.values.map((v) => `'${v}'`).join(' | ');
  if (a.type === 'integer') return 'number | `${number}`';
  return 'string';
}

/** `feed`: the one attribute without which the widget cannot work. */
const required = (a) => a.defaultText === '(required)';

/** An object key: `lock-label` needs quotes, `feed` does not. */
const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);

function types(c) {
  let out = `// ${GENERATED}\n// Types for <${c.tag}>. Attributes are also properties (lock-label as\n// lockLabel); each is the attribute's string, or null when absent.\n`;
  for (const e of c.events) {
    out += `\n${doc(e.description, '')}export interface ${detailName(e)} {\n`;
    for (const d of e.detail) out += `${doc(d.description)}  ${d.name}: ${d.type};\n`;
    out += '}\n';
  }
  out += `\n${doc(c.description, '')}export declare class ${c.class} extends HTMLElement {\n`;
  for (const a of properties(c)) out += `${doc(`${a.description} Default: ${a.defaultText}.`)}  ${camel(a.name)}: ${tsType(a)};\n`;
  for (const m of c.methods) out += `${doc(m.description)}  ${m.name}(): void;\n`;
  out += '}\n';
  out += `\n/** The attributes as markup and framework templates write them (lock-label, not\n * lockLabel), with the values each takes: what the framework typings\n * (${FRAMEWORKS.map((f) => `${c.tag}/${f}`).join(', ')}) allow on <${c.tag}>. */\n`;
  out += `export interface ${c.class.replace(/Element$/, '')}Attributes {\n`;
  for (const a of c.attributes) {
    out += `${doc(`${a.description} Default: ${a.defaultText}.`)}  ${key(a.name)}${required(a) ? '' : '?'}: ${attributeType(a)};\n`;
  }
  out += '}\n';
  out += `\n/** The element's events by name, each a CustomEvent with its detail. */\nexport interface ${c.class}EventMap {\n`;
  for (const e of c.events) out += `${doc(e.description)}  '${c.eventPrefix}${e.name}': CustomEvent<${detailName(e)}>;\n`;
  out += '}\n';
  out += '\ndeclare global {\n  interface HTMLElementTagNameMap {\n';
  out += `    '${c.tag}': ${c.class};\n  }\n`;
  for (const map of ['HTMLElementEventMap', 'DocumentEventMap']) {
    out += `  interface ${map} {\n`;
    for (const e of c.events) out += `    '${c.eventPrefix}${e.name}': CustomEvent<${detailName(e)}>;\n`;
    out += '  }\n';
  }
  return `${out}}\n`;
}

// ---- Framework typings ---------------------------------------------------
// Each augments its framework's own table of elements with <related-stories>:
// the attributes and events come from the core declarations above, so a
// framework file states no attribute of its own.

/** The subpaths of the package that hold them: related-stories/react, ... */
export const FRAMEWORKS = ['react', 'vue', 'svelte'];

function frameworkNames(c) {
  const base = c.class.replace(/Element$/, '');
  return { element: c.class, attributes: `${base}Attributes`, events: `${c.class}EventMap`, base };
}

/** The event the framework headers show: select, the one partners listen to. */
const exampleEvent = (c) => c.eventPrefix + (c.events.find((e) => e.name === 'select') ?? c.events[0]).name;

const frameworkHead = (c, text) => `// ${GENERATED}\n${text.trim().split('\n').map((l) => `// ${l}`.trimEnd()).join('\n')}\n`;

function reactTypes(c) {
  const n = frameworkNames(c);
  const first = exampleEvent(c);
  return `${frameworkHead(c, `
<${c.tag}> in React 19's JSX. React 19 passes a custom element's props as
properties when the element has them (it has one per attribute) and as
attributes otherwise, and adds a listener for a function prop named "on" and
the event's name (on${first}). Bring these types in with
  import type { ${n.element} } from '${c.tag}/react';
(a type-only import: this subpath has no JavaScript).`)}
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { ${n.attributes}, ${n.element}, ${n.events} } from './${c.tag}.js';

export type * from './${c.tag}.js';

/** Listeners React 19 adds itself: on${first}={(event) => ...}. */
export type ${n.base}ReactEvents = {
  [K in keyof ${n.events} as \`on\${K}\`]?: (event: ${n.events}[K]) => void;
};

/** What <${c.tag}> takes in JSX: HTML's global props, the element's attributes, its events and ref. */
export type ${n.base}Props = Omit<DetailedHTMLProps<HTMLAttributes<${n.element}>, ${n.element}>, keyof ${n.attributes}>
  & ${n.attributes}
  & ${n.base}ReactEvents;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      '${c.tag}': ${n.base}Props;
    }
  }
}
`;
}

function vueTypes(c) {
  const n = frameworkNames(c);
  return `${frameworkHead(c, `
<${c.tag}> in Vue 3 templates, checked by vue-tsc (Volar), the way Vue's guide
types custom elements: an entry in GlobalComponents whose $props are the
attributes and whose $emit are the events, so @${exampleEvent(c)}'s
handler receives a typed CustomEvent. Tell Vue's compiler it is a custom
element (compilerOptions.isCustomElement), and bring these types in with
  import type { ${n.element} } from '${c.tag}/vue';
(a type-only import: this subpath has no JavaScript).`)}
import type { AllowedComponentProps, EmitFn, HTMLAttributes, VNodeProps } from 'vue';
import type { ${n.attributes}, ${n.element}, ${n.events} } from './${c.tag}.js';

export type * from './${c.tag}.js';

/** The element's events as Vue's emit options. */
export type ${n.base}VueEmits = { [K in keyof ${n.events}]: (event: ${n.events}[K]) => void };

/** <${c.tag}> as vue-tsc sees it: a ref to it is the element itself. */
export type ${n.base}VueElement = new () => ${n.element} & {
  /** @deprecated For template type checking only: not a property of the element. */
  $props: Omit<HTMLAttributes, keyof ${n.attributes}> & ${n.attributes} & VNodeProps & AllowedComponentProps;
  /** @deprecated For template type checking only: not a method of the element. */
  $emit: EmitFn<${n.base}VueEmits>;
};

declare module 'vue' {
  interface GlobalComponents {
    '${c.tag}': ${n.base}VueElement;
  }
}
`;
}

function svelteTypes(c) {
  const n = frameworkNames(c);
  const first = exampleEvent(c);
  return `${frameworkHead(c, `
<${c.tag}> in Svelte 5 markup, checked by svelte-check: an entry in
svelte/elements' SvelteHTMLElements with the attributes and, as Svelte 5's
event attributes, on${first}={(event) => ...} and the others. Svelte sets
a defined custom element's props as properties, attributes otherwise. Bring
these types in with
  import type { ${n.element} } from '${c.tag}/svelte';
(a type-only import: this subpath has no JavaScript).`)}
import type { HTMLAttributes } from 'svelte/elements';
import type { ${n.attributes}, ${n.element}, ${n.events} } from './${c.tag}.js';

export type * from './${c.tag}.js';

/** Svelte 5 event attributes: on + the event's name. */
export type ${n.base}SvelteEvents = {
  [K in keyof ${n.events} as \`on\${K}\`]?: (event: ${n.events}[K] & { currentTarget: ${n.element} }) => void;
};

/** What <${c.tag}> takes in Svelte markup. */
export type ${n.base}SvelteAttributes = Omit<HTMLAttributes<${n.element}>, keyof ${n.attributes}>
  & ${n.attributes}
  & ${n.base}SvelteEvents;

declare module 'svelte/elements' {
  export interface SvelteHTMLElements {
    '${c.tag}': ${n.base}SvelteAttributes;
  }
}
`;
}

// ---- The stylesheet's token block ------------------------------------------

function tokenBlock(c) {
  const lines = [];
  for (const t of c.cssProperties) {
    const value = t.value ?? (t.type === 'color' ? `light-dark(${t.light}, ${t.dark})` : t.light);
    lines.push(`  ${t.alias}: var(${t.name}, ${value});`);
  }
  return lines.join('\n');
}

/** Tokens whose dark value light-dark() cannot carry (not colours): set per theme. */
function darkBlock(c) {
  const dark = c.cssProperties.filter((t) => t.type !== 'color' && t.dark !== undefined && t.dark !== t.light);
  const set = (indent) => dark.map((t) => `${indent}${t.alias}: var(${t.name}, ${t.dark});`).join('\n');
  return `:host([theme="dark"]) .rs {\n${set('  ')}\n}\n\n@media (prefers-color-scheme: dark) {\n  :host(:not([theme="light"])) .rs {\n${set('    ')}\n  }\n}`;
}

// ---- README tables -------------------------------------------------------

const row = (cells) => `| ${cells.join(' | ')} |`;
const table = (head, rows) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

function attributesTable(c) {
  return table(['attribute', 'default', 'meaning'], c.attributes.map((a) => [code(a.name), a.defaultText, a.description]));
}

function tokensTable(c) {
  const byAlias = new Map(c.cssProperties.map((t) => [t.alias, t.name]));
  const shown = (v) => {
    const alias = /^var\((--_[\w-]+)\)$/.exec(v);
    return alias ? code(byAlias.get(alias[1])) : code(v);
  };
  return table(['property', 'default (light / dark)', 'what it colours or sizes'], c.cssProperties.map((t) => [
    code(t.name),
    t.defaultText ?? (t.value !== undefined ? shown(t.value) : `${shown(t.light)} / ${shown(t.dark)}`),
    t.description,
  ]));
}

const partsTable = (c) => table(['part', 'element'], c.parts.map((p) => [code(p.name), p.description]));

const eventsTable = (c) => table(['event', '`detail`', 'when'], c.events.map((e) => [
  code(c.eventPrefix + e.name), code(`{ ${e.detail.map((d) => d.name).join(', ')} }`), e.description,
]));

const methodsTable = (c) => table(['method', 'does'], c.methods.map((m) => [code(`${m.name}()`), m.description]));

/** The line partners paste to hold the widget's room before its script runs. */
function reserveLine(c) {
  const r = reserve(c);
  return `<style>${c.tag}:not(:defined) { display: block; min-height: ${r.wide}px } @media (max-width: ${r.narrowPx}px) { ${c.tag}:not(:defined) { min-height: ${r.narrow}px } }</style>`;
}

function reserveProse(c) {
  const r = reserve(c);
  const em = (v) => Math.round(v * r.fontSize);
  return `The
figures are for the default ${r.limit} stories in the \`list\` layout at the default
\`--rs-font-size\` (${r.fontSize}px): ${em(r.heading)} px of heading plus ${em(r.listRow)} px a story, ${em(r.narrowRow)} px on a
widget narrower than ${r.narrowPx} px; \`compact\` takes ${em(r.heading)} + ${em(r.compactRow)} px a story. Larger is
harmless (the widget gives the room back when that moves nothing in view);
smaller shifts the page once when the widget is defined.

\`\`\`html
${reserveLine(c)}
\`\`\``;
}

// ---- Regions in hand-written files ---------------------------------------

/** Replaces what lies between `open` and `close` in `text` with `body`. */
function region(text, file, open, close, body) {
  const start = text.indexOf(open);
  const end = text.indexOf(close, start + open.length);
  if (start < 0 || end < 0 || text.indexOf(open, start + 1) >= 0) {
    throw new Error(`contract: ${file} must hold ${open} ... ${close} once`);
  }
  return text.slice(0, start + open.length) + body + text.slice(end);
}

const md = (name) => [`<!-- contract:${name} (${GENERATED}) -->\n`, `\n<!-- /contract:${name} -->`];

/** Every generated file: path -> its content now. */
export function generate(c = contract()) {
  const out = {
    'src/contract.rs': rust(c),
    'src/loader/contract.js': loader(c),
    'src/loader/contract-reserve.js': loaderReserve(c),
    'src/package/custom-elements.json': manifest(c),
    'src/package/related-stories.d.ts': types(c),
    'src/package/react.d.ts': reactTypes(c),
    'src/package/vue.d.ts': vueTypes(c),
    'src/package/svelte.d.ts': svelteTypes(c),
  };
  let css = read('style/related-stories.css');
  const tokens = new Set(c.cssProperties.map((t) => t.name));
  const undeclared = [...new Set(css.match(/--rs-[\w-]+/g))].filter((name) => !tokens.has(name));
  if (undeclared.length) throw new Error(`contract: style/related-stories.css uses ${undeclared.join(', ')}, not in src/contract.json`);
  css = region(css, 'style/related-stories.css', `  /* contract:tokens (${GENERATED}) */\n`, '\n  /* /contract:tokens */', tokenBlock(c));
  css = region(css, 'style/related-stories.css', `/* contract:dark (${GENERATED}) */\n`, '\n/* /contract:dark */', darkBlock(c));
  out['style/related-stories.css'] = css;
  let readme = read('README.md');
  for (const [name, body] of [
    ['attributes', attributesTable(c)],
    ['tokens', tokensTable(c)],
    ['parts', partsTable(c)],
    ['events', eventsTable(c)],
    ['methods', methodsTable(c)],
    ['reserve', reserveProse(c)],
  ]) readme = region(readme, 'README.md', ...md(name), body);
  // The framework recipes: copies of the files tests/types and tests/e2e check.
  out['README.md'] = fillSnippets(readme, ROOT);
  for (const page of ['demo/index.html', 'demo/be.html', 'demo/ru.html']) {
    out[page] = region(read(page), page, '<!-- contract:reserve -->\n  ', '\n  <!-- /contract:reserve -->', reserveLine(c));
  }
  return out;
}

/** The generated files that differ from what is on disk. */
export function stale(files = generate()) {
  return Object.entries(files).filter(([file, text]) => {
    try {
      return read(file) !== text;
    } catch {
      return true;
    }
  }).map(([file]) => file);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = generate();
  if (process.argv.includes('--check')) {
    const old = stale(files);
    if (old.length) {
      console.error(`contract: stale, run make contract: ${old.join(', ')}`);
      process.exit(1);
    }
    console.log(`contract: ${Object.keys(files).length} generated files up to date`);
  } else {
    for (const [file, text] of Object.entries(files)) writeFileSync(join(ROOT, file), text);
    console.log(`contract: wrote ${Object.keys(files).join(', ')}`);
  }
}
