/**
 * Searching the stick's courses offline, in the page: every word typed must
 * start a word somewhere in the course (title, summary, organisation, a
 * lesson's title or text), accents and case ignored (fold.ts), in the
 * language shown (a text missing in it is searched in the other, as it is
 * shown). Courses are ranked by where the words are (titles first), and each
 * lists the lessons that hold them, with a snippet. No DOM here, so node
 * tests it (catalogue/test/search.test.mjs).
 */

import { Lang } from '../../player/src/course-data.js';
import { CatalogueCourse } from './data.js';
import { findWordStart, fold, foldMapped, Folded, isCombining, queryTerms } from './fold.js';
import { choose } from './text.js';

/** A piece of a snippet: plain text, or a word that was searched for. */
export interface Segment {
  text: string;
  mark: boolean;
}

export interface LessonHit {
  lesson: string;
  /** The lesson's title as shown, and its language. */
  title: string;
  titleLang: Lang;
  /** Around the first word found in the lesson's text; empty if only the title matched. */
  snippet: Segment[];
  snippetLang: Lang;
}

export interface CourseHit {
  course: CatalogueCourse;
  score: number;
  /** The lessons holding a searched word, best first (at most `LESSONS_SHOWN`). */
  lessons: LessonHit[];
  /** How many more lessons hold one. */
  moreLessons: number;
}

/** Lessons listed under a course found. */
export var LESSONS_SHOWN = 5;

interface FoldedLesson {
  id: string;
  title: string;
  titleLang: Lang;
  foldedTitle: string;
  text: string;
  textLang: Lang;
  foldedText: Folded;
}

interface FoldedCourse {
  course: CatalogueCourse;
  title: string;
  summary: string;
  organisation: string;
  lessons: FoldedLesson[];
}

/** The courses' texts folded once per language, on first use. */
export interface SearchIndex {
  courses: CatalogueCourse[];
  byLang: { [lang: string]: FoldedCourse[] };
}

export function makeIndex(courses: CatalogueCourse[]): SearchIndex {
  return { courses: courses, byLang: {} };
}

function folded(index: SearchIndex, lang: Lang): FoldedCourse[] {
  var cached = index.byLang[lang];
  if (cached) {
    return cached;
  }
  var made = index.courses.map(function (course: CatalogueCourse): FoldedCourse {
    return {
      course: course,
      title: fold(choose(course.title, lang).text),
      summary: fold(choose(course.summary, lang).text),
      organisation: fold(course.organisation || ''),
      lessons: (course.search || []).map(function (l): FoldedLesson {
        var title = choose(l.title, lang);
        var text = choose(l.text, lang);
        return {
          id: l.lesson,
          title: title.text,
          titleLang: title.lang,
          foldedTitle: fold(title.text),
          text: text.text,
          textLang: text.lang,
          foldedText: foldMapped(text.text)
        };
      })
    };
  });
  index.byLang[lang] = made;
  return made;
}

function has(text: string, term: string): boolean {
  return findWordStart(text, term) >= 0;
}

/** Weights of where a word is found, per word. */
var WEIGHT = { title: 10, lessonTitle: 4, summary: 3, organisation: 2, lessonText: 1 };

/**
 * The courses `query` finds, best first; every course, in the stick's
 * order, when the query has no word.
 */
