/**
 * The language a visit starts in: the one saved in the LMS, else the one
 * the learner chose last in this browser, else the browser's languages
 * (`pt-MZ`, `pt-BR`, `pt-PT` → `pt`; `en-*` → `en`), else the course's
 * source language — always one the package carries.
 */

import { Lang } from './course-data.js';

export interface LanguageHints {
  /** What the package carries (never empty). */
  languages: Lang[];
  /** Saved with the progress in an LMS. */
  fromLms: string | null;
  /** Saved in this browser (`juntos.lang`). */
  saved: string | null;
  /** The browser's languages, most wanted first. */
  wanted: ReadonlyArray<string>;
  sourceLang: Lang;
}

export function initialLanguage(hints: LanguageHints): Lang {
  var languages = hints.languages as string[];
  if (hints.fromLms && languages.indexOf(hints.fromLms) >= 0) {
    return hints.fromLms as Lang;
  }
  if (hints.saved && languages.indexOf(hints.saved) >= 0) {
    return hints.saved as Lang;
  }
  for (var i = 0; i < hints.wanted.length; i++) {
    var primary = String(hints.wanted[i] || '').toLowerCase().split(/[-_]/)[0];
    if (languages.indexOf(primary) >= 0) {
      return primary as Lang;
    }
  }
  return languages.indexOf(hints.sourceLang) >= 0 ? hints.sourceLang : hints.languages[0];
}

/** The browser's languages, as `navigator` tells them. */
export function browserLanguages(): ReadonlyArray<string> {
  return navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
}
