/**
 * What the player shows of the course: every module, or, when an LMS
 * launched it as one module's SCO (`?module=<id>`, see docs/scorm.md), that
 * module only. Lessons are numbered in that order, for the pager, the
 * contents, progress and the SCORM encoding.
 */

import { CourseData, LessonData, ModuleData } from './course-data.js';

/** A module and its position in the whole course (for "Module 2"). */
export interface ShownModule {
  module: ModuleData;
  index: number;
}

/** A shown lesson, with where it sits. */
export interface LessonEntry {
  lesson: LessonData;
  module: ModuleData;
  moduleIndex: number;
  indexInModule: number;
  /** Position among the shown lessons. */
  index: number;
}

export interface Outline {
  /** The module of a module's SCO, else null (the whole course). */
  scope: ShownModule | null;
  modules: ShownModule[];
  lessons: LessonEntry[];
  /** The shown lessons that have a quiz, in order. */
  quizLessons: LessonEntry[];
  lessonById: { [id: string]: LessonEntry };
  moduleById: { [id: string]: ShownModule };
}

/**
 * The value of ?module= in the launch URL's query (an LMS appends the
 * manifest item's parameters to it) when it names a module with lessons;
 * else null.
 */
export function launchedModule(course: CourseData, search: string): ShownModule | null {
  var id = launchParameter(search, 'module');
  if (id === null) {
    return null;
  }
  for (var m = 0; m < course.modules.length; m++) {
    if (course.modules[m].id === id && course.modules[m].lessons.length) {
      return { module: course.modules[m], index: m };
    }
  }
  return null;
}

/** The first value of `name` in a launch URL's query, decoded; null when absent or undecodable. */
export function launchParameter(search: string, name: string): string | null {
  var pairs = String(search || '').replace(/^\?/, '').split('&');
  for (var i = 0; i < pairs.length; i++) {
    var kv = pairs[i].split('=');
    if (kv.shift() !== name || !kv.length) {
      continue;
    }
    try {
      return decodeURIComponent(kv.join('=').replace(/\+/g, ' '));
    } catch (e) {
      return null;
    }
  }
  return null;
}

/** The outline of `course`, limited to `scope` when it is given. */
export function makeOutline(course: CourseData, scope: ShownModule | null): Outline {
  var modules: ShownModule[] = scope
    ? [scope]
    : course.modules.map(function (module: ModuleData, m: number): ShownModule {
        return { module: module, index: m };
      });
  var lessons: LessonEntry[] = [];
  var lessonById: { [id: string]: LessonEntry } = {};
  var moduleById: { [id: string]: ShownModule } = {};
  modules.forEach(function (found: ShownModule): void {
    moduleById[found.module.id] = found;
    found.module.lessons.forEach(function (lesson: LessonData, l: number): void {
      var entry: LessonEntry = {
        lesson: lesson,
        module: found.module,
        moduleIndex: found.index,
        indexInModule: l,
        index: lessons.length
      };
      lessons.push(entry);
      lessonById[lesson.id] = entry;
    });
  });
  return {
    scope: scope,
    modules: modules,
    lessons: lessons,
    quizLessons: lessons.filter(function (e: LessonEntry): boolean {
      return !!e.lesson.quiz;
    }),
    lessonById: lessonById,
    moduleById: moduleById
  };
}

/** Whether `scope` is the course's last module with lessons. */
export function isLastModule(course: CourseData, scope: ShownModule): boolean {
  for (var m = scope.index + 1; m < course.modules.length; m++) {
    if (course.modules[m].lessons.length) {
      return false;
    }
  }
  return true;
}
