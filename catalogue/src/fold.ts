/**
 * Text folded for searching: lower case, without accents, so that
 * "educacao" finds "educação" and "EDUCAÇÃO". Written here rather than with
 * `String.prototype.normalize('NFD')` because that is ES2015 and the page
 * must run in old browsers: a table of the Latin letters with accents that
 * Portuguese, English and their neighbours use (Latin-1 and Latin
 * Extended-A), and combining marks (U+0300–U+036F, text already decomposed)
 * dropped. Every original character becomes at most one folded character,
 * and `folded.map[i]` is where folded character `i` came from, so a hit in
 * folded text can be shown in the original (`snippet` in search.ts).
 */

var FROM = 'àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž';
var TO = 'aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiiijklllllnnnnooooooooorrrssssttttuuuuuuuuuuwyyyzzz';

var TABLE: { [c: string]: string } = {};
for (var i = 0; i < FROM.length; i++) {
  TABLE[FROM.charAt(i)] = TO.charAt(i);
}

/** A folded text, and for each of its characters the index of the original one. */
export interface Folded {
  text: string;
  map: number[];
}

/** Whether `code` is a combining mark (an accent of a decomposed letter). */
export function isCombining(code: number): boolean {
  return code >= 0x300 && code <= 0x36f;
}

/** `text` folded, with the way back to its characters. */
export function foldMapped(text: string): Folded {
  var out: string[] = [];
  var map: number[] = [];
  var lower = text.toLowerCase();
  // toLowerCase keeps the length for every letter this page folds; if a
  // script made it differ, fold the original characters one by one.
  var source = lower.length === text.length ? lower : text;
  for (var i = 0; i < source.length; i++) {
    var c = source.charAt(i);
    if (isCombining(c.charCodeAt(0))) {
      continue;
    }
    if (source !== lower) {
      c = c.toLowerCase();
    }
    var f = TABLE[c];
    if (f === undefined) {
      f = c === 'ß' ? 's' : c === 'æ' ? 'a' : c === 'œ' ? 'o' : c;
    }
    out.push(f.length === 1 ? f : f.charAt(0));
    map.push(i);
  }
  return { text: out.join(''), map: map };
}

/** `text` folded. */
export function fold(text: string): string {
  return foldMapped(text).text;
}

/** Whether `c` is part of a word: a letter of any script or a digit. */
export function isWordChar(c: string): boolean {
  return c.toLowerCase() !== c.toUpperCase() || (c >= '0' && c <= '9');
}

/** The words of what a person typed, folded; no operators, no quotes. */
export function queryTerms(query: string): string[] {
  var folded = fold(query);
  var terms: string[] = [];
  var word = '';
  for (var i = 0; i <= folded.length; i++) {
    var c = i < folded.length ? folded.charAt(i) : ' ';
    if (isWordChar(c)) {
      word += c;
    } else if (word) {
      if (terms.indexOf(word) < 0) {
        terms.push(word);
      }
      word = '';
    }
  }
  return terms;
}

/**
 * Where `term` starts a word of the folded `text` (a prefix of a word, as
 * the library's search does: "educ" finds "educação"), from `from`; -1 if
 * nowhere.
 */
export function findWordStart(text: string, term: string, from?: number): number {
  var at = text.indexOf(term, from || 0);
  while (at >= 0) {
    if (at === 0 || !isWordChar(text.charAt(at - 1))) {
      return at;
    }
    at = text.indexOf(term, at + 1);
  }
  return -1;
}
