// The learner's progress per course as the player keeps it: the player's own
// key (the anonymous learner's key is today's; a chosen learner has their
// own), the course revision (a new revision starts afresh), lessons done and
// started counted over the course's lessons only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load, memoryStore } from './compiled.mjs';

const { courseProgress, shownLearnerName } = await load('course-progress');

const course = { id: 'c1', revision: 3, lesson_ids: ['l1', 'l2', 'l3', 'l4'] };
const progress = (done, visited = [], last = null) => JSON.stringify({
  visited: Object.fromEntries([...done, ...visited].map((id) => [id, true])),
  done: Object.fromEntries(done.map((id) => [id, true])),
  quiz: {}, last,
});

test('nothing kept: nothing done', () => {
  assert.deepEqual(courseProgress(memoryStore(), course), { done: 0, started: 0, total: 4, last: null });
});

test('the anonymous learner: the player key juntos.progress.<id>.<revision>', () => {
  const store = memoryStore({ 'juntos.progress.c1.3': progress(['l1', 'l2', 'gone'], ['l3'], 'l3') });
  assert.deepEqual(courseProgress(store, course), { done: 2, started: 1, total: 4, last: 'l3' });
  // Another revision's progress does not count.
  const old = memoryStore({ 'juntos.progress.c1.2': progress(['l1']) });
  assert.equal(courseProgress(old, course).done, 0);
  // Unreadable progress is no progress, as in the player.
  assert.equal(courseProgress(memoryStore({ 'juntos.progress.c1.3': '{broken' }), course).done, 0);
  assert.equal(shownLearnerName(store), null);
});

test('a chosen learner: their own progress, and their name', () => {
  const ana = 'a'.repeat(32);
  const store = memoryStore({
    'juntos.learners': JSON.stringify([{ id: ana, name: 'Ana', group: null, created_at: '2026-01-01T00:00:00.000Z' }]),
    'juntos.learner': ana,
    'juntos.progress.c1.3': progress(['l1', 'l2', 'l3', 'l4']),
    [`juntos.progress.c1.3.${ana}`]: progress(['l4']),
  });
  assert.equal(courseProgress(store, course).done, 1);
  assert.equal(shownLearnerName(store), 'Ana');
});
