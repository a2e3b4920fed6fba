// The results a learner keeps (results.ts) and the file made of them: the
// contract's shape and key order, the checksum over the body's exact text,
// scores as the shared scorer gives them, and the proposed file name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { load } from './compiled.mjs';

const R = await load('results');

const quiz = {
  pass_mark: 60,
  questions: [
    { id: 'q1', kind: 'single_choice', options: [{ id: 'a', correct: true }, { id: 'b', correct: false }] },
    { id: 'q2', kind: 'multiple_choice', options: [{ id: 'a', correct: true }, { id: 'b', correct: true }, { id: 'c', correct: false }] },
  ],
};
const course = { id: 'c1', revision: 4, slug: 'educacao-civica', title: { pt: 'Educação', en: 'Education' } };
const sha = (s) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');

test('an attempt keeps the options chosen, right or wrong, and scores as the core does', () => {
  const a = R.makeAttempt('f'.repeat(32), 'l2', quiz, { q1: ['a'], q2: ['b', 'a', 'a'] }, '2026-01-01T10:00:00.000Z', '2026-01-01T10:01:00.000Z', 'en');
  assert.deepEqual(a.answers, [
    { question: 'q1', chosen: ['a'], correct: true },
    { question: 'q2', chosen: ['b', 'a', 'a'], correct: true },
  ]);
  assert.equal(a.score, 2);
  assert.equal(a.max_score, 2);
  assert.equal(a.passed, true);
  const b = R.makeAttempt('e'.repeat(32), 'l2', quiz, { q1: ['b'] }, 's', 'f', 'pt');
  assert.deepEqual(b.answers[1], { question: 'q2', chosen: [], correct: false });
  assert.equal(b.score, 0);
  assert.equal(b.passed, false);
});

test('lessons: first opening and completion kept, time added', () => {
  const r = R.emptyResults();
  assert.equal(R.hasResults(r), false);
  R.noteOpened(r, 'l1', 't1');
  R.noteOpened(r, 'l1', 't2');
  R.addTime(r, 'l1', 1500, 't3');
  R.addTime(r, 'l1', 600, 't3');
  R.addTime(r, 'l1', NaN, 't3');
  R.noteCompleted(r, 'l1', 't4');
  R.noteCompleted(r, 'l1', 't5');
  assert.deepEqual(r.lessons.l1, { opened_at: 't1', completed_at: 't4', ms: 2100 });
  assert.equal(R.hasResults(r), true);
});

test('the file: outer keys in order, checksum of the exact body text, body keys in the contract order', () => {
  const learner = { id: 'a'.repeat(32), name: 'Ana', group: null, created_at: '2026-01-01T09:00:00.000Z' };
  const results = R.emptyResults();
  R.noteOpened(results, 'l1', '2026-01-01T09:01:00.000Z');
  R.addTime(results, 'l1', 2600, 'x');
  results.attempts.push(R.makeAttempt('b'.repeat(32), 'l2', quiz, { q1: ['a'], q2: ['c'] }, 's', 'f', 'pt'));
  const body = R.resultsBody(course, 'd'.repeat(32), 'learner', [{ learner, results }], '2026-01-01T10:00:00.000Z');
  const text = R.resultsFileText(body, sha);
  const m = /^\{"format":"juntos-results","version":1,"checksum":"([0-9a-f]{64})","body":(.*)\}$/s.exec(text);
  assert.ok(m);
  assert.equal(sha(m[2]), m[1]);
  const parsed = JSON.parse(text).body;
  assert.deepEqual(Object.keys(parsed), ['course', 'device', 'saved_at', 'scope', 'learners', 'lessons', 'attempts']);
  assert.deepEqual(parsed.lessons, [{ learner: learner.id, lesson: 'l1', opened_at: '2026-01-01T09:01:00.000Z', completed_at: null, seconds: 3 }]);
  assert.deepEqual(Object.keys(parsed.attempts[0]), ['id', 'learner', 'lesson', 'started_at', 'finished_at', 'lang', 'score', 'max_score', 'passed', 'answers']);
  assert.equal(parsed.attempts[0].learner, learner.id);
  assert.equal(parsed.attempts[0].score, 1);
  assert.equal(parsed.attempts[0].passed, false);
});

test('file names: slug, ASCII-folded name or "dispositivo", the UTC date', () => {
  assert.equal(R.resultsFileName('educacao-civica', 'Célia Muñoz', '2026-12-02T13:00:00.000Z'), 'educacao-civica-celia-munoz-2026-12-02.juntos-results');
  assert.equal(R.resultsFileName('educacao-civica', null, '2026-12-02T13:00:00.000Z'), 'educacao-civica-dispositivo-2026-12-02.juntos-results');
  assert.equal(R.resultsFileName('x', '<script>', '2026-12-02T00:00:00.000Z'), 'x-script-2026-12-02.juntos-results');
  assert.equal(R.resultsFileName('x', '日本', '2026-12-02T00:00:00.000Z'), 'x-dispositivo-2026-12-02.juntos-results');
});
