// The results files the browsers saved (results.test.mjs), imported into a
// fresh library with the real CLI — the sample course's package first
// (`juntos import`), then the files (`juntos results import`) — and the
// dashboard (`juntos results show COURSE --json`, src/results/mod.rs
// `ResultsDashboard`) held to numbers computed here from the files alone.
// Importing the same files again changes nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SAMPLE_ROOT, freshProfile } from './support.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The CLI `cargo test --test player` built (scripts/test-player.sh runs it first). */
export const JUNTOS = process.env.JUNTOS_BIN || path.join(ROOT, 'target', 'debug', 'juntos');

function run(library, args) {
  const r = spawnSync(JUNTOS, args, { env: { ...process.env, JUNTOS_LIBRARY: library, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' }, encoding: 'utf8' });
  return r;
}

/** Whether this build of the CLI has `juntos results import` (issue 17, helper results-core). */
export function cliHasResults() {
  if (!fs.existsSync(JUNTOS)) throw new Error(`${JUNTOS} is missing: run cargo test --test player (scripts/test-player.sh) first`);
  const r = run(freshProfile('juntos-results-probe-'), ['results', 'import', '--help']);
  return r.status === 0;
}

/** The numbers the dashboard must show, from the files' bodies alone. */
export function expectedDashboard(bodies, course) {
  const learners = new Map();
  const attempts = new Map();
  const lessons = new Map();
  for (const body of bodies) {
    for (const l of body.learners) learners.set(l.id, l);
    for (const a of body.attempts) {
      if (attempts.has(a.id)) assert.deepEqual(attempts.get(a.id), a, 'the same attempt id has the same content in every file');
      attempts.set(a.id, a);
    }
    for (const r of body.lessons) {
      const key = `${r.learner}/${r.lesson}`;
      const before = lessons.get(key);
      lessons.set(key, before ? { ...r, seconds: Math.max(before.seconds, r.seconds) } : r);
    }
  }
  const quizLessons = course.modules.flatMap((m) => m.lessons).filter((l) => l.quiz && l.quiz.questions.length);
  const pairs = new Map();
  for (const a of attempts.values()) {
    const key = `${a.learner}/${a.lesson}`;
    const p = pairs.get(key) || { best: 0, max: a.max_score, passed: false };
    p.best = Math.max(p.best, a.score);
    p.passed = p.passed || a.passed;
    pairs.set(key, p);
  }
  const histogram = new Array(10).fill(0);
  for (const p of pairs.values()) histogram[Math.min(9, Math.floor((p.best * 10) / p.max))]++;
  const questions = {};
  for (const a of attempts.values()) {
    for (const x of a.answers) {
      const q = (questions[`${a.lesson}/${x.question}`] ||= { answered: 0, right: 0 });
      q.answered++;
      if (x.correct) q.right++;
    }
  }
  const perLearner = new Map([...learners.keys()].map((id) => [id, 0]));
  for (const r of lessons.values()) perLearner.set(r.learner, perLearner.get(r.learner) + r.seconds);
  const list = [...attempts.values()];
  return {
    learners: learners.size,
    anonymous_learners: [...learners.values()].filter((l) => l.name === null).length,
    quiz_takers: pairs.size,
    quiz_passes: [...pairs.values()].filter((p) => p.passed).length,
    score_histogram: histogram,
    attempts_pt: list.filter((a) => a.lang === 'pt').length,
    attempts_en: list.filter((a) => a.lang === 'en').length,
    total_seconds: [...perLearner.values()].reduce((x, y) => x + y, 0),
    questions,
    quizLessons: quizLessons.map((l) => l.id),
    attempts: list.length,
  };
}

/** Imports `files` with the CLI into a fresh library and checks the dashboard. */
export function importAndCheck(files, bodies, course) {
  const library = freshProfile('juntos-results-library-');
  const pkgDir = path.join(SAMPLE_ROOT, 'package');
  const pkg = fs.readdirSync(pkgDir).find((n) => n.endsWith('.juntos'));
  assert.ok(pkg, `the sample's package in ${pkgDir}`);
  let r = run(library, ['import', path.join(pkgDir, pkg), '--trust']);
  assert.equal(r.status, 0, `juntos import: ${r.stderr}`);
  r = run(library, ['results', 'import', ...files, '--json']);
  assert.equal(r.status, 0, `juntos results import: ${r.stderr}`);
  const report = JSON.parse(r.stdout);
  const want = expectedDashboard(bodies, course);
  assert.equal(report.new_attempts, want.attempts, JSON.stringify(report));
  assert.equal(report.new_learners, want.learners);

  r = run(library, ['results', 'show', course.id, '--json']);
  assert.equal(r.status, 0, `juntos results show: ${r.stderr}`);
  const shown = JSON.parse(r.stdout);
  assert.equal(shown.course_id, course.id);
  for (const key of ['learners', 'anonymous_learners', 'quiz_takers', 'quiz_passes', 'score_histogram', 'attempts_pt', 'attempts_en', 'total_seconds']) {
    assert.deepEqual(shown[key], want[key], key);
  }
  assert.equal(shown.pass_rate, want.quiz_passes / want.quiz_takers);
  assert.deepEqual(shown.quizzes.map((q) => q.lesson_id), want.quizLessons);
  for (const q of shown.questions) {
    const w = want.questions[`${q.lesson_id}/${q.question_id}`];
    assert.ok(w, `question ${q.question_id}`);
    assert.deepEqual([q.answered, q.right], [w.answered, w.right], q.question_id);
  }
  assert.equal(shown.questions.length, Object.keys(want.questions).length);
  assert.deepEqual(shown.removed_questions, []);

  // The same files again: nothing new, the same dashboard.
  r = run(library, ['results', 'import', ...files, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const again = JSON.parse(r.stdout);
  assert.deepEqual([again.new_attempts, again.new_learners], [0, 0]);
  r = run(library, ['results', 'show', course.id, '--json']);
  assert.deepEqual(JSON.parse(r.stdout), shown);
}
