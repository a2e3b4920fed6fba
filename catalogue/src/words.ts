/**
 * The catalogue page's own words in Portuguese and English; the compiler
 * checks that both dictionaries have every key (`EN` is a full
 * `Dictionary`), as the player's words.ts does. A word that depends on a
 * number is a [one, other] pair; `{name}` is replaced by a value.
 */

import { Lang } from '../../player/src/course-data.js';

type Word = string | [string, string];

const PT = {
  pageTitle: 'Cursos — Juntos',
  skip: 'Saltar para os cursos',
  heading: 'Cursos nesta pen',
  intro: 'Escolha um curso para o abrir. Funciona sem internet; o seu progresso fica guardado neste navegador.',
  language: 'Língua',
  search: 'Procurar nos cursos e nas lições',
  searchHint: 'Com ou sem acentos.',
  clear: 'Limpar',
  clearLong: 'Limpar a pesquisa',
  coursesN: ['{n} curso', '{n} cursos'],
  foundN: ['{n} curso encontrado para «{q}»', '{n} cursos encontrados para «{q}»'],
  noneFound: 'Nenhum curso tem «{q}». Tente outra palavra, ou menos palavras.',
  empty: 'Esta pen ainda não tem cursos.',
  organisation: 'Organização',
  length: 'Duração',
  languages: 'Línguas',
  translated: '{name}: {n}%',
  translatedLong: '{name}, {n}% traduzido',
  hours: '{h} h',
  hoursMinutes: '{h} h {m} min',
  minutes: '{n} min',
  progress: '{done} de {total} lições concluídas',
  progressLabel: 'Progresso em «{title}»',
  notStarted: 'Ainda não começou',
  courseDone: 'Curso concluído',
  resume: 'Continuar: {title}',
  lessonsN: ['{n} lição', '{n} lições'],
  inLessons: 'Nas lições:',
  moreLessons: ['e mais {n} lição', 'e mais {n} lições'],
  learner: 'Progresso de: {name}',
  noStorage: 'Este navegador não guarda o progresso: o que fizer nos cursos perde-se ao fechar a página.',
  written: 'Escrito com Juntos Studio {version}, {date}.'
} satisfies { [key: string]: Word };

export type WordKey = keyof typeof PT;
export type Dictionary = { [K in WordKey]: Word };

const EN: Dictionary = {
  pageTitle: 'Courses — Juntos',
  skip: 'Skip to the courses',
  heading: 'Courses on this stick',
  intro: 'Choose a course to open it. It works with no internet; your progress is kept in this browser.',
  language: 'Language',
  search: 'Search the courses and lessons',
  searchHint: 'With or without accents.',
  clear: 'Clear',
  clearLong: 'Clear the search',
  coursesN: ['{n} course', '{n} courses'],
  foundN: ['{n} course found for “{q}”', '{n} courses found for “{q}”'],
  noneFound: 'No course has “{q}”. Try another word, or fewer words.',
  empty: 'This stick has no courses yet.',
  organisation: 'Organisation',
  length: 'Length',
  languages: 'Languages',
  translated: '{name}: {n}%',
  translatedLong: '{name}, {n}% translated',
  hours: '{h} h',
  hoursMinutes: '{h} h {m} min',
  minutes: '{n} min',
  progress: '{done} of {total} lessons completed',
  progressLabel: 'Progress in “{title}”',
  notStarted: 'Not started yet',
  courseDone: 'Course completed',
  resume: 'Continue: {title}',
  lessonsN: ['{n} lesson', '{n} lessons'],
  inLessons: 'In the lessons:',
  moreLessons: ['and {n} more lesson', 'and {n} more lessons'],
  learner: 'Progress of: {name}',
  noStorage: 'This browser does not keep progress: what you do in the courses is lost when the page closes.',
  written: 'Written with Juntos Studio {version}, {date}.'
};

export const WORDS: { [L in Lang]: Dictionary } = { pt: PT, en: EN };

export const LANG_NAMES: { [L in Lang]: string } = { pt: 'Português', en: 'English' };

export interface WordValues {
  [name: string]: string | number;
}

/** The word `key` in `lang`, `{name}` places filled from `values` (`n` picks singular or plural). */
export function translate(lang: Lang, key: WordKey, values?: WordValues): string {
  var word: Word = WORDS[lang][key];
  var text = typeof word === 'object' ? word[values && values.n === 1 ? 0 : 1] : String(word);
  if (values) {
    var given = values;
    text = text.replace(/\{(\w+)\}/g, function (all: string, name: string): string {
      return Object.prototype.hasOwnProperty.call(given, name) ? String(given[name]) : all;
    });
  }
  return text;
}

/** A length in minutes as people say it: "45 min", "2 h", "1 h 35 min". */
export function duration(lang: Lang, minutes: number): string {
  var m = Math.max(0, Math.round(minutes || 0));
  if (m < 60) {
    return translate(lang, 'minutes', { n: m });
  }
  var h = Math.floor(m / 60);
  return m % 60 ? translate(lang, 'hoursMinutes', { h: h, m: m % 60 }) : translate(lang, 'hours', { h: h });
}
