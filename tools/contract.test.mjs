// The files generated from src/contract.json are up to date, and the check
// that says so can fail.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contract, generate, reserve, stale } from './contract.mjs';

test('every file generated from src/contract.json is up to date (make contract)', () => {
  assert.deepEqual(stale(), []);
});

test('a fact changed in the contract makes each file that states it stale', () => {
  const c = contract();
  c.attributes.push({ name: 'extra', type: 'string', defaultText: 'none', description: 'A new attribute.' });
  assert.deepEqual(stale(generate(c)).sort(), [
    'README.md',
    'src/contract.rs',
    'src/loader/contract.js',
    'src/package/custom-elements.json',
    'src/package/related-stories.d.ts',
  ]);
  const dark = contract();
  dark.cssProperties.find((t) => t.name === '--rs-color-accent').dark = '#ffffff';
  assert.deepEqual(stale(generate(dark)).sort(), [
    'README.md',
    'src/package/custom-elements.json',
    'style/related-stories.css',
  ]);
});

test('the reserved room the partner pastes follows the stylesheet\'s measured rows', () => {
  // 16 px x (1.955 + 5 x 6.92) = 585 px; below 480 px, 16 x (1.955 + 5 x 8.404) = 704 px.
  assert.deepEqual(
    (({ wide, narrow, narrowPx }) => ({ wide, narrow, narrowPx }))(reserve(contract())),
    { wide: 585, narrow: 704, narrowPx: 480 },
  );
  const files = generate();
  for (const page of ['README.md', 'demo/index.html', 'demo/be.html', 'demo/ru.html']) {
    assert.match(files[page], /min-height: 585px \} @media \(max-width: 480px\) \{ related-stories:not\(:defined\) \{ min-height: 704px/);
  }
});

test('a token the stylesheet uses but the contract lacks stops the generator', () => {
  const c = contract();
  c.cssProperties = c.cssProperties.filter((t) => t.name !== '--rs-color-accent');
  assert.throws(() => generate(c), /--rs-color-accent, not in src\/contract.json/);
});