export function search(index: SearchIndex, query: string, lang: Lang): CourseHit[] {
  var terms = queryTerms(query);
  var courses = folded(index, lang);
  if (!terms.length) {
    return courses.map(function (c: FoldedCourse): CourseHit {
      return { course: c.course, score: 0, lessons: [], moreLessons: 0 };
    });
  }
  var hits: { hit: CourseHit; order: number }[] = [];
  courses.forEach(function (c: FoldedCourse, order: number): void {
    var score = 0;
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i];
      var found = 0;
      found += has(c.title, term) ? WEIGHT.title : 0;
      found += has(c.summary, term) ? WEIGHT.summary : 0;
      found += has(c.organisation, term) ? WEIGHT.organisation : 0;
      var inTitles = false;
      var inTexts = false;
      for (var j = 0; j < c.lessons.length && !(inTitles && inTexts); j++) {
        inTitles = inTitles || has(c.lessons[j].foldedTitle, term);
        inTexts = inTexts || has(c.lessons[j].foldedText.text, term);
      }
      found += (inTitles ? WEIGHT.lessonTitle : 0) + (inTexts ? WEIGHT.lessonText : 0);
      if (!found) {
        return; // every word must be somewhere in the course
      }
      score += found;
    }
    var lessons = lessonHits(c.lessons, terms);
    hits.push({
      hit: {
        course: c.course,
        score: score,
        lessons: lessons.slice(0, LESSONS_SHOWN),
        moreLessons: Math.max(0, lessons.length - LESSONS_SHOWN)
      },
      order: order
    });
  });
  hits.sort(function (a, b): number {
    return b.hit.score - a.hit.score || a.order - b.order;
  });
  return hits.map(function (h): CourseHit {
    return h.hit;
  });
}

/** The lessons holding any of `terms`: most words first, a title before a text, then in order. */
function lessonHits(lessons: FoldedLesson[], terms: string[]): LessonHit[] {
  var ranked: { hit: LessonHit; rank: number; order: number }[] = [];
  lessons.forEach(function (l: FoldedLesson, order: number): void {
    var rank = 0;
    terms.forEach(function (term: string): void {
      if (has(l.foldedTitle, term)) {
        rank += 3;
      } else if (has(l.foldedText.text, term)) {
        rank += 2;
      }
    });
    if (!rank) {
      return;
    }
    ranked.push({
      hit: {
        lesson: l.id,
        title: l.title,
        titleLang: l.titleLang,
        snippet: snippet(l.text, l.foldedText, terms),
        snippetLang: l.textLang
      },
      rank: rank,
      order: order
    });
  });
  ranked.sort(function (a, b): number {
    return b.rank - a.rank || a.order - b.order;
  });
  return ranked.map(function (r): LessonHit {
    return r.hit;
  });
}

/** Characters of context before and after the first word found. */
var BEFORE = 40;
var AFTER = 110;

/**
 * A short piece of `text` around the first searched word in it, every
 * searched word in the piece marked; empty when no word is in the text.
 */
export function snippet(text: string, f: Folded, terms: string[]): Segment[] {
  // Spans in the original text, from folded hits.
  var spans: { start: number; end: number }[] = [];
  terms.forEach(function (term: string): void {
    var at = findWordStart(f.text, term);
    while (at >= 0) {
      var end = f.map[at + term.length - 1] + 1;
      while (end < text.length && isCombining(text.charCodeAt(end))) {
        end++; // the accent of a decomposed last letter
      }
      spans.push({ start: f.map[at], end: end });
      at = findWordStart(f.text, term, at + term.length);
    }
  });
  if (!spans.length) {
    return [];
  }
  spans.sort(function (a, b): number {
    return a.start - b.start || b.end - a.end;
  });
  var first = spans[0].start;
  var from = Math.max(0, first - BEFORE);
  var to = Math.min(text.length, first + AFTER);
  // Whole words at the edges.
  if (from > 0) {
    var space = text.indexOf(' ', from);
    from = space >= 0 && space < first ? space + 1 : from;
  }
  if (to < text.length) {
    var back = text.lastIndexOf(' ', to);
    to = back > first ? back : to;
  }
  var segments: Segment[] = [];
  var pos = from;
  spans.forEach(function (s): void {
    if (s.start < pos || s.end > to) {
      return; // overlapping an earlier mark, or past the piece
    }
    if (s.start > pos) {
      segments.push({ text: text.slice(pos, s.start), mark: false });
    }
    segments.push({ text: text.slice(s.start, s.end), mark: true });
    pos = s.end;
  });
  if (pos < to) {
    segments.push({ text: text.slice(pos, to), mark: false });
  }
  if (from > 0) {
    segments.unshift({ text: '…', mark: false });
  }
  if (to < text.length) {
    segments.push({ text: '…', mark: false });
  }
  return segments;
}
