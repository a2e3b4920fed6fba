// The player's quiz scorer against the fixtures it shares with the core's
// Quiz::score (tests/player/quiz_scoring.rs): both must agree on every case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { load } from './compiled.mjs';

const fixtures = JSON.parse(
  readFileSync(new URL('../../tests/fixtures/quiz-scoring.json', import.meta.url), 'utf8'),
);
const { scoreQuiz } = await load('quiz/score');

test('the player scores the shared quiz fixtures as the core does', () => {
  assert.ok(fixtures.cases.length >= 10);
  for (const c of fixtures.cases) {
    const quiz = fixtures.quizzes[c.quiz];
    assert.ok(quiz, `${c.name}: no quiz ${c.quiz}`);
    const got = scoreQuiz(quiz, c.answers);
    assert.equal(got.score, c.score, c.name);
    assert.equal(got.passed, c.passed, c.name);
    assert.equal(got.total, quiz.questions.length, c.name);
  }
});
