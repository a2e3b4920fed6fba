/**
 * The frame around every page: skip link, top bar (course title, contents
 * button, language switch, facilitator mode), the table of contents and the
 * footer. Built once; `updateShell` refreshes its words and states.
 */

import { Player, pick, scoped, t, textEl } from './context.js';
import { Lang } from './course-data.js';
import { bar, clear, el } from './dom.js';
import { LessonEntry, ShownModule } from './outline.js';
import { lessonStatus, LessonStatus } from './progress.js';
import { LANG_NAMES, WordKey } from './words.js';
import { learnerBar } from './views/learners.js';
import { canDownload } from './save.js';

export interface Shell {
  skip: HTMLElement;
  homeLink: HTMLElement;
  courseTitle: HTMLElement;
  tocButton: HTMLElement;
  langGroup: HTMLElement;
  langButtons: { [lang: string]: HTMLElement };
  facilitatorButton: HTMLElement;
  toc: HTMLElement;
  main: HTMLElement;
  footer: HTMLElement;
  /** Learners and results (issue 17): the buttons' actions, and where saving is announced. */
  actions: ShellActions;
  saveStatus: HTMLElement;
}

/** What the shell's own buttons ask for. */
export interface ShellActions {
  setLanguage(lang: Lang): void;
  toggleFacilitator(): void;
  /** "Someone else" (from `button`, where focus returns). */
  someoneElse(button: HTMLElement): void;
  /** "Save my results" / "Collect this computer's results". */
  saveResults(scope: 'learner' | 'device'): void;
}

/** `#/kind/id`: the hash of a page. */
export function href(kind: string, id?: string): string {
  return '#/' + kind + (id ? '/' + id : '');
}

/** The hidden words after a lesson in lists: "(completed)" and the like. */
export function statusWord(status: LessonStatus): WordKey {
  return status === 'done' ? 'completed' : status === 'visited' ? 'visited' : 'notStarted';
}

/** Lessons of `list` that are completed. */
export function doneCount(p: Player, ids: string[]): number {
  return ids.filter(function (id: string): boolean {
    return !!p.state.progress.done[id];
  }).length;
}

/** The ids of the shown lessons. */
export function shownLessonIds(p: Player): string[] {
  return p.outline.lessons.map(function (e: LessonEntry): string {
    return e.lesson.id;
  });
}

export function buildShell(p: Player, app: HTMLElement, actions: ShellActions): Shell {
  clear(app);
  var skip = el('a', { className: 'skip', href: '#main' });
  var homeLink = el('a', { className: 'brand', href: href('') });
  var courseTitle = el('span', { className: 'brand-title' });
  homeLink.appendChild(courseTitle);
  var tocButton = el('button', {
    type: 'button',
    className: 'tool toc-toggle',
    'aria-expanded': 'false',
    'aria-controls': 'toc'
  });
  var langGroup = el('div', { className: 'langs', role: 'group' });
  var langButtons: { [lang: string]: HTMLElement } = {};
  if (p.languages.length > 1) {
    p.languages.forEach(function (lang: Lang): void {
      var b = el('button', {
        type: 'button',
        className: 'tool lang',
        lang: lang,
        'data-lang': lang,
        title: LANG_NAMES[lang],
        text: lang.toUpperCase()
      });
      // The accessible name starts with the visible text (WCAG 2.5.3).
      b.setAttribute('aria-label', lang.toUpperCase() + ', ' + LANG_NAMES[lang]);
      b.addEventListener('click', function (): void {
        actions.setLanguage(lang);
      });
      langButtons[lang] = b;
      langGroup.appendChild(b);
    });
  }
  var facilitatorButton = el('button', {
    type: 'button',
    className: 'tool facilitator-toggle',
    'aria-pressed': 'false'
  });
  facilitatorButton.addEventListener('click', function (): void {
    actions.toggleFacilitator();
  });
  var shell: Shell = {
    skip: skip,
    homeLink: homeLink,
    courseTitle: courseTitle,
    tocButton: tocButton,
    langGroup: langGroup,
    langButtons: langButtons,
    facilitatorButton: facilitatorButton,
    toc: el('nav', { id: 'toc', className: 'toc' }),
    main: el('main', { id: 'main', className: 'content', tabindex: '-1' }),
    footer: el('footer', { className: 'footer' }),
    actions: actions,
    saveStatus: el('p', { className: 'save-status', role: 'status' })
  };
  skip.addEventListener('click', function (event: Event): void {
    event.preventDefault();
    focusMain(shell);
  });
  tocButton.addEventListener('click', function (): void {
    setTocOpen(shell, tocButton.getAttribute('aria-expanded') !== 'true');
  });

  var header = el('header', { className: 'topbar' }, [
    el('div', { className: 'topbar-inner' }, [
      homeLink,
      el('div', { className: 'tools' }, [tocButton, langGroup, facilitatorButton])
    ])
  ]);
  app.appendChild(skip);
  app.appendChild(header);
  app.appendChild(el('div', { className: 'layout' }, [shell.toc, el('div', { className: 'page' }, [shell.main, shell.footer])]));
  app.className = 'ready';
  return shell;
}

