/**
 * A lesson: where it sits, its body (rendered HTML), its quiz, the
 * facilitator notes in facilitator mode, and previous/next. Opening it
 * marks it started (and completed when it has no quiz).
 */

import { enhanceMedia, MediaTimes } from '../captions.js';
import { Player, pick, saveProgress, scoped, t, textEl } from '../context.js';
import { el, setRendered } from '../dom.js';
import { enhanceTasks } from '../tasks.js';
import { LessonEntry } from '../outline.js';
import { markOpened } from '../progress.js';
import { lessonOpened } from '../learning.js';
import { renderQuiz } from '../quiz/view.js';
import { href } from '../shell.js';

/**
 * Renders the lesson into `main`; `times` restores its media's places;
 * `onProgress` runs when a checked quiz changed the progress.
 */
export function renderLesson(
  p: Player,
  main: HTMLElement,
  entry: LessonEntry,
  times: MediaTimes | null,
  onProgress: () => void
): void {
  var lesson = entry.lesson;
  var moduleLessons = entry.module.lessons.length;
  markOpened(p.state.progress, lesson.id, !!lesson.quiz);
  saveProgress(p);
  lessonOpened(p, lesson.id);

  var article = el('article', { className: 'lesson' });
  article.appendChild(
    el('p', { className: 'eyebrow crumbs' }, [
      t(p, 'moduleN', { n: entry.moduleIndex + 1 }) + ' · ',
      textEl(p, 'span', entry.module.title)
    ])
  );
  article.appendChild(textEl(p, 'h1', lesson.title));
  article.appendChild(
    el('p', { className: 'lesson-meta' }, [
      t(p, 'lessonOf', { i: entry.indexInModule + 1, n: moduleLessons }) +
        (lesson.minutes ? ' · ' + t(p, 'minutes', { n: lesson.minutes }) : '')
    ])
  );

  var body = pick(p, lesson.body);
  if (body.fallback) {
    article.appendChild(el('p', { className: 'notice', text: t(p, 'untranslated') }));
  }
  var content = el('div', { className: 'lesson-body rendered' });
  if (body.text) {
    if (body.lang !== p.state.lang) {
      content.setAttribute('lang', body.lang);
    }
    setRendered(content, body.text);
    enhanceMedia(p, content, times, false);
    var tasks = p.state.progress.tasks || (p.state.progress.tasks = {});
    var lessonId = lesson.id;
    enhanceTasks(content, tasks[lessonId] || null, function (position: number, checked: boolean): void {
      var ticks = tasks[lessonId] || (tasks[lessonId] = {});
      if (checked) {
        ticks[String(position)] = true;
      } else {
        delete ticks[String(position)];
      }
      saveProgress(p);
    });
  } else {
    content.appendChild(el('p', { className: 'muted', text: t(p, 'empty') }));
  }
  article.appendChild(content);

  if (lesson.quiz && lesson.quiz.questions && lesson.quiz.questions.length) {
    article.appendChild(renderQuiz(p, lesson, lesson.quiz, onProgress));
  }

  var notes = pick(p, lesson.notes);
  if (p.state.facilitator && notes.text) {
    var aside = el('aside', { className: 'notes', 'aria-labelledby': 'notes-title' }, [
      el('h2', { id: 'notes-title', text: t(p, 'notes') })
    ]);
    var notesBody = el('div', { className: 'notes-body rendered' });
    if (notes.lang !== p.state.lang) {
      notesBody.setAttribute('lang', notes.lang);
    }
    setRendered(notesBody, notes.text);
    enhanceMedia(p, notesBody, times, false);
    aside.appendChild(notesBody);
    article.appendChild(aside);
  }
  main.appendChild(article);
  main.appendChild(pager(p, entry));
}

/** Previous and next: home before the first lesson, the completion page after the last. */
function pager(p: Player, entry: LessonEntry): HTMLElement {
  var prev = p.outline.lessons[entry.index - 1];
  var next = p.outline.lessons[entry.index + 1];
  var nav = el('nav', { className: 'pager', 'aria-label': t(p, 'previous') + ' / ' + t(p, 'next') });
  if (prev) {
    nav.appendChild(
      el('a', { className: 'btn pager-prev', href: href('lesson', prev.lesson.id), rel: 'prev' }, [
        el('span', { className: 'pager-dir', text: '← ' + t(p, 'previous') }),
        textEl(p, 'span', prev.lesson.title, { className: 'pager-title' })
      ])
    );
  } else {
    nav.appendChild(
      el('a', { className: 'btn pager-prev', href: href('') }, [
        el('span', { className: 'pager-dir', text: '← ' + scoped(p, 'home', 'moduleHome') })
      ])
    );
  }
  if (next) {
    nav.appendChild(
      el('a', { className: 'btn primary pager-next', href: href('lesson', next.lesson.id), rel: 'next' }, [
        el('span', { className: 'pager-dir', text: t(p, 'next') + ' →' }),
        textEl(p, 'span', next.lesson.title, { className: 'pager-title' })
      ])
    );
  } else {
    nav.appendChild(
      el('a', { className: 'btn primary pager-next', href: href('done') }, [
        el('span', { className: 'pager-dir', text: t(p, 'finish') + ' →' })
      ])
    );
  }
  return nav;
}
