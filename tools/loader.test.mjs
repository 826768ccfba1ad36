// The loader's modules where they need no browser: the reserved room's maths
// agrees with the line partners paste, the bundle names the hashed files once
// and fails the build otherwise, and a second copy on a page defines nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { contract, reserve } from './contract.mjs';
import { bundleLoader } from './loader.mjs';
import { ATTRIBUTES, LIMIT_DEFAULT, LIMIT_MAX, LIMIT_MIN, PROPERTIES } from '../src/loader/contract.js';
import * as RESERVE from '../src/loader/contract-reserve.js';
import { em, reserved, rows } from '../src/loader/reserve.js';

const NAMES = { glue: 'related-stories-0123456789abcdef.js', wasm: 'related-stories-fedcba9876543210_bg.wasm' };

test('the loader reserves the room the README\'s pre-script line holds', () => {
  const r = reserve(contract());
  const px = (layout, width) => Math.ceil(RESERVE.fontSize * reserved(layout, LIMIT_DEFAULT, width) - 0.5);
  assert.equal(px('list', 40), r.wide);
  assert.equal(px(null, 40), r.wide, 'no layout attribute is the list');
  assert.equal(px('list', 20), r.narrow);
  assert.equal(reserved('compact', 3, 40), RESERVE.heading + 3 * RESERVE.compactRow);
});

test('cards: one column of 16:9 thumbnails and text per story, more columns as the widget widens', () => {
  const oneColumn = 30; // narrower than two columns and a gap
  const card = oneColumn * 9 / 16 + RESERVE.cardText;
  assert.equal(reserved('cards', 2, oneColumn), RESERVE.heading + RESERVE.cardsTop + 2 * card + RESERVE.gap);
  const twoColumns = 2 * RESERVE.cardColumn + RESERVE.gap;
  assert.ok(reserved('cards', 2, twoColumns) < reserved('cards', 2, twoColumns - 0.01), 'two stories side by side');
  assert.equal(reserved('cards', 3, RESERVE.narrowBelow - 1), RESERVE.heading + 3 * RESERVE.narrowCardRow);
  assert.equal(reserved('cards', 3, RESERVE.tinyBelow - 1), RESERVE.heading + 3 * RESERVE.tinyCardRow);
});

test('limit is clamped as the widget clamps it; the font size falls back to the default', () => {
  assert.deepEqual(['3', '0', '-2', '999', 'many', null].map(rows), [3, LIMIT_DEFAULT, LIMIT_MIN, LIMIT_MAX, LIMIT_DEFAULT, LIMIT_DEFAULT]);
  assert.deepEqual(['20px', '1.5em', '', 'px'].map(em), [20, RESERVE.fontSize, RESERVE.fontSize, RESERVE.fontSize]);
});

test('the bundle is one file naming the hashed glue and wasm once each, no placeholder left', () => {
  const code = bundleLoader(NAMES);
  for (const name of Object.values(NAMES)) assert.equal(code.split(name).length - 1, 1, name);
  assert.doesNotMatch(code, /__(GLUE|WASM)__/);
  assert.doesNotMatch(code, /^import\s|[;}]import\s*[{*\w"]/m, 'no static import left: one file');
});

test('a placeholder missing or read twice fails the build', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rs-loader-'));
  try {
    const entry = (name, source) => {
      writeFileSync(join(dir, name), source);
      return { entry: join(dir, name) };
    };
    assert.throws(() => bundleLoader(NAMES, entry('missing.js', 'export const glue = __GLUE__;')), /__WASM__ exactly once/);
    assert.throws(() => bundleLoader(NAMES, entry('twice.js', 'export const a = __GLUE__, b = __GLUE__, c = __WASM__;')), /__GLUE__ exactly once.* 2 times/);
    assert.doesNotThrow(() => bundleLoader(NAMES, entry('once.js', 'export const a = __GLUE__, c = __WASM__;')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Just enough of a page for the bundle's top level: an element class, the
// registry, and a document without elements yet.
function fakePage() {
  const defined = new Map();
  globalThis.HTMLElement = class {
    attributes = new Map();
    getAttribute(name) { return this.attributes.get(name) ?? null; }
    setAttribute(name, value) { this.attributes.set(name, String(value)); }
    removeAttribute(name) { this.attributes.delete(name); }
    hasAttribute(name) { return this.attributes.has(name); }
    toggleAttribute(name, force) { if (force) this.setAttribute(name, ''); else this.removeAttribute(name); }
  };
  globalThis.customElements = {
    get: (tag) => defined.get(tag),
    define: (tag, element) => {
      if (defined.has(tag)) throw new Error(`${tag} is already defined`);
      defined.set(tag, element);
    },
  };
  globalThis.document = { querySelectorAll: () => [] };
  return defined;
}

test('two copies on a page: the first defines the element, the second does nothing and does not throw', async () => {
  const defined = fakePage();
  const code = bundleLoader(NAMES);
  const url = (copy) => `data:text/javascript;base64,${Buffer.from(`${code}\n// copy ${copy}`).toString('base64')}`;
  await import(url(1));
  const Element = defined.get('related-stories');
  assert.ok(Element);
  await import(url(2));
  assert.equal(defined.get('related-stories'), Element, 'the first definition stays');
  assert.deepEqual(Element.observedAttributes, ATTRIBUTES);

  // Every attribute but lang is a property; chips reflects as presence.
  const element = new Element();
  for (const [, property] of PROPERTIES) assert.ok(property in element, property);
  assert.ok(!Object.hasOwn(Element.prototype, 'lang'), 'lang is HTMLElement\'s own');
  element.lockLabel = 'PLUS';
  element.limit = 3;
  element.chips = 'yes';
  assert.deepEqual([element.getAttribute('lock-label'), element.getAttribute('limit'), element.getAttribute('chips')], ['PLUS', '3', '']);
  assert.equal(element.chips, true);
  element.chips = false;
  element.limit = null;
  assert.deepEqual([element.chips, element.hasAttribute('limit'), element.limit], [false, false, null]);
  // chips="false", as frameworks write false before the element is defined: off, as the widget reads it.
  element.setAttribute('chips', 'false');
  assert.equal(element.chips, false);
});
