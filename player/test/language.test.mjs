// The language a visit starts in: the LMS's, else the one chosen in this
// browser, else the browser's languages, else the course's source language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './compiled.mjs';

const { initialLanguage } = await load('language');
const hints = (over) => ({ languages: ['pt', 'en'], fromLms: null, saved: null, wanted: [], sourceLang: 'pt', ...over });

test('the first language of a visit', () => {
  assert.equal(initialLanguage(hints({ fromLms: 'en', saved: 'pt' })), 'en');
  assert.equal(initialLanguage(hints({ saved: 'en', wanted: ['pt-MZ'] })), 'en');
  assert.equal(initialLanguage(hints({ wanted: ['fr-FR', 'en-GB', 'pt-BR'] })), 'en');
  assert.equal(initialLanguage(hints({ wanted: ['pt_MZ'], sourceLang: 'en' })), 'pt');
  assert.equal(initialLanguage(hints({ wanted: ['fr'], sourceLang: 'en' })), 'en');
  // A one-language package: never a language it does not carry.
  assert.equal(initialLanguage(hints({ languages: ['en'], saved: 'pt', wanted: ['pt-PT'] })), 'en');
});
