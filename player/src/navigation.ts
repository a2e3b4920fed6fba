/**
 * Pages and moving between them. The route is in the hash (`#/`,
 * `#/lesson/<id>`, `#/module/<id>`, `#/done`) because a path would need a
 * server: on a disk it is a missing file, and a reload keeps the page.
 * Changing language or facilitator mode re-renders in place, keeping the
 * scroll position and each video's place.
 */

import { mediaTimes, MediaTimes } from './captions.js';
import { Player, pick, Route, saveProgress, scoped, t } from './context.js';
import { Lang } from './course-data.js';
import { clear } from './dom.js';
import { focusMain, renderToc, setTocOpen, Shell, updateShell } from './shell.js';
import { FACILITATOR_KEY } from './storage.js';
import { renderDone, renderMissing } from './views/done.js';
import { renderHandout } from './views/handout.js';
import { renderHome } from './views/home.js';
import { renderLesson } from './views/lesson.js';
import { showing } from './learning.js';

/** The page named by a hash. */
export function parseRoute(hash: string): Route {
  var m = /^#\/(lesson|module|done)(?:\/([\w-]+))?$/.exec(hash);
  if (!m) {
    return { kind: hash.indexOf('#/') === 0 && hash !== '#/' ? 'missing' : 'home' };
  }
  return { kind: m[1] as Route['kind'], id: m[2] || null };
}

/** Renders `p.state.view` into the shell's main; `moveFocus` after a navigation. */
export function render(p: Player, shell: Shell, times: MediaTimes | null, moveFocus: boolean): void {
  var view = p.state.view || { kind: 'home' };
  var main = shell.main;
  var outline = p.outline;
  clear(main);
  main.className = 'content view-' + view.kind;
  var title = pick(p, p.course.title).text;
  var lesson = view.kind === 'lesson' && view.id ? outline.lessonById[view.id] : undefined;
  var module = view.kind === 'module' && view.id ? outline.moduleById[view.id] : undefined;
  if (lesson) {
    renderLesson(p, main, lesson, times, function (): void {
      renderToc(p, shell);
    });
    document.title = pick(p, lesson.lesson.title).text + ' · ' + title;
  } else if (module) {
    renderHandout(p, main, module);
    document.title = t(p, 'handoutOf', { title: pick(p, module.module.title).text }) + ' · ' + title;
  } else if (view.kind === 'done') {
    renderDone(p, main);
    document.title = scoped(p, 'doneTitle', 'moduleDoneTitle') + ' · ' + title;
  } else if (view.kind === 'home') {
    renderHome(p, main);
    document.title = outline.scope ? pick(p, outline.scope.module.title).text + ' · ' + title : title;
  } else {
    renderMissing(p, main);
    document.title = title;
  }
  renderToc(p, shell);
  // Visible time counts on the lesson shown (learning.ts, timing.ts).
  showing(p, lesson ? lesson.lesson.id : null);
  if (moveFocus) {
    focusMain(shell);
  }
}

/** A change of the hash: a new page, unless it is an in-page anchor. */
export function onRoute(p: Player, shell: Shell): void {
  var hash = window.location.hash || '';
  if (hash && hash.indexOf('#/') !== 0 && hash !== '#') {
    // An in-page anchor (a footnote, the skip link): not a page of its own.
    return;
  }
  p.state.view = parseRoute(hash);
  setTocOpen(shell, false);
  render(p, shell, null, true);
  window.scrollTo(0, 0);
}

/** Re-renders the page in place after a change of language or mode. */
function rerender(p: Player, shell: Shell): void {
  var times = mediaTimes();
  var scroll = window.pageYOffset;
  updateShell(p, shell);
  render(p, shell, times, false);
  window.scrollTo(0, scroll);
}

export function setLanguage(p: Player, shell: Shell, lang: Lang): void {
  if (lang === p.state.lang || p.languages.indexOf(lang) < 0) {
    return;
  }
  p.state.lang = lang;
  p.storage.set(p.langKey, lang);
  if (p.lms) {
    saveProgress(p);
  }
  rerender(p, shell);
}

/** Another learner took over (learning.ts `switchLearner`): their progress, in place. */
export function learnerChanged(p: Player, shell: Shell): void {
  rerender(p, shell);
}

export function setFacilitator(p: Player, shell: Shell, on: boolean): void {
  p.state.facilitator = on;
  p.storage.set(FACILITATOR_KEY, on ? '1' : '0');
  rerender(p, shell);
}
