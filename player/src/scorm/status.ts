/**
 * What the player reports to an LMS besides suspend_data: the lesson
 * status, the score and the session time (SCORM 1.2 vocabulary).
 */

import { LessonEntry, Outline } from '../outline.js';
import { Progress } from '../progress.js';

export type LessonStatusValue = 'passed' | 'completed' | 'failed' | 'incomplete';

/** How far each cmi.core.lesson_status is: a status is never lowered. */
export var STATUS_RANK: { [status: string]: number } = {
  '': 0,
  'not attempted': 0,
  browsed: 1,
  incomplete: 1,
  failed: 2,
  completed: 3,
  passed: 4
};

/**
 * completed: every lesson done and no quiz. With quizzes: passed when every
 * lesson is done (a quiz lesson is done when its quiz is passed); failed when
 * every quiz was tried and one is not passed; else incomplete.
 */
export function courseStatus(outline: Outline, progress: Progress): LessonStatusValue {
  var allDone = outline.lessons.every(function (e: LessonEntry): boolean {
    return !!progress.done[e.lesson.id];
  });
  if (!outline.quizLessons.length) {
    return allDone ? 'completed' : 'incomplete';
  }
  if (allDone) {
    return 'passed';
  }
  var tried = outline.quizLessons.every(function (e: LessonEntry): boolean {
    return !!progress.quiz[e.lesson.id];
  });
  var notPassed = outline.quizLessons.some(function (e: LessonEntry): boolean {
    return !progress.done[e.lesson.id];
  });
  return tried && notPassed ? 'failed' : 'incomplete';
}

/**
 * The mean of the best scores of all quizzes (0 for one never tried), in
 * percent; null before the first try or in a course with no quiz.
 */
export function courseScore(outline: Outline, progress: Progress): number | null {
  var sum = 0;
  var tried = false;
  outline.quizLessons.forEach(function (e: LessonEntry): void {
    var record = progress.quiz[e.lesson.id];
    if (record) {
      tried = true;
      sum += record.best || 0;
    }
  });
  return tried ? Math.floor(sum / outline.quizLessons.length) : null;
}

/** A duration as a SCORM 1.2 CMITimespan, HHHH:MM:SS.SS. */
export function timespan(ms: number): string {
  var s = Math.max(0, Math.floor(ms / 10)) / 100;
  var pad = function (n: number | string, width: number): string {
    var text = String(n);
    while (text.length < width) {
      text = '0' + text;
    }
    return text;
  };
  var hours = Math.min(9999, Math.floor(s / 3600));
  var minutes = Math.floor((s % 3600) / 60);
  var seconds = (s % 60).toFixed(2);
  return pad(hours, 4) + ':' + pad(minutes, 2) + ':' + pad(seconds, 5);
}
