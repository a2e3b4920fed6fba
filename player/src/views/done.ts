/**
 * `#/done`: congratulations and the quiz results, or the lessons still to
 * do; standalone, "Erase my progress" starts again (in an LMS, attempts are
 * the LMS's to start again). For a module's SCO, the next module is the
 * LMS's to open, and the page says so.
 */

import { Player, pick, scoped, t, textEl } from '../context.js';
import { el } from '../dom.js';
import { isLastModule, LessonEntry } from '../outline.js';
import { emptyProgress, lessonStatus } from '../progress.js';
import { href } from '../shell.js';

export function renderDone(p: Player, main: HTMLElement): void {
  var lessons = p.outline.lessons;
  var scope = p.outline.scope;
  var missing = lessons.filter(function (e: LessonEntry): boolean {
    return !p.state.progress.done[e.lesson.id];
  });
  var box = el('section', { className: 'done ' + (missing.length ? 'not-yet' : 'complete') });
  if (!missing.length && scope) {
    box.appendChild(el('div', { className: 'done-mark', 'aria-hidden': 'true', text: '✓' }));
    box.appendChild(el('h1', { text: t(p, 'moduleDoneTitle') }));
    box.appendChild(el('p', { className: 'lead', text: t(p, 'moduleDoneText', { title: pick(p, scope.module.title).text }) }));
    box.appendChild(
      el('p', {
        className: 'next-module',
        text: isLastModule(p.course, scope)
          ? t(p, 'moduleDoneLast', { title: pick(p, p.course.title).text })
          : t(p, 'moduleDoneNext')
      })
    );
  } else if (!missing.length) {
    box.appendChild(el('div', { className: 'done-mark', 'aria-hidden': 'true', text: '✓' }));
    box.appendChild(el('h1', { text: t(p, 'doneTitle') }));
    box.appendChild(el('p', { className: 'lead', text: t(p, 'doneText', { title: pick(p, p.course.title).text }) }));
  } else {
    box.appendChild(el('h1', { text: t(p, 'notDoneTitle') }));
    box.appendChild(el('p', { className: 'lead', text: scoped(p, 'notDoneText', 'moduleNotDoneText', { n: missing.length }) }));
    var list = el('ul', { className: 'lesson-list' });
    missing.forEach(function (e: LessonEntry): void {
      list.appendChild(
        el('li', null, [
          el('a', { className: 'lesson-link status-' + lessonStatus(p.state.progress, e.lesson.id), href: href('lesson', e.lesson.id) }, [
            el('span', { className: 'status-dot', 'aria-hidden': 'true' }),
            textEl(p, 'span', e.lesson.title, { className: 'lesson-link-title' })
          ])
        ])
      );
    });
    box.appendChild(list);
  }
  if (p.outline.quizLessons.length) {
    box.appendChild(resultsTable(p));
  }
  var restart = el('button', { type: 'button', className: 'btn', text: t(p, 'restart') });
  restart.addEventListener('click', function (): void {
    var ok = true;
    try {
      ok = window.confirm(t(p, 'restartConfirm'));
    } catch (e) {
      /* no dialogs: go ahead */
    }
    if (ok) {
      p.state.progress = emptyProgress();
      p.state.drafts = {};
      p.storage.remove(p.progressKey);
      window.location.hash = '#/';
    }
  });
  box.appendChild(
    el('p', { className: 'actions' }, [
      el('a', { className: 'btn primary', href: href(''), text: scoped(p, 'backHome', 'backModuleHome') }),
      p.lms ? null : ' ',
      p.lms ? null : restart
    ])
  );
  main.appendChild(box);
}

/** The best score of every quiz, and whether it is passed. */
function resultsTable(p: Player): HTMLElement {
  var table = el('table', { className: 'results' });
  var rows = el('tbody');
  p.outline.quizLessons.forEach(function (e: LessonEntry): void {
    var record = p.state.progress.quiz[e.lesson.id];
    rows.appendChild(
      el('tr', null, [
        el('th', { scope: 'row' }, [textEl(p, 'span', e.lesson.title)]),
        el('td', { text: record ? record.best + '%' : '—' }),
        el('td', { text: record && record.passed ? '✓' : '' })
      ])
    );
  });
  table.appendChild(el('caption', { text: t(p, 'results') }));
  table.appendChild(rows);
  return table;
}

/** A hash that names no page of this course. */
export function renderMissing(p: Player, main: HTMLElement): void {
  main.appendChild(el('h1', { text: t(p, 'notFound') }));
  main.appendChild(
    el('p', null, [el('a', { className: 'btn primary', href: href(''), text: scoped(p, 'backHome', 'backModuleHome') })])
  );
}
