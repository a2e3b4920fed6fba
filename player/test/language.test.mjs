// The language a visit starts in: the latest choice for this course in this
// browser, else the one saved in the LMS with this SCO, else the course's
// source language. The browser's own language plays no part.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './compiled.mjs';

const { initialLanguage, languageKey } = await load('language');
const hints = (over) => ({ languages: ['pt', 'en'], fromLms: null, saved: null, sourceLang: 'pt', ...over });

test('the first language of a visit', () => {
  assert.equal(initialLanguage(hints({})), 'pt', 'the source language');
  assert.equal(initialLanguage(hints({ sourceLang: 'en' })), 'en');
  assert.equal(initialLanguage(hints({ fromLms: 'en' })), 'en');
  assert.equal(initialLanguage(hints({ fromLms: 'en', saved: 'pt' })), 'pt', 'the latest choice, made in another module');
  assert.equal(initialLanguage(hints({ saved: 'fr' })), 'pt');
  // A one-language package: never a language it does not carry.
  assert.equal(initialLanguage(hints({ languages: ['en'], saved: 'pt', fromLms: 'pt' })), 'en');
});

test('the choice is kept per course, and per learner in an LMS', () => {
  assert.equal(languageKey('c1', null), 'juntos.lang.c1');
  assert.equal(languageKey('c1', 'ana'), 'juntos.lang.c1.ana');
  assert.notEqual(languageKey('c1', null), languageKey('c2', null));
});
