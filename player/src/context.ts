/**
 * The running player: the course, what is shown of it, where progress goes,
 * and the learner's state (language, facilitator mode, progress, quiz
 * drafts, the page shown). Views receive it; only navigation.ts and the
 * views' own event handlers change it.
 */

import { CourseData, Lang, Texts } from './course-data.js';
import { Outline } from './outline.js';
import { Answers } from './quiz/score.js';
import { LmsSession } from './scorm/session.js';
import { KeyValueStore } from './storage.js';
import { Learning } from './learning.js';
import { Attrs, el } from './dom.js';
import { Progress, writeProgress } from './progress.js';
import { translate, WordKey, WordValues } from './words.js';

/** A page of the player, from the hash: `#/`, `#/lesson/<id>`, `#/module/<id>`, `#/done`. */
export interface Route {
  kind: 'home' | 'lesson' | 'module' | 'done' | 'missing';
  id?: string | null;
}

/** A quiz being answered: kept across re-renders (a language switch) of its lesson. */
export interface QuizDraft {
  answers: Answers;
  checked: boolean;
  /** When the first answer was chosen since the last check (results.ts attempts). */
  started_at?: string;
}

export interface PlayerState {
  lang: Lang;
  facilitator: boolean;
  progress: Progress;
  drafts: { [lessonId: string]: QuizDraft };
  view: Route | null;
}

/** A text chosen from a bilingual one: the language it is in, and whether that is the other one. */
export interface Picked {
  text: string;
  lang: Lang;
  fallback: boolean;
}

export interface Player {
  course: CourseData;
  outline: Outline;
  /** The languages the package carries (the switch offers them). */
  languages: Lang[];
  storage: KeyValueStore;
  /** The SCORM session when an LMS launched the player, else null. */
  lms: LmsSession | null;
  /** Where progress is kept in this browser when there is no LMS. */
  progressKey: string;
  /** Where the chosen language is kept (per course; per learner in an LMS). */
  langKey: string;
  /** Standalone: who is learning and their results (learning.ts); null in an LMS. */
  learning: Learning | null;
  state: PlayerState;
}

export function otherLang(lang: Lang): Lang {
  return lang === 'pt' ? 'en' : 'pt';
}

/** The player's word `key` in the current language. */
export function t(p: Player, key: WordKey, values?: WordValues): string {
  return translate(p.state.lang, key, values);
}

/** The word for the course, or for the module when this is a module's SCO. */
export function scoped(p: Player, courseKey: WordKey, moduleKey: WordKey, values?: WordValues): string {
  return t(p, p.outline.scope ? moduleKey : courseKey, values);
}

/** A bilingual text in the current language, else the other one (and which it is). */
export function pick(p: Player, texts: Texts | null | undefined): Picked {
  var lang = p.state.lang;
  var other = otherLang(lang);
  if (texts && texts[lang] && String(texts[lang]).trim()) {
    return { text: texts[lang], lang: lang, fallback: false };
  }
  if (texts && texts[other] && String(texts[other]).trim()) {
    return { text: texts[other], lang: other, fallback: true };
  }
  return { text: '', lang: lang, fallback: false };
}

/** A text element in the current language, marked with its real language when it falls back. */
export function textEl(p: Player, tag: string, texts: Texts | null | undefined, attrs?: Attrs): HTMLElement {
  var chosen = pick(p, texts);
  var node = el(tag, attrs, [chosen.text]);
  if (chosen.lang !== p.state.lang) {
    node.setAttribute('lang', chosen.lang);
  }
  return node;
}

/** Keeps the progress: in the LMS when there is one, else in this browser. */
export function saveProgress(p: Player): void {
  if (p.lms) {
    p.lms.save(p.state.progress, p.state.lang);
    return;
  }
  writeProgress(p.storage, p.progressKey, p.state.progress);
}
