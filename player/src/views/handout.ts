/**
 * `#/module/<id>`: a whole module on one page for printing — every lesson,
 * the transcripts of its videos, its quiz questions with empty boxes, and
 * (in facilitator mode) the notes. The print stylesheet does the rest.
 */

import { enhanceMedia } from '../captions.js';
import { Player, pick, scoped, t, textEl } from '../context.js';
import { LessonData, OptionData, QuestionData } from '../course-data.js';
import { el, setRendered } from '../dom.js';
import { enhanceTasks } from '../tasks.js';
import { ShownModule } from '../outline.js';
import { href } from '../shell.js';

export function renderHandout(p: Player, main: HTMLElement, found: ShownModule): void {
  var module = found.module;
  var head = el('header', { className: 'handout-head' }, [
    el('p', { className: 'eyebrow' }, [pick(p, p.course.title).text + ' · ' + t(p, 'moduleN', { n: found.index + 1 })]),
    textEl(p, 'h1', module.title),
    el('p', { className: 'screen-only muted', text: t(p, 'handoutHint') }),
    el('p', { className: 'screen-only actions' }, [
      el('button', {
        type: 'button',
        className: 'btn primary',
        text: t(p, 'printHandout'),
        onclick: function (): void {
          window.print();
        }
      }),
      ' ',
      el('a', { className: 'btn', href: href(''), text: scoped(p, 'backHome', 'backModuleHome') })
    ])
  ]);
  main.appendChild(head);
  module.lessons.forEach(function (lesson: LessonData, i: number): void {
    main.appendChild(handoutLesson(p, found, lesson, i));
  });
}

function handoutLesson(p: Player, found: ShownModule, lesson: LessonData, i: number): HTMLElement {
  var section = el('section', { className: 'handout-lesson' });
  section.appendChild(el('h2', null, [found.index + 1 + '.' + (i + 1) + ' ', textEl(p, 'span', lesson.title)]));
  var body = pick(p, lesson.body);
  var lastHeading = '';
  if (body.text) {
    var content = el('div', { className: 'lesson-body rendered' });
    if (body.lang !== p.state.lang) {
      content.setAttribute('lang', body.lang);
    }
    setRendered(content, body.text);
    enhanceMedia(p, content, null, true);
    // Empty boxes, to tick on paper.
    enhanceTasks(content, null, null);
    section.appendChild(content);
    var headings = content.querySelectorAll('h1, h2, h3, h4, h5, h6');
    lastHeading = headings.length ? String(headings[headings.length - 1].textContent) : '';
  }
  if (lesson.quiz && lesson.quiz.questions.length) {
    var quiz = el('div', { className: 'handout-quiz' });
    // A lesson whose text ends with its own "Quiz" section already says it.
    if (!sameWords(lastHeading, t(p, 'quiz'))) {
      quiz.appendChild(el('h3', { text: t(p, 'quiz') }));
    }
    var list = el('ol');
    lesson.quiz.questions.forEach(function (question: QuestionData): void {
      var options = el('ul', { className: 'handout-options' });
      question.options.forEach(function (option: OptionData): void {
        options.appendChild(textEl(p, 'li', option.text));
      });
      list.appendChild(el('li', null, [textEl(p, 'p', question.prompt), options]));
    });
    quiz.appendChild(list);
    section.appendChild(quiz);
  }
  var notes = pick(p, lesson.notes);
  if (p.state.facilitator && notes.text) {
    var aside = el('aside', { className: 'notes' }, [el('h3', { text: t(p, 'notes') })]);
    var notesBody = el('div', { className: 'notes-body rendered' });
    if (notes.lang !== p.state.lang) {
      notesBody.setAttribute('lang', notes.lang);
    }
    setRendered(notesBody, notes.text);
    enhanceMedia(p, notesBody, null, true);
    aside.appendChild(notesBody);
    section.appendChild(aside);
  }
  return section;
}

/** Two headings that say the same, whatever their case and spacing. */
function sameWords(a: string, b: string): boolean {
  var norm = function (text: string): string {
    return text.replace(/\s+/g, ' ').trim().toLowerCase();
  };
  return norm(a) === norm(b);
}