/** The shell's words, language and states, after a change of language or mode. */
export function updateShell(p: Player, shell: Shell): void {
  document.documentElement.setAttribute('lang', p.state.lang);
  document.body.classList.toggle('facilitator', p.state.facilitator);
  shell.skip.textContent = t(p, 'skip');
  var title = pick(p, p.course.title);
  shell.courseTitle.textContent = title.text;
  shell.courseTitle.setAttribute('lang', title.lang);
  shell.homeLink.setAttribute('title', scoped(p, 'home', 'moduleHome'));
  shell.tocButton.textContent = t(p, 'contents');
  shell.langGroup.setAttribute('aria-label', t(p, 'language'));
  Object.keys(shell.langButtons).forEach(function (lang: string): void {
    shell.langButtons[lang].setAttribute('aria-pressed', lang === p.state.lang ? 'true' : 'false');
  });
  shell.facilitatorButton.textContent = t(p, 'facilitator');
  shell.facilitatorButton.setAttribute('title', t(p, 'facilitatorLong'));
  shell.facilitatorButton.setAttribute('aria-pressed', p.state.facilitator ? 'true' : 'false');
  shell.toc.setAttribute('aria-label', scoped(p, 'contentsNav', 'moduleContentsNav'));
  renderToc(p, shell);
  renderFooter(p, shell);
}

/** Opens or closes the contents drawer (narrow screens); opening focuses the current lesson. */
export function setTocOpen(shell: Shell, open: boolean): void {
  shell.tocButton.setAttribute('aria-expanded', open ? 'true' : 'false');
  shell.toc.classList.toggle('open', open);
  if (open) {
    var current = (shell.toc.querySelector('[aria-current="page"]') || shell.toc.querySelector('a')) as HTMLElement | null;
    if (current) {
      current.focus();
    }
  }
}

/** The table of contents: progress, then every shown module and its lessons with their states. */
export function renderToc(p: Player, shell: Shell): void {
  clear(shell.toc);
  var view = p.state.view;
  var current = view && view.kind === 'lesson' ? view.id : null;
  var list = el('ol', { className: 'toc-modules' });
  p.outline.modules.forEach(function (found: ShownModule): void {
    var module = found.module;
    var items = el('ol', { className: 'toc-lessons' });
    module.lessons.forEach(function (lesson): void {
      var status = lessonStatus(p.state.progress, lesson.id);
      var link = el('a', { href: href('lesson', lesson.id), className: 'toc-link status-' + status }, [
        el('span', { className: 'status-dot', 'aria-hidden': 'true' }),
        textEl(p, 'span', lesson.title, { className: 'toc-title' }),
        el('span', { className: 'sr-only', text: ' (' + t(p, statusWord(status)) + ')' })
      ]);
      if (lesson.id === current) {
        link.setAttribute('aria-current', 'page');
      }
      items.appendChild(el('li', null, [link]));
    });
    var head = el('div', { className: 'toc-module' }, [
      el('span', { className: 'toc-module-n', text: t(p, 'moduleN', { n: found.index + 1 }) }),
      textEl(p, 'span', module.title, { className: 'toc-module-title' })
    ]);
    list.appendChild(el('li', null, [head, items]));
  });
  var total = p.outline.lessons.length;
  var done = doneCount(p, shownLessonIds(p));
  shell.toc.appendChild(
    el('div', { className: 'toc-progress' }, [
      el('span', { text: t(p, 'progress', { done: done, total: total }) }),
      bar(done, total, t(p, 'progress', { done: done, total: total }))
    ])
  );
  shell.toc.appendChild(list);
}

function renderFooter(p: Player, shell: Shell): void {
  clear(shell.footer);
  var parts = [t(p, 'madeWith')];
  if (p.course.organisation) {
    parts.unshift(p.course.organisation);
  }
  if (p.course.licence) {
    parts.push(t(p, 'licence') + ': ' + p.course.licence);
  }
  var learners = learnerBar(p, canDownload(), { someoneElse: shell.actions.someoneElse, save: shell.actions.saveResults }, shell.saveStatus);
  if (learners) {
    shell.footer.appendChild(learners);
  }
  shell.footer.appendChild(el('p', { text: parts.join(' · ') }));
  if (!p.storage.persistent && !p.lms) {
    shell.footer.appendChild(el('p', { className: 'storage-note', text: t(p, 'noStorage') }));
  }
}

/** Focus to the page's heading (screen readers announce the new page), else to main. */
export function focusMain(shell: Shell): void {
  var heading = shell.main.querySelector('h1');
  var target: HTMLElement = heading || shell.main;
  if (!target.hasAttribute('tabindex')) {
    target.setAttribute('tabindex', '-1');
  }
  target.focus({ preventScroll: true });
}
