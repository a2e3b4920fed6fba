// The catalogue's words: both languages have every key (the compiler checks
// it too), plurals pick by n, lengths read as people say them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './compiled.mjs';

const { WORDS, translate, duration } = await load('words');

test('both dictionaries have the same keys, none empty', () => {
  assert.deepEqual(Object.keys(WORDS.pt).sort(), Object.keys(WORDS.en).sort());
  for (const lang of ['pt', 'en']) {
    for (const [k, v] of Object.entries(WORDS[lang])) {
      assert.ok(Array.isArray(v) ? v.every(Boolean) : !!v, `${lang}.${k}`);
    }
  }
});

test('plurals and places', () => {
  assert.equal(translate('pt', 'coursesN', { n: 1 }), '1 curso');
  assert.equal(translate('en', 'coursesN', { n: 3 }), '3 courses');
  assert.equal(translate('pt', 'foundN', { n: 2, q: 'agua' }), '2 cursos encontrados para «agua»');
});

test('lengths', () => {
  assert.equal(duration('pt', 45), '45 min');
  assert.equal(duration('en', 120), '2 h');
  assert.equal(duration('pt', 95), '1 h 35 min');
  assert.equal(duration('en', 0), '0 min');
});
