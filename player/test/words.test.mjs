// The player's dictionary: both languages have exactly the same words, each
// of the same form (text, or a [one, other] pair), and the same {places}.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './compiled.mjs';

const { WORDS, LANG_NAMES, translate } = await load('words');

const places = (word) => [].concat(word).join(' ').match(/\{\w+\}/g)?.sort() ?? [];

test('Portuguese and English have exactly the same keys', () => {
  const pt = Object.keys(WORDS.pt).sort();
  const en = Object.keys(WORDS.en).sort();
  assert.deepEqual(en, pt);
  assert.ok(pt.length > 50, `only ${pt.length} words`);
  assert.deepEqual(Object.keys(WORDS).sort(), ['en', 'pt']);
  assert.deepEqual(Object.keys(LANG_NAMES).sort(), ['en', 'pt']);
});

test('every word has the same form and places in both languages, and no empty text', () => {
  for (const key of Object.keys(WORDS.pt)) {
    const pt = WORDS.pt[key];
    const en = WORDS.en[key];
    assert.equal(Array.isArray(en), Array.isArray(pt), key);
    if (Array.isArray(pt)) {
      assert.equal(pt.length, 2, key);
      assert.equal(en.length, 2, key);
    }
    for (const text of [].concat(pt, en)) {
      assert.equal(typeof text, 'string', key);
      assert.ok(text.trim(), `${key} is empty`);
    }
    assert.deepEqual(places(en), places(pt), `${key}: {places} differ`);
  }
});

test('translate fills places and picks singular or plural by n', () => {
  assert.equal(translate('pt', 'lessonsN', { n: 1 }), '1 lição');
  assert.equal(translate('pt', 'lessonsN', { n: 3 }), '3 lições');
  assert.equal(translate('en', 'lessonsN', { n: 0 }), '0 lessons');
  assert.equal(translate('en', 'progress', { done: 2, total: 5 }), '2 of 5 lessons completed');
  assert.equal(translate('en', 'resume', {}), 'Continue: {title}');
});
