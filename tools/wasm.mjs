// A small reader and rewriter of a WebAssembly binary's import and export
// sections, enough for the post-build steps: list imports and exports, rename
// imports, drop exports. Every other byte of the module is copied untouched.
// Binary format: https://webassembly.github.io/spec/core/binary/modules.html

const MAGIC = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
export const IMPORT = 2;
export const EXPORT = 7;
const KINDS = ['function', 'table', 'memory', 'global', 'tag'];

class Reader {
  constructor(bytes, at = 0, end = bytes.length) {
    this.bytes = bytes;
    this.at = at;
    this.end = end;
  }
  byte() {
    if (this.at >= this.end) throw new Error(`wasm: unexpected end at byte ${this.at}`);
    return this.bytes[this.at++];
  }
  // Unsigned LEB128 (u32 and u64 alike: only skipped or kept as a number).
  uleb() {
    let value = 0, scale = 1, b;
    do {
      b = this.byte();
      value += (b & 0x7f) * scale;
      scale *= 128;
    } while (b & 0x80);
    return value;
  }
  // Signed LEB128, skipped (heap types).
  sleb() {
    while (this.byte() & 0x80);
  }
  name() {
    const length = this.uleb();
    const start = this.at;
    this.at += length;
    if (this.at > this.end) throw new Error(`wasm: name runs past its section at byte ${start}`);
    return new TextDecoder('utf-8', { fatal: true }).decode(this.bytes.subarray(start, this.at));
  }
  valtype() {
    const t = this.byte();
    if (t === 0x63 || t === 0x64) this.sleb(); // (ref null? heaptype)
  }
  limits() {
    const flags = this.byte();
    if (flags & ~0x0f) throw new Error(`wasm: unknown limits flags 0x${flags.toString(16)} at byte ${this.at - 1}`);
    this.uleb();
    if (flags & 0x01) this.uleb(); // maximum
    if (flags & 0x08) this.uleb(); // custom page size
  }
}

export function uleb(value) {
  const out = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value) b |= 0x80;
    out.push(b);
  } while (value);
  return out;
}

const encodeName = (name) => {
  const utf8 = new TextEncoder().encode(name);
  return [...uleb(utf8.length), ...utf8];
};

/** The module's sections in order: id, start (the id byte), payload start and end. */
export function sections(bytes) {
  if (!MAGIC.every((b, i) => bytes[i] === b)) throw new Error('wasm: not a WebAssembly 1.0 binary');
  const r = new Reader(bytes, MAGIC.length);
  const list = [];
  while (r.at < bytes.length) {
    const start = r.at;
    const id = r.byte();
    const size = r.uleb();
    const payload = r.at;
    r.at += size;
    if (r.at > bytes.length) throw new Error(`wasm: section ${id} at byte ${start} runs past the end`);
    list.push({ id, start, payload, end: r.at });
  }
  return list;
}

const only = (bytes, id) => {
  const found = sections(bytes).filter((s) => s.id === id);
  if (found.length > 1) throw new Error(`wasm: ${found.length} sections with id ${id}`);
  return found[0];
};

// Each entry with the raw bytes of what follows its name(s), to copy as is.
function entries(bytes, section, read) {
  if (!section) return [];
  const r = new Reader(bytes, section.payload, section.end);
  const count = r.uleb();
  const list = [];
  for (let i = 0; i < count; i++) list.push(read(r));
  if (r.at !== section.end) throw new Error(`wasm: section ${section.id} has ${section.end - r.at} bytes after its ${count} entries`);
  return list;
}

function readImport(r) {
  const module = r.name();
  const name = r.name();
  const descStart = r.at;
  const kind = r.byte();
  switch (kind) {
    case 0: r.uleb(); break; // type index
    case 1: r.valtype(); r.limits(); break; // table: reference type, limits
    case 2: r.limits(); break; // memory
    case 3: r.valtype(); r.byte(); break; // global: type, mutability
    case 4: r.byte(); r.uleb(); break; // tag: attribute, type index
    default: throw new Error(`wasm: unknown import kind 0x${kind.toString(16)} for ${module}.${name}`);
  }
  return { module, name, kind: KINDS[kind], desc: r.bytes.subarray(descStart, r.at) };
}

