// Searching the stick offline: accents and case ignored both ways, every word
// must be in the course, words start words (a prefix, as the library's
// search), titles rank first, the lessons that hold the words are listed
// with a snippet that marks them in the original text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './compiled.mjs';

const { fold, foldMapped, queryTerms, findWordStart } = await load('fold');
const { makeIndex, search, snippet, LESSONS_SHOWN } = await load('search');

const texts = (pt, en = '') => ({ pt, en });
const course = (id, title, lessons, over = {}) => ({
  id, revision: 1, slug: id, href: `courses/${id}/index.html`,
  title, summary: texts(''), organisation: 'Associação Kuyakana', minutes: 30,
  languages: ['pt', 'en'], completeness: { pt: 100, en: 100 }, cover: null,
  lesson_ids: lessons.map((l) => l.lesson), search: lessons, ...over,
});
const lesson = (id, title, text) => ({ lesson: id, title, text });

const COURSES = [
  course('agua', texts('Água potável', 'Drinking water'), [
    lesson('a1', texts('Ferver a água', 'Boiling water'), texts('Ferva a água durante um minuto antes de beber.', 'Boil water for one minute before drinking.')),
    lesson('a2', texts('Guardar', 'Storing'), texts('Guarde a água tapada. A educação das crianças ajuda.', 'Keep water covered.')),
  ]),
  course('civica', texts('Educação cívica', 'Civic education'), [
    lesson('c1', texts('Eleições', 'Elections'), texts('O voto é secreto.', 'The vote is secret.')),
    lesson('c2', texts('Direitos', 'Rights'), texts('', 'Every citizen has rights.')),
  ], { summary: texts('Cidadania e participação.', 'Citizenship and participation.') }),
  course('saude', texts('Saúde materna', 'Maternal health'), [
    lesson('s1', texts('Consultas', 'Visits'), texts('As consultas pré-natais são gratuitas.', 'Antenatal visits are free.')),
  ], { organisation: 'Ministério da Saúde' }),
];

test('folding: case and accents go, one folded character per original one', () => {
  assert.equal(fold('EDUCAÇÃO Cívica'), 'educacao civica');
  assert.equal(fold('Ñandú, Öl, façade, São Tomé'), 'nandu, ol, facade, sao tome');
  // Already decomposed (combining marks): the same.
  assert.equal(fold('educac\u0327a\u0303o'), 'educacao');
  const f = foldMapped('Açaí!');
  assert.equal(f.text, 'acai!');
  assert.deepEqual(f.map, [0, 1, 2, 3, 4]);
  assert.deepEqual(foldMapped('a\u0301b').map, [0, 2]);
});

test('query words: folded, split on anything that is not a letter or digit, no repeats, no syntax', () => {
  assert.deepEqual(queryTerms('  "Educação"  AND cívica* civica '), ['educacao', 'and', 'civica']);
  assert.deepEqual(queryTerms('-- * ""'), []);
  assert.deepEqual(queryTerms('pré-natais'), ['pre', 'natais']);
});

test('a word is found where it starts a word', () => {
  assert.equal(findWordStart('a educacao', 'educ'), 2);
  assert.equal(findWordStart('reeducacao', 'educ'), -1);
  assert.equal(findWordStart('reeducacao educ', 'educ'), 11);
});

test('with or without accents, in course titles and lesson texts', () => {
  const index = makeIndex(COURSES);
  const ids = (q, lang = 'pt') => search(index, q, lang).map((h) => h.course.id);
  assert.deepEqual(ids('educacao'), ['civica', 'agua'], 'a course title first, then a lesson text');
  assert.deepEqual(ids('EDUCAÇÃO'), ['civica', 'agua']);
  assert.deepEqual(ids('agua'), ['agua']);
  assert.deepEqual(ids('pre natais'), ['saude']);
  assert.deepEqual(ids('saude'), ['saude'], 'title and organisation');
  assert.deepEqual(ids('ministerio'), ['saude'], 'organisation');
  assert.deepEqual(ids('agua voto'), [], 'every word must be in the course');
  assert.deepEqual(ids(''), ['agua', 'civica', 'saude'], 'no word: every course, in order');
  assert.deepEqual(ids('   '), ['agua', 'civica', 'saude']);
  assert.deepEqual(ids('xyz'), []);
  // In English, the English texts; a text missing in English is searched in Portuguese, as shown.
  assert.deepEqual(ids('water', 'en'), ['agua']);
  assert.deepEqual(ids('water', 'pt'), []);
  assert.deepEqual(ids('citizen', 'pt'), ['civica'], 'c2 has no Portuguese text: its English one is shown and searched');
});

test('the lessons that hold the words, with a snippet marking them in the original text', () => {
  const index = makeIndex(COURSES);
  const [agua] = search(index, 'agua', 'pt');
  assert.deepEqual(agua.lessons.map((l) => l.lesson), ['a1', 'a2'], 'title and text before text alone');
  assert.equal(agua.lessons[0].title, 'Ferver a água');
  const marks = agua.lessons[0].snippet.filter((s) => s.mark).map((s) => s.text);
  assert.deepEqual(marks, ['água']);
  assert.equal(agua.lessons[0].snippet.map((s) => s.text).join(''), 'Ferva a água durante um minuto antes de beber.');
  const [c] = search(index, 'direitos', 'pt');
  assert.deepEqual(c.lessons[0].snippet, [], 'only the title matched: no snippet');
});

test('a long text: the snippet is cut around the first word, at word edges, with ellipses', () => {
  const text = 'palavra '.repeat(40) + 'Educação no meio ' + 'depois '.repeat(40);
  const f = foldMapped(text);
  const s = snippet(text, f, ['educacao']);
  assert.equal(s[0].text, '…');
  assert.equal(s[s.length - 1].text, '…');
  const joined = s.map((x) => x.text).join('');
  assert.ok(joined.length < 170, joined);
  assert.ok(/^…palavra /.test(joined) && /depois…$/.test(joined), joined);
  assert.deepEqual(s.filter((x) => x.mark).map((x) => x.text), ['Educação']);
  // A decomposed last letter keeps its accent inside the mark.
  const d = 'educac\u0327a\u0303 x';
  assert.deepEqual(snippet(d, foldMapped(d), ['educaca']).filter((x) => x.mark).map((x) => x.text), ['educac\u0327a\u0303']);
});

test('many lessons: the first few are listed, the rest counted', () => {
  const many = Array.from({ length: LESSONS_SHOWN + 3 }, (_, i) => lesson(`l${i}`, texts(`Lição ${i}`), texts('sobre a água')));
  const [hit] = search(makeIndex([course('m', texts('Muitas'), many)]), 'agua', 'pt');
  assert.equal(hit.lessons.length, LESSONS_SHOWN);
  assert.equal(hit.moreLessons, 3);
});
