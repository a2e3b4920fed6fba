// The SCORM adapter's pure parts: progress in cmi.suspend_data survives a
// round trip, belongs to one lesson structure, fits the 4096 limit, and the
// status and score follow the rules in docs/scorm.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './compiled.mjs';

const { makeOutline } = await load('outline');
const { encodeSuspend, decodeSuspend, structureOf, SUSPEND_LIMIT } = await load('scorm/suspend');
const { courseStatus, courseScore, timespan } = await load('scorm/status');
const { emptyProgress, markOpened, recordQuizAttempt } = await load('progress');

const texts = (s) => ({ pt: s, en: s });
const quiz = { pass_mark: 50, questions: [] };
function course(lessonsPerModule, withQuiz = () => false) {
  return {
    format: 2, id: 'c1', revision: 1, slug: 'c', source_lang: 'pt', languages: ['pt', 'en'],
    title: texts('C'), summary: texts(''), organisation: '', licence: '', topics: [], media: {},
    modules: lessonsPerModule.map((n, m) => ({
      id: `m${m}`, title: texts(`M${m}`),
      lessons: Array.from({ length: n }, (_, l) => ({
        id: `l${m}-${l}`, title: texts('L'), minutes: 1, body: texts(''), notes: texts(''),
        quiz: withQuiz(m, l) ? quiz : null,
      })),
    })),
  };
}

test('progress survives suspend_data, with the language and the last lesson', () => {
  const c = course([3, 4], (m, l) => l === 1);
  const outline = makeOutline(c, null);
  const structure = structureOf(c, outline);
  const p = emptyProgress();
  markOpened(p, 'l0-0', false);
  markOpened(p, 'l0-1', true);
  recordQuizAttempt(p, 'l0-1', 75, true);
  markOpened(p, 'l1-1', true);
  recordQuizAttempt(p, 'l1-1', 20, false);
  markOpened(p, 'l1-2', false);
  const text = encodeSuspend(outline, structure, p, 'en');
  assert.match(text, /^J1\.[0-9a-z]+\.e\.5\./);
  const back = decodeSuspend(outline, structure, text);
  assert.equal(back.lang, 'en');
  assert.equal(back.progress.last, 'l1-2');
  assert.deepEqual(Object.keys(back.progress.done).sort(), ['l0-0', 'l0-1', 'l1-2']);
  assert.deepEqual(Object.keys(back.progress.visited).sort(), ['l0-0', 'l0-1', 'l1-1', 'l1-2']);
  assert.equal(back.progress.quiz['l0-1'].best, 75);
  assert.equal(back.progress.quiz['l1-1'].best, 20);
  assert.equal(back.progress.quiz['l1-1'].passed, false);
  // Another structure (a lesson added) does not take it.
  const changed = course([3, 5], (m, l) => l === 1);
  const other = makeOutline(changed, null);
  assert.equal(decodeSuspend(other, structureOf(changed, other), text), null);
  assert.equal(decodeSuspend(outline, structure, 'not ours'), null);
});

test('suspend_data stays within 4096 characters for a very long course', () => {
  const c = course([4000, 4000], () => true);
  const outline = makeOutline(c, null);
  const p = emptyProgress();
  for (const e of outline.lessons) recordQuizAttempt(p, e.lesson.id, 90, true);
  const text = encodeSuspend(outline, structureOf(c, outline), p, 'pt');
  assert.ok(text.length <= SUSPEND_LIMIT, `${text.length}`);
});

test('status and score: incomplete, failed, passed; the mean of best scores', () => {
  const c = course([2], (m, l) => l === 1);
  const outline = makeOutline(c, null);
  const p = emptyProgress();
  assert.equal(courseStatus(outline, p), 'incomplete');
  assert.equal(courseScore(outline, p), null);
  markOpened(p, 'l0-0', false);
  recordQuizAttempt(p, 'l0-1', 40, false);
  assert.equal(courseStatus(outline, p), 'failed');
  assert.equal(courseScore(outline, p), 40);
  recordQuizAttempt(p, 'l0-1', 80, true);
  assert.equal(courseStatus(outline, p), 'passed');
  assert.equal(courseScore(outline, p), 80);
  const noQuiz = course([1]);
  const o2 = makeOutline(noQuiz, null);
  const p2 = emptyProgress();
  markOpened(p2, 'l0-0', false);
  assert.equal(courseStatus(o2, p2), 'completed');
  assert.equal(timespan(3723450), '0001:02:03.45');
});
