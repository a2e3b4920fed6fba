/**
 * A learner's results in a course revision, kept in this browser beside
 * the progress, and the results file made of them (issue 17; the format
 * is docs/results-format.md, version 1). Progress (progress.ts) says what
 * is done now; results keep the history a trainer reports on: when each
 * lesson was first opened and completed, the time spent on it while the
 * page was visible, and every quiz submission (the options chosen, right
 * or wrong, the score, its start and end, the language used). Stored as
 * JSON under `juntos.results.<course id>.<revision>.<learner id>`
 * (learners.ts `resultsKeyOf`). No DOM and no hashing here, so it is tested
 * in node (test/results.test.mjs); the checksum is given by the caller.
 */

import { CourseData, Lang, QuestionData, QuizData } from './course-data.js';
import { Learner } from './learners.js';
import { Answers, isRight, scoreQuiz } from './quiz/score.js';
import { KeyValueStore } from './storage.js';

export interface LessonRecord {
  opened_at: string;
  completed_at: string | null;
  /** Visible time spent, milliseconds (the file says seconds). */
  ms: number;
}

export interface AnswerRecord {
  question: string;
  chosen: string[];
  correct: boolean;
}

/** One quiz submission, as the file carries it. */
export interface Attempt {
  id: string;
  lesson: string;
  started_at: string;
  finished_at: string;
  lang: Lang;
  /** Questions right. */
  score: number;
  /** Questions in the quiz. */
  max_score: number;
  passed: boolean;
  answers: AnswerRecord[];
}

export interface LearnerResults {
  lessons: { [lessonId: string]: LessonRecord };
  attempts: Attempt[];
}

export function emptyResults(): LearnerResults {
  return { lessons: {}, attempts: [] };
}

/** A learner's results under `key`, or empty ones when there are none or they are unreadable. */
export function readResults(store: KeyValueStore, key: string): LearnerResults {
  var raw = store.get(key);
  if (!raw) {
    return emptyResults();
  }
  try {
    var r = JSON.parse(raw) as Partial<LearnerResults>;
    return {
      lessons: r.lessons && typeof r.lessons === 'object' ? r.lessons : {},
      attempts: r.attempts instanceof Array ? r.attempts : []
    };
  } catch (e) {
    return emptyResults();
  }
}

export function writeResults(store: KeyValueStore, key: string, results: LearnerResults): void {
  store.set(key, JSON.stringify(results));
}

/** Whether there is anything to report. */
export function hasResults(results: LearnerResults): boolean {
  return results.attempts.length > 0 || Object.keys(results.lessons).length > 0;
}

/** A lesson opened: its first opening is kept. */
export function noteOpened(results: LearnerResults, lessonId: string, now: string): LessonRecord {
  var record = results.lessons[lessonId];
  if (!record) {
    record = results.lessons[lessonId] = { opened_at: now, completed_at: null, ms: 0 };
  }
  return record;
}

/** A lesson completed: its first completion is kept. */
export function noteCompleted(results: LearnerResults, lessonId: string, now: string): void {
  var record = noteOpened(results, lessonId, now);
  if (!record.completed_at) {
    record.completed_at = now;
  }
}

/** Visible time spent on a lesson. */
export function addTime(results: LearnerResults, lessonId: string, ms: number, now: string): void {
  if (ms > 0 && isFinite(ms)) {
    var record = noteOpened(results, lessonId, now);
    record.ms = (record.ms || 0) + Math.round(ms);
  }
}

/** A checked quiz as an attempt (scored by quiz/score.ts, the scoring of the core). */
export function makeAttempt(
  id: string,
  lessonId: string,
  quiz: QuizData,
  answers: Answers,
  startedAt: string,
  finishedAt: string,
  lang: Lang
): Attempt {
  var scored = scoreQuiz(quiz, answers);
  return {
    id: id,
    lesson: lessonId,
    started_at: startedAt,
    finished_at: finishedAt,
    lang: lang,
    score: scored.right,
    max_score: scored.total,
    passed: scored.passed,
    answers: quiz.questions.map(function (q: QuestionData): AnswerRecord {
      var chosen = Object.prototype.hasOwnProperty.call(answers, q.id) ? answers[q.id].slice() : [];
      return { question: q.id, chosen: chosen, correct: isRight(q, chosen) };
    })
  };
}

/** One learner's part of a file. */
export interface LearnerPart {
  learner: Learner;
  results: LearnerResults;
}

export type Scope = 'learner' | 'device';

/** The body of a results file (docs/results-format.md), in the contract's key order. */
export function resultsBody(course: CourseData, device: string, scope: Scope, parts: LearnerPart[], savedAt: string): object {
  var lessons: object[] = [];
  var attempts: object[] = [];
  parts.forEach(function (part: LearnerPart): void {
    var id = part.learner.id;
    Object.keys(part.results.lessons)
      .sort()
      .forEach(function (lessonId: string): void {
        var r = part.results.lessons[lessonId];
        lessons.push({
          learner: id,
          lesson: lessonId,
          opened_at: r.opened_at,
          completed_at: r.completed_at || null,
          seconds: Math.round((r.ms || 0) / 1000)
        });
      });
    part.results.attempts.forEach(function (a: Attempt): void {
      attempts.push({
        id: a.id,
        learner: id,
        lesson: a.lesson,
        started_at: a.started_at,
        finished_at: a.finished_at,
        lang: a.lang,
        score: a.score,
        max_score: a.max_score,
        passed: a.passed,
        answers: a.answers.map(function (x: AnswerRecord): object {
          return { question: x.question, chosen: x.chosen, correct: x.correct };
        })
      });
    });
  });
  return {
    course: { id: course.id, revision: course.revision, slug: course.slug, title: { pt: course.title.pt, en: course.title.en } },
    device: { id: device },
    saved_at: savedAt,
    scope: scope,
    learners: parts.map(function (part: LearnerPart): object {
      var l = part.learner;
      return { id: l.id, name: l.name, group: l.group, created_at: l.created_at };
    }),
    lessons: lessons,
    attempts: attempts
  };
}

/**
 * The file's text: the body's exact JSON text, and the lowercase hex
 * SHA-256 of its UTF-8 bytes (`sha256hex`, given by the caller), in the
 * outer object's fixed key order.
 */
export function resultsFileText(body: object, sha256hex: (text: string) => string): string {
  var text = JSON.stringify(body);
  return '{"format":"juntos-results","version":1,"checksum":"' + sha256hex(text) + '","body":' + text + '}';
}

/** ASCII letters, digits and dashes, for file names: accents folded, the rest a dash. */
export function fileSafe(text: string): string {
  var folded = String(text);
  // String.prototype.normalize is ES2015; old browsers keep the accents' letters out instead.
  var s = folded as unknown as { normalize?: (form: string) => string };
  if (typeof s.normalize === 'function') {
    folded = s.normalize.call(folded, 'NFD').replace(/[\u0300-\u036f]/g, '');
  }
  return folded
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 60);
}

/** `<slug>-<learner name or "dispositivo">-<YYYY-MM-DD>.juntos-results` (the date in UTC). */
export function resultsFileName(slug: string, learnerName: string | null, savedAt: string): string {
  var who = learnerName ? fileSafe(learnerName) : '';
  return (fileSafe(slug) || 'curso') + '-' + (who || 'dispositivo') + '-' + savedAt.slice(0, 10) + '.juntos-results';
}
