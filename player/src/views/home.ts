/**
 * The course home (or, for a module's SCO, the module home): title,
 * summary, facts, overall progress with a Start / Continue button, and one
 * card per module with its lessons and their states.
 */

import { enhanceMedia } from '../captions.js';
import { Picked, Player, pick, scoped, t, textEl } from '../context.js';
import { LessonData, Texts } from '../course-data.js';
import { bar, Child, el, setRendered } from '../dom.js';
import { LessonEntry, ShownModule } from '../outline.js';
import { lessonStatus } from '../progress.js';
import { doneCount, href, shownLessonIds, statusWord } from '../shell.js';

function metaItem(label: string, value: string): HTMLElement[] {
  return [el('dt', { text: label }), el('dd', null, [value])];
}

/**
 * The course's topics in the learner's language, each falling back to the
 * other language where it is not translated (marked with its `lang`),
 * separated by commas.
 */
function topicNodes(p: Player, topics: Array<Texts | string> | undefined): Child[] {
  var nodes: Child[] = [];
  (topics || []).forEach(function (topic: Texts | string): void {
    var picked = typeof topic === 'string' ? { text: topic, lang: p.course.source_lang, fallback: false } : pick(p, topic);
    if (!picked.text || !String(picked.text).trim()) {
      return;
    }
    if (nodes.length) {
      nodes.push(', ');
    }
    if (picked.lang !== p.state.lang) {
      var span = el('span', { text: picked.text });
      span.setAttribute('lang', picked.lang);
      nodes.push(span);
    } else {
      nodes.push(picked.text);
    }
  });
  return nodes;
}

/** The first shown lesson not completed yet, else null. */
function firstUnfinished(p: Player): LessonEntry | null {
  var lessons = p.outline.lessons;
  for (var i = 0; i < lessons.length; i++) {
    if (!p.state.progress.done[lessons[i].lesson.id]) {
      return lessons[i];
    }
  }
  return null;
}

export function renderHome(p: Player, main: HTMLElement): void {
  var course = p.course;
  var scope = p.outline.scope;
  var lessons = p.outline.lessons;
  var progress = p.state.progress;
  var total = lessons.length;
  var done = doneCount(p, shownLessonIds(p));
  var minutes = lessons.reduce(function (sum: number, e: LessonEntry): number {
    return sum + (e.lesson.minutes || 0);
  }, 0);

  var hero = el('section', { className: 'hero' });
  if (scope) {
    // A module's SCO: the module, in the context of its course.
    hero.appendChild(
      el('p', { className: 'eyebrow' }, [
        textEl(p, 'span', course.title),
        ' · ' + t(p, 'moduleN', { n: scope.index + 1 })
      ])
    );
    hero.appendChild(textEl(p, 'h1', scope.module.title));
  } else {
    hero.appendChild(el('p', { className: 'eyebrow', text: t(p, 'course') }));
    hero.appendChild(textEl(p, 'h1', course.title));
  }
  var summary: Picked | null = scope ? null : pick(p, course.summary);
  if (summary && summary.text) {
    var s = el('div', { className: 'summary rendered' });
    if (summary.lang !== p.state.lang) {
      s.setAttribute('lang', summary.lang);
    }
    setRendered(s, summary.text);
    enhanceMedia(p, s, null, false);
    hero.appendChild(s);
  }
  var meta = el('dl', { className: 'meta' });
  var items: HTMLElement[] = [];
  if (course.organisation) {
    items = items.concat(metaItem(t(p, 'organisation'), course.organisation));
  }
  if (course.licence) {
    items = items.concat(metaItem(t(p, 'licence'), course.licence));
  }
  items = items.concat(
    metaItem(t(p, 'length'), t(p, 'lessonsN', { n: total }) + (minutes ? ' · ' + t(p, 'minutes', { n: minutes }) : ''))
  );
  var topics = topicNodes(p, course.topics);
  if (topics.length) {
    items = items.concat([el('dt', { text: t(p, 'topics') }), el('dd', { className: 'topics' }, topics)]);
  }
  items.forEach(function (node: HTMLElement): void {
    meta.appendChild(node);
  });
  hero.appendChild(meta);

  var progressText = t(p, 'progress', { done: done, total: total });
  hero.appendChild(el('div', { className: 'hero-progress' }, [el('span', { text: progressText }), bar(done, total, progressText)]));
  var next = firstUnfinished(p);
  var action: HTMLElement | null;
  if (!total) {
    action = null;
  } else if (!next) {
    action = el('a', { className: 'btn primary', href: href('done'), text: t(p, 'review') });
  } else if (done === 0 && !progress.last) {
    action = el('a', {
      className: 'btn primary',
      href: href('lesson', lessons[0].lesson.id),
      text: scoped(p, 'start', 'startModule')
    });
  } else {
    var resume =
      progress.last && p.outline.lessonById[progress.last] && !progress.done[progress.last]
        ? p.outline.lessonById[progress.last]
        : next;
    action = el('a', {
      className: 'btn primary',
      href: href('lesson', resume.lesson.id),
      text: t(p, 'resume', { title: pick(p, resume.lesson.title).text })
    });
  }
  if (action) {
    hero.appendChild(el('p', { className: 'actions' }, [action]));
  }
  main.appendChild(hero);

  var modules = el('ol', { className: 'modules' });
  p.outline.modules.forEach(function (found: ShownModule): void {
    modules.appendChild(moduleCard(p, found));
  });
  main.appendChild(modules);
}

function moduleCard(p: Player, found: ShownModule): HTMLElement {
  var module = found.module;
  var ids = module.lessons.map(function (l: LessonData): string {
    return l.id;
  });
  var mDone = doneCount(p, ids);
  var list = el('ol', { className: 'lesson-list' });
  module.lessons.forEach(function (lesson: LessonData): void {
    var status = lessonStatus(p.state.progress, lesson.id);
    var parts: Child[] = [
      el('span', { className: 'status-dot', 'aria-hidden': 'true' }),
      textEl(p, 'span', lesson.title, { className: 'lesson-link-title' }),
      lesson.minutes ? el('span', { className: 'lesson-link-min', text: t(p, 'minutes', { n: lesson.minutes }) }) : null,
      el('span', { className: 'sr-only', text: ' (' + t(p, statusWord(status)) + ')' })
    ];
    list.appendChild(
      el('li', null, [el('a', { href: href('lesson', lesson.id), className: 'lesson-link status-' + status }, parts)])
    );
  });
  var label = t(p, 'progress', { done: mDone, total: module.lessons.length });
  return el('li', { className: 'module-card' }, [
    el('p', { className: 'eyebrow', text: t(p, 'moduleN', { n: found.index + 1 }) }),
    textEl(p, 'h2', module.title),
    el('div', { className: 'module-progress' }, [el('span', { text: label }), bar(mDone, module.lessons.length, label)]),
    list,
    p.state.facilitator
      ? el('p', { className: 'handout-link' }, [el('a', { href: href('module', module.id), text: t(p, 'handout') })])
      : null
  ]);
}
