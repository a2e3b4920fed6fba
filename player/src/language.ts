/**
 * The language a visit starts in. A course opens in its source language
 * unless the learner chose otherwise: the browser's language says nothing
 * about the course (a Portuguese course on an English-language laptop is
 * still a Portuguese course). The choice is kept per course (and, in an
 * LMS, per learner), so every module of a course in an LMS, each a SCO of
 * its own, opens in the language chosen last in any of them.
 */

import { Lang } from './course-data.js';

export interface LanguageHints {
  /** What the package carries (never empty). */
  languages: Lang[];
  /** Chosen last for this course in this browser (see `languageKey`). */
  saved: string | null;
  /** Saved with this SCO's progress in an LMS. */
  fromLms: string | null;
  sourceLang: Lang;
}

/** The latest choice for the course, else this SCO's saved one, else the source language. */
export function initialLanguage(hints: LanguageHints): Lang {
  var languages = hints.languages as string[];
  var candidates = [hints.saved, hints.fromLms, hints.sourceLang];
  for (var i = 0; i < candidates.length; i++) {
    var lang = candidates[i];
    if (lang && languages.indexOf(lang) >= 0) {
      return lang as Lang;
    }
  }
  return hints.languages[0];
}

/**
 * Where the choice is kept in `localStorage`: per course, shared by all its
 * modules; in an LMS also per learner, so that on a shared computer one
 * learner's choice is not another's.
 */
export function languageKey(courseId: string, learner: string | null): string {
  return 'juntos.lang.' + courseId + (learner ? '.' + learner : '');
}
