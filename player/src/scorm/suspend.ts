/**
 * The learner's progress as `cmi.suspend_data` (a CMIString4096), so that an
 * LMS keeps it between launches. The encoding is in docs/scorm.md:
 *
 *   J1.<structure>.<p|e>.<last lesson, base 36>.<lesson states>.<quiz scores>
 *
 * States: 2 bits a lesson (0 to do, 1 started, 2 completed), three lessons a
 * character of B64. Scores: two B64 characters a quiz lesson, best + 1
 * (0 = never tried). Trailing zeros are left out. Over the limit, the scores
 * of the last quizzes go first (their lessons stay completed), then the
 * states of the last lessons.
 */

import { CourseData, Lang } from '../course-data.js';
import { LessonEntry, Outline } from '../outline.js';
import { emptyProgress, Progress } from '../progress.js';

/** cmi.suspend_data is a CMIString4096. */
export var SUSPEND_LIMIT = 4096;
var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Progress and language read back from suspend_data. */
export interface Restored {
  progress: Progress;
  lang: Lang | null;
}

/**
 * FNV-1a (32 bits) of the course id (the module id for a module's SCO) and
 * its lessons in order (with a mark for a quiz): saved progress applies only
 * to the same lesson structure. Multiplying by the FNV prime with shifts
 * keeps it exact in ES5.
 */
export function structureOf(course: CourseData, outline: Outline): string {
  var text = String(outline.scope ? outline.scope.module.id : course.id);
  outline.lessons.forEach(function (e: LessonEntry): void {
    text += '\n' + e.lesson.id + (e.lesson.quiz ? ':q' : '');
  });
  var h = 0x811c9dc5;
  for (var i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = (h + (h << 1) + (h << 4) + (h << 7) + (h << 8) + (h << 24)) >>> 0;
  }
  return h.toString(36);
}

export function encodeSuspend(outline: Outline, structure: string, progress: Progress, lang: Lang): string {
  var lessons = outline.lessons;
  var states = '';
  for (var i = 0; i < lessons.length; i += 3) {
    var v = 0;
    for (var k = 0; k < 3 && i + k < lessons.length; k++) {
      var id = lessons[i + k].lesson.id;
      v += (progress.done[id] ? 2 : progress.visited[id] ? 1 : 0) << (2 * k);
    }
    states += B64.charAt(v);
  }
  states = states.replace(/A+$/, '');
  var scores = '';
  outline.quizLessons.forEach(function (e: LessonEntry): void {
    var record = progress.quiz[e.lesson.id];
    var best =
      record && typeof record.best === 'number' ? Math.max(0, Math.min(100, Math.floor(record.best))) + 1 : 0;
    scores += B64.charAt(best >> 6) + B64.charAt(best & 63);
  });
  scores = scores.replace(/(AA)+$/, '');
  var last =
    progress.last && outline.lessonById[progress.last] ? outline.lessonById[progress.last].index.toString(36) : '';
  var head = ['J1', structure, lang === 'en' ? 'e' : 'p', last].join('.') + '.';
  var room = SUSPEND_LIMIT - head.length - 1;
  if (states.length > room) {
    states = states.slice(0, room);
  }
  room -= states.length;
  if (scores.length > room) {
    scores = scores.slice(0, room - (room % 2));
  }
  return head + states + '.' + scores;
}

/** The progress in `text`, or null when the text is not ours or is for another structure. */
export function decodeSuspend(outline: Outline, structure: string, text: string): Restored | null {
  var parts = String(text || '').split('.');
  if (parts.length !== 6 || parts[0] !== 'J1' || parts[1] !== structure) {
    return null;
  }
  var lessons = outline.lessons;
  var progress = emptyProgress();
  lessons.forEach(function (e: LessonEntry, i: number): void {
    var c = B64.indexOf(parts[4].charAt(Math.floor(i / 3)));
    var code = c < 0 ? 0 : (c >> (2 * (i % 3))) & 3;
    if (code >= 1) {
      progress.visited[e.lesson.id] = true;
    }
    if (code === 2) {
      progress.done[e.lesson.id] = true;
    }
  });
  outline.quizLessons.forEach(function (e: LessonEntry, q: number): void {
    var id = e.lesson.id;
    var hi = B64.indexOf(parts[5].charAt(2 * q));
    var lo = B64.indexOf(parts[5].charAt(2 * q + 1));
    var value = hi < 0 || lo < 0 ? 0 : hi * 64 + lo;
    if (value > 0) {
      progress.quiz[id] = { best: Math.min(100, value - 1), passed: !!progress.done[id], attempts: 1 };
    } else if (progress.done[id] && e.lesson.quiz) {
      // Passed, but its score did not fit: it was at least the pass mark.
      progress.quiz[id] = { best: e.lesson.quiz.pass_mark, passed: true, attempts: 1 };
    }
  });
  var last = parseInt(parts[3], 36);
  if (parts[3] && last >= 0 && last < lessons.length) {
    progress.last = lessons[last].lesson.id;
  }
  return { progress: progress, lang: parts[2] === 'e' ? 'en' : parts[2] === 'p' ? 'pt' : null };
}
