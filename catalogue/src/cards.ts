/**
 * A course's card: cover, title (the link that opens the course), summary,
 * organisation, length, languages with how much is translated, the
 * learner's progress, and, while searching, the lessons that hold the words
 * with a snippet each. Built with the player's `el` (text nodes only: the
 * catalogue never assigns innerHTML) and its progress `bar`.
 */

import { Lang } from '../../player/src/course-data.js';
import { bar, el } from '../../player/src/dom.js';
import { CourseProgress } from './course-progress.js';
import { CatalogueCourse } from './data.js';
import { CourseHit, LessonHit, Segment } from './search.js';
import { choose } from './text.js';
import { duration, LANG_NAMES, translate, WordKey, WordValues } from './words.js';

/** Every link that opens a course carries `data-open="<course id>"` (main.ts remembers the language on the click). */
export interface CardContext {
  lang: Lang;
}

/** An element with a bilingual text, marked with its real language when it falls back. */
function textIn(tag: string, attrs: { [name: string]: string }, texts: { pt: string; en: string }, lang: Lang): HTMLElement {
  var chosen = choose(texts, lang);
  var node = el(tag, attrs, [chosen.text]);
  if (chosen.lang !== lang) {
    node.setAttribute('lang', chosen.lang);
  }
  return node;
}

function fact(label: string, value: Node | string, className: string): HTMLElement {
  return el('div', { className: 'fact ' + className }, [el('dt', null, [label]), el('dd', null, [value])]);
}

function cover(course: CatalogueCourse, title: string): HTMLElement {
  if (course.cover) {
    // Decorative: the title beside it says what it is.
    return el('img', { className: 'cover', src: course.cover, alt: '', loading: 'lazy' });
  }
  return el('div', { className: 'cover cover-none', 'aria-hidden': 'true' }, [title.charAt(0).toUpperCase()]);
}

function languagesFact(course: CatalogueCourse, w: (k: WordKey, v?: WordValues) => string): HTMLElement {
  var list = el('ul', { className: 'langs-list' });
  (course.languages || []).forEach(function (l: Lang): void {
    var n = Math.round((course.completeness && course.completeness[l]) || 0);
    list.appendChild(
      el('li', { className: n >= 100 ? 'complete' : 'partial' }, [
        el('span', { 'aria-hidden': 'true' }, [w('translated', { name: LANG_NAMES[l], n: n })]),
        el('span', { className: 'sr-only' }, [w('translatedLong', { name: LANG_NAMES[l], n: n })])
      ])
    );
  });
  return fact(w('languages'), list, 'fact-langs');
}

/** The learner's progress in `course`: a bar and its words. */
export function progressBlock(course: CatalogueCourse, title: string, p: CourseProgress, lang: Lang, w: (k: WordKey, v?: WordValues) => string): HTMLElement {
  var words =
    p.total && p.done === p.total
      ? w('courseDone')
      : p.done || p.started
        ? w('progress', { done: p.done, total: p.total })
        : w('notStarted');
  var state = p.total && p.done === p.total ? 'done' : p.done || p.started ? 'started' : 'todo';
  return el('div', { className: 'progress progress-' + state, 'data-course': course.id }, [
    bar(p.done, p.total, w('progressLabel', { title: title })),
    el('span', { className: 'progress-text' }, [words]),
    state === 'started' && p.last ? resumeLink(course, p.last, lang, w) : null
  ]);
}

/** "Continue: <lesson>": straight back to the lesson opened last. */
function resumeLink(course: CatalogueCourse, lessonId: string, lang: Lang, w: (k: WordKey, v?: WordValues) => string): HTMLElement | null {
  var found = (course.search || []).filter(function (l): boolean {
    return l.lesson === lessonId;
  })[0];
  var title = found ? choose(found.title, lang).text : '';
  if (!title) {
    return null;
  }
  return el('a', { className: 'resume', href: course.href + '#/lesson/' + encodeURIComponent(lessonId), 'data-open': course.id }, [w('resume', { title: title })]);
}

function segments(list: Segment[]): Node[] {
  return list.map(function (s: Segment): Node {
    return s.mark ? el('mark', null, [s.text]) : document.createTextNode(s.text);
  });
}

function lessonList(hit: CourseHit, ctx: CardContext, w: (k: WordKey, v?: WordValues) => string): HTMLElement {
  var list = el('ul', { className: 'hits-list' });
  hit.lessons.forEach(function (l: LessonHit): void {
    var link = el('a', { href: hit.course.href + '#/lesson/' + encodeURIComponent(l.lesson), className: 'hit-link', 'data-open': hit.course.id }, [l.title]);
    if (l.titleLang !== ctx.lang) {
      link.setAttribute('lang', l.titleLang);
    }
    var item = el('li', null, [link]);
    if (l.snippet.length) {
      var snip = el('p', { className: 'snippet' }, segments(l.snippet));
      if (l.snippetLang !== ctx.lang) {
        snip.setAttribute('lang', l.snippetLang);
      }
      item.appendChild(snip);
    }
    list.appendChild(item);
  });
  var children: (Node | null)[] = [el('p', { className: 'hits-title' }, [w('inLessons')]), list];
  if (hit.moreLessons) {
    children.push(el('p', { className: 'hits-more' }, [w('moreLessons', { n: hit.moreLessons })]));
  }
  return el('div', { className: 'hits' }, children);
}

/** The card of a course shown (found, or every course when not searching). */
export function card(hit: CourseHit, progress: CourseProgress, ctx: CardContext): HTMLElement {
  var course = hit.course;
  var lang = ctx.lang;
  var w = function (key: WordKey, values?: WordValues): string {
    return translate(lang, key, values);
  };
  var title = choose(course.title, lang);
  var link = el('a', { href: course.href, className: 'card-link', 'data-open': course.id }, [title.text]);
  if (title.lang !== lang) {
    link.setAttribute('lang', title.lang);
  }
  var facts = el('dl', { className: 'facts' }, [
    course.organisation ? fact(w('organisation'), course.organisation, 'fact-org') : null,
    fact(w('length'), duration(lang, course.minutes), 'fact-length'),
    languagesFact(course, w)
  ]);
  var body = el('div', { className: 'card-body' }, [
    el('h2', { className: 'card-title' }, [link]),
    choose(course.summary, lang).text ? textIn('p', { className: 'summary' }, course.summary, lang) : null,
    facts,
    progressBlock(course, title.text, progress, lang, w),
    hit.lessons.length ? lessonList(hit, ctx, w) : null
  ]);
  return el('li', { className: 'card', 'data-id': course.id }, [cover(course, title.text), body]);
}
