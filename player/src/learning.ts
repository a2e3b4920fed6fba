/**
 * The learner using the player and their results, standalone (never in an
 * LMS, where the learner and the results are the LMS's). Glues learners.ts
 * (who), results.ts (what is kept) and timing.ts (visible time) to the
 * player: the views call these when a lesson opens and a quiz is checked,
 * the shell when someone else takes over.
 */

import { Player, QuizDraft } from './context.js';
import { LessonData, QuizData } from './course-data.js';
import {
  currentLearner,
  Learner,
  listLearners,
  nowIso,
  progressKeyOf,
  randomHex32,
  resultsKeyOf,
  setCurrentLearner
} from './learners.js';
import { readProgress } from './progress.js';
import {
  addTime,
  hasResults,
  LearnerPart,
  LearnerResults,
  makeAttempt,
  noteCompleted,
  noteOpened,
  readResults,
  Scope,
  writeResults
} from './results.js';
import { KeyValueStore } from './storage.js';
import { LessonClock, startClock } from './timing.js';

export interface Learning {
  learner: Learner;
  resultsKey: string;
  results: LearnerResults;
  clock: LessonClock | null;
}

/** The current learner of this device and their results in this course revision. */
export function openLearning(store: KeyValueStore, courseId: string, revision: number): Learning {
  var learner = currentLearner(store);
  var key = resultsKeyOf(learner.id, courseId, revision);
  return { learner: learner, resultsKey: key, results: readResults(store, key), clock: null };
}

/** Starts counting visible time on lessons for whoever is the learner then. */
export function startLessonClock(p: Player): void {
  var learning = p.learning;
  if (!learning) {
    return;
  }
  learning.clock = startClock(function (lessonId: string, ms: number): void {
    var now = p.learning;
    if (now) {
      addTime(now.results, lessonId, ms, nowIso());
      writeResults(p.storage, now.resultsKey, now.results);
    }
  });
}

/** The page shown changed: the lesson's id, or null for other pages. */
export function showing(p: Player, lessonId: string | null): void {
  if (p.learning && p.learning.clock) {
    p.learning.clock.enter(lessonId);
  }
}

/** A lesson was opened (and maybe thereby completed): kept after the progress was updated. */
export function lessonOpened(p: Player, lessonId: string): void {
  var learning = p.learning;
  if (!learning) {
    return;
  }
  var now = nowIso();
  noteOpened(learning.results, lessonId, now);
  if (p.state.progress.done[lessonId]) {
    noteCompleted(learning.results, lessonId, now);
  }
  writeResults(p.storage, learning.resultsKey, learning.results);
}

/** A quiz is being answered: when it started (the first answer chosen since the last check). */
export function quizTouched(draft: QuizDraft): void {
  if (!draft.started_at) {
    draft.started_at = nowIso();
  }
}

/** A checked quiz: kept as an attempt, after the progress was updated. */
export function quizChecked(p: Player, lesson: LessonData, quiz: QuizData, draft: QuizDraft): void {
  var learning = p.learning;
  if (!learning) {
    return;
  }
  var now = nowIso();
  var attempt = makeAttempt(randomHex32(), lesson.id, quiz, draft.answers, draft.started_at || now, now, p.state.lang);
  learning.results.attempts.push(attempt);
  noteOpened(learning.results, lesson.id, now);
  if (p.state.progress.done[lesson.id]) {
    noteCompleted(learning.results, lesson.id, now);
  }
  draft.started_at = undefined;
  writeResults(p.storage, learning.resultsKey, learning.results);
}

/** Someone else takes over: their progress, results and quiz drafts from now on. */
export function switchLearner(p: Player, learner: Learner): void {
  var learning = p.learning;
  if (!learning) {
    return;
  }
  if (learning.clock) {
    learning.clock.flush();
  }
  setCurrentLearner(p.storage, learner.id);
  learning.learner = learner;
  learning.resultsKey = resultsKeyOf(learner.id, p.course.id, p.course.revision);
  learning.results = readResults(p.storage, learning.resultsKey);
  p.progressKey = progressKeyOf(learner, p.course.id, p.course.revision);
  p.state.progress = readProgress(p.storage, p.progressKey);
  p.state.drafts = {};
}

/** The learners a file of `scope` carries: the current one, or every one with results here. */
export function partsFor(p: Player, scope: Scope): LearnerPart[] {
  var learning = p.learning;
  if (!learning) {
    return [];
  }
  if (learning.clock) {
    learning.clock.flush();
  }
  if (scope === 'learner') {
    return [{ learner: learning.learner, results: learning.results }];
  }
  var parts: LearnerPart[] = [];
  var current = learning;
  listLearners(p.storage).forEach(function (learner: Learner): void {
    var results =
      learner.id === current.learner.id
        ? current.results
        : readResults(p.storage, resultsKeyOf(learner.id, p.course.id, p.course.revision));
    if (hasResults(results)) {
      parts.push({ learner: learner, results: results });
    }
  });
  return parts;
}