function readExport(r) {
  const name = r.name();
  const descStart = r.at;
  const kind = r.byte();
  const index = r.uleb();
  if (!(kind in KINDS)) throw new Error(`wasm: unknown export kind 0x${kind.toString(16)} for ${name}`);
  return { name, kind: KINDS[kind], index, desc: r.bytes.subarray(descStart, r.at) };
}

export const imports = (bytes) => entries(bytes, only(bytes, IMPORT), readImport).map(({ desc, ...rest }) => rest);
export const exports = (bytes) => entries(bytes, only(bytes, EXPORT), readExport).map(({ desc, ...rest }) => rest);

// The module with one section's payload replaced.
function replace(bytes, section, payload) {
  return Buffer.concat([
    bytes.subarray(0, section.start),
    Buffer.from([section.id, ...uleb(payload.length)]),
    payload,
    bytes.subarray(section.end),
  ]);
}

const vector = (items) => Buffer.concat([Buffer.from(uleb(items.length)), ...items]);

/**
 * Renames imports: `rename({module, name, kind})` returns `{module, name}` (either may be
 * unchanged). Index spaces do not change, so nothing else in the module does either.
 */
export function renameImports(bytes, rename) {
  const section = only(bytes, IMPORT);
  if (!section) throw new Error('wasm: no import section');
  const list = entries(bytes, section, readImport);
  return replace(bytes, section, vector(list.map((entry) => {
    const { module, name } = rename({ module: entry.module, name: entry.name, kind: entry.kind });
    return Buffer.concat([Buffer.from(encodeName(module)), Buffer.from(encodeName(name)), entry.desc]);
  })));
}

// The module with its export section rewritten: `change(entry)` gives the
// entry's new name, or null to drop it.
function rewriteExports(bytes, change) {
  const section = only(bytes, EXPORT);
  if (!section) throw new Error('wasm: no export section');
  const list = entries(bytes, section, readExport).map((e) => ({ ...e, to: change({ name: e.name, kind: e.kind, index: e.index }) }));
  const kept = list.filter((e) => e.to !== null);
  const out = replace(bytes, section, vector(kept.map((e) => Buffer.concat([Buffer.from(encodeName(e.to)), e.desc]))));
  return { bytes: out, dropped: list.filter((e) => e.to === null).map((e) => e.name) };
}

/** Drops the exports for which `drop({name, kind, index})` is true; returns the new bytes and the names dropped. */
export const removeExports = (bytes, drop) => rewriteExports(bytes, (e) => (drop(e) ? null : e.name));

/** Renames exports: `rename({name, kind, index})` returns the new name (or the same). */
export const renameExports = (bytes, rename) => rewriteExports(bytes, rename).bytes;

/** The custom sections' names, in order. */
export const customSections = (bytes) => sections(bytes).filter((s) => s.id === 0).map((s) => new Reader(bytes, s.payload, s.end).name());

/** Drops every custom section (names, producers, target features, tool markers); returns the bytes and the names dropped. */
export function removeCustomSections(bytes) {
  const list = sections(bytes);
  const dropped = customSections(bytes);
  const kept = list.filter((s) => s.id !== 0).map((s) => bytes.subarray(s.start, s.end));
  return { bytes: Buffer.concat([bytes.subarray(0, MAGIC.length), ...kept]), dropped };
}

/** Short names: a … z, A … Z, then two characters and so on; all valid JS identifiers. */
export function shortName(i) {
  const first = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const rest = `${first}0123456789_$`;
  let name = first[i % first.length];
  i = Math.floor(i / first.length);
  while (i > 0) {
    i -= 1;
    name += rest[i % rest.length];
    i = Math.floor(i / rest.length);
  }
  return name;
}
