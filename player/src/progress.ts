/**
 * A learner's progress through the course: which lessons were opened and
 * completed, the quiz records, and the last lesson. Standalone it is kept in
 * localStorage under `juntos.progress.<course id>.<revision>` (a new
 * revision starts afresh, since lessons may have changed); in an LMS it is
 * the LMS's (see scorm/session.ts). The rules live here, the storing there.
 */

import { CourseData } from './course-data.js';
import { KeyValueStore } from './storage.js';

/** The record of a lesson's quiz. */
export interface QuizRecord {
  /** Best score, percent. */
  best: number;
  /** Score of the last attempt, percent (not kept by an LMS). */
  last?: number;
  passed: boolean;
  attempts: number;
}

export interface Progress {
  /** Lesson ids opened at least once. */
  visited: { [lessonId: string]: boolean };
  /** Lesson ids completed: opened (no quiz) or quiz passed. */
  done: { [lessonId: string]: boolean };
  quiz: { [lessonId: string]: QuizRecord };
  /** The lesson opened last. */
  last: string | null;
  /** Ticked task-list items, per lesson, by position (kept in this browser only). */
  tasks?: { [lessonId: string]: { [position: string]: boolean } };
}

/** A lesson's state in lists: completed, started, or still to do. */
export type LessonStatus = 'done' | 'visited' | 'todo';

export function emptyProgress(): Progress {
  return { visited: {}, done: {}, quiz: {}, last: null };
}

/** Where a course's progress is kept in the browser. */
export function progressKey(course: CourseData): string {
  return 'juntos.progress.' + course.id + '.' + course.revision;
}

/** The saved progress under `key`, or an empty one when there is none or it is unreadable. */
export function readProgress(store: KeyValueStore, key: string): Progress {
  var empty = emptyProgress();
  var raw = store.get(key);
  if (!raw) {
    return empty;
  }
  try {
    var p = JSON.parse(raw) as Partial<Progress>;
    return {
      visited: p.visited || {},
      done: p.done || {},
      quiz: p.quiz || {},
      last: p.last || null,
      tasks: p.tasks && typeof p.tasks === 'object' ? p.tasks : {}
    };
  } catch (e) {
    return empty;
  }
}

export function writeProgress(store: KeyValueStore, key: string, progress: Progress): void {
  store.set(key, JSON.stringify(progress));
}

export function lessonStatus(progress: Progress, lessonId: string): LessonStatus {
  if (progress.done[lessonId]) {
    return 'done';
  }
  return progress.visited[lessonId] ? 'visited' : 'todo';
}

/**
 * Opening a lesson: it is started and the last one; without a quiz it is
 * also completed.
 */
export function markOpened(progress: Progress, lessonId: string, hasQuiz: boolean): void {
  progress.visited[lessonId] = true;
  progress.last = lessonId;
  if (!hasQuiz) {
    progress.done[lessonId] = true;
  }
}

/** A checked quiz: the best score is kept, and passing completes the lesson. */
export function recordQuizAttempt(progress: Progress, lessonId: string, score: number, passed: boolean): void {
  var before = progress.quiz[lessonId] || { best: 0, passed: false, attempts: 0 };
  progress.quiz[lessonId] = {
    best: Math.max(before.best || 0, score),
    last: score,
    passed: !!before.passed || passed,
    attempts: (before.attempts || 0) + 1
  };
  if (passed) {
    progress.done[lessonId] = true;
  }
}
