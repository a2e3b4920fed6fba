// The formatting toolbar's text transformations, as pure functions of the
// text and the selection, so every button is tested without a browser and
// both the CodeMirror editor and the tests' textarea apply the same edit.
//
// Written here rather than taken from a package: CodeMirror's markdown
// package has no formatting commands, and the rules a trainer expects
// (toggle off what is already bold, prefix every selected line, keep the
// spaces a double click selects outside the marks, put media on a line of
// its own) are short enough to own and test.

/** One replacement of `from..to` by `insert`, then the selection `anchor..head` (in the new text). */
export interface Edit {
  from: number;
  to: number;
  insert: string;
  anchor: number;
  head: number;
}

export type InlineStyle = "bold" | "italic";
export type LineStyle = "heading" | "bullets" | "numbers" | "tasks" | "quote";

interface Change {
  from: number;
  to: number;
  insert: string;
}

/** Combines sorted, non-overlapping changes into one edit; `select` is in new-text offsets. */
function combine(text: string, changes: Change[], select: (map: (pos: number, assoc: -1 | 1) => number) => [number, number]): Edit {
  const map = (pos: number, assoc: -1 | 1) => {
    let delta = 0;
    for (const c of changes) {
      if (c.to < pos || (c.to === pos && (c.from < pos || assoc === 1))) delta += c.insert.length - (c.to - c.from);
      else if (c.from < pos) return c.from + delta + (assoc === 1 ? c.insert.length : 0);
    }
    return pos + delta;
  };
  const [anchor, head] = select(map);
  if (changes.length === 0) return { from: 0, to: 0, insert: "", anchor, head };
  const from = changes[0].from;
  const to = changes[changes.length - 1].to;
  let insert = "";
  let at = from;
  for (const c of changes) {
    insert += text.slice(at, c.from) + c.insert;
    at = c.to;
  }
  return { from, to, insert, anchor, head };
}

const MARK: Record<InlineStyle, string> = { bold: "**", italic: "*" };

/** How many `*` touch the segment: outside it, else inside it (a selection that took the marks too). */
function runs(text: string, from: number, to: number): { outside: number; inside: number } {
  let before = 0;
  while (from - before > 0 && text[from - before - 1] === "*") before++;
  let after = 0;
  while (to + after < text.length && text[to + after] === "*") after++;
  let lead = 0;
  while (from + lead < to && text[from + lead] === "*") lead++;
  let trail = 0;
  while (to - trail - 1 >= from + lead && text[to - trail - 1] === "*") trail++;
  return { outside: Math.min(before, after), inside: from + lead < to - trail ? Math.min(lead, trail) : 0 };
}

/** `**`: two or three stars around; `*`: one or three. */
function styled(run: number, style: InlineStyle): boolean {
  return style === "bold" ? run >= 2 : run === 1 || run >= 3;
}

/** The word around a cursor (letters, digits, `_`, `'`), or null between words. */
function wordAt(text: string, pos: number): [number, number] | null {
  const word = /[\p{L}\p{N}_'’-]/u;
  let from = pos;
  while (from > 0 && word.test(text[from - 1])) from--;
  let to = pos;
  while (to < text.length && word.test(text[to])) to++;
  return from < to ? [from, to] : null;
}

/** Where each selected line's text starts and ends (spaces trimmed), blank lines left out. */
function segments(text: string, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let start = from;
  while (start <= to) {
    let end = text.indexOf("\n", start);
    if (end < 0 || end > to) end = to;
    let a = start;
    let b = end;
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    if (a < b) out.push([a, b]);
    start = end + 1;
  }
  return out;
}

/**
 * Bold or italic: wraps the selection (each selected line on its own, since
 * emphasis cannot cross a paragraph), or unwraps it when all of it already
 * has that style. With no selection: the word at the cursor; between words,
 * `placeholder` wrapped and selected, so typing replaces it.
 */
export function toggleInline(text: string, from: number, to: number, style: InlineStyle, placeholder: string): Edit {
  const mark = MARK[style];
  if (from === to) {
    const word = wordAt(text, from);
    if (!word) {
      const r = runs(text, from, to);
      // The cursor between the marks of an empty or just-made style: take them away.
      if (styled(r.outside, style) && text.slice(from - mark.length, from + mark.length) === mark + mark) {
        const changes = [{ from: from - mark.length, to: from + mark.length, insert: "" }];
        return combine(text, changes, () => [from - mark.length, from - mark.length]);
      }
      const changes = [{ from, to, insert: mark + placeholder + mark }];
      return combine(text, changes, () => [from + mark.length, from + mark.length + placeholder.length]);
    }
    const edit = toggleInline(text, word[0], word[1], style, placeholder);
    // Keep the cursor where it was in the word.
    const shift = edit.anchor - word[0];
    return { ...edit, anchor: from + shift, head: from + shift };
  }
  const segs = segments(text, from, to);
  if (segs.length === 0) return combine(text, [], () => [from, to]);
  const states = segs.map(([a, b]) => {
    const r = runs(text, a, b);
    if (styled(r.outside, style)) return "outside" as const;
    if (styled(r.inside, style)) return "inside" as const;
    return "plain" as const;
  });
  const allOn = states.every((s) => s !== "plain");
  const changes: Change[] = [];
  const n = mark.length;
  segs.forEach(([a, b], i) => {
    const state = states[i];
    if (allOn) {
      if (state === "outside") changes.push({ from: a - n, to: a, insert: "" }, { from: b, to: b + n, insert: "" });
      else changes.push({ from: a, to: a + n, insert: "" }, { from: b - n, to: b, insert: "" });
    } else if (state === "plain") {
      changes.push({ from: a, to: a, insert: mark }, { from: b, to: b, insert: mark });
    }
  });
  changes.sort((x, y) => x.from - y.from);
  const [first, last] = [segs[0][0], segs[segs.length - 1][1]];
  if (segs.length === 1) {
    // The selection is the text itself, marks outside, whichever way it went.
    const a = allOn ? (states[0] === "outside" ? first - n : first) : first + n;
    const length = allOn ? last - first - (states[0] === "inside" ? 2 * n : 0) : last - first;
    return combine(text, changes, () => [a, a + length]);
  }
  return combine(text, changes, (map) => [map(Math.min(from, first), -1), map(Math.max(to, last), 1)]);
}

const PREFIX: Record<LineStyle, RegExp> = {
  heading: /^#{1,6}[ \t]+/,
  tasks: /^[-*+][ \t]+\[[ xX]\][ \t]+/,
  bullets: /^[-*+][ \t]+(?!\[[ xX]\][ \t])/,
  numbers: /^\d{1,9}[.)][ \t]+/,
  quote: /^>[ \t]?/,
};

/** The prefixes a list style replaces (a bulleted line made numbered loses its bullet). */
const REPLACES: Record<LineStyle, LineStyle[]> = {
  heading: ["heading", "quote"],
  tasks: ["tasks", "bullets", "numbers"],
  bullets: ["tasks", "bullets", "numbers"],
  numbers: ["tasks", "bullets", "numbers"],
  quote: ["quote"],
};

function prefixFor(style: LineStyle, n: number): string {
  switch (style) {
    case "heading":
      return "## ";
    case "bullets":
      return "- ";
    case "numbers":
      return `${n}. `;
    case "tasks":
      return "- [ ] ";
    case "quote":
      return "> ";
  }
}

/** The lines the selection touches: `[start, end]` of each (a selection ending at a line's start leaves that line out). */
function linesOf(text: string, from: number, to: number): [number, number][] {
  const last = to > from && text[to - 1] === "\n" ? to - 1 : to;
  let start = text.lastIndexOf("\n", from - 1) + 1;
  const out: [number, number][] = [];
  for (;;) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    out.push([start, end]);
    if (end >= last || end === text.length) break;
    start = end + 1;
  }
  return out;
}

/**
 * A heading, list or quote: every selected line gets the prefix (numbers
 * count up), or loses it when all of them have it already. Blank lines stay
 * blank, except inside a quote, so the quote stays one block.
 */
export function toggleLines(text: string, from: number, to: number, style: LineStyle): Edit {
  const lines = linesOf(text, from, to);
  const indentOf = (start: number, end: number) => {
    let i = start;
    while (i < end && (text[i] === " " || text[i] === "\t")) i++;
    return i;
  };
  const filled = lines.filter(([s, e]) => indentOf(s, e) < e);
  const has = (s: number, e: number, st: LineStyle) => PREFIX[st].exec(text.slice(indentOf(s, e), e));
  const allOn = filled.length > 0 && filled.every(([s, e]) => has(s, e, style));
  const changes: Change[] = [];
  let n = 0;
  for (const [s, e] of lines) {
    const at = indentOf(s, e);
    if (at === e) {
      if (lines.length === 1) changes.push({ from: e, to: e, insert: prefixFor(style, 1) });
      else if (style === "quote" && !allOn) changes.push({ from: s, to: s, insert: ">" });
      continue;
    }
    if (allOn) {
      const found = has(s, e, style)!;
      changes.push({ from: at, to: at + found[0].length, insert: "" });
      continue;
    }
    n++;
    const old = REPLACES[style].map((st) => has(s, e, st)).find(Boolean);
    changes.push({ from: at, to: at + (old ? old[0].length : 0), insert: prefixFor(style, n) });
  }
  if (from === to) return combine(text, changes, (map) => [map(from, 1), map(from, 1)]);
  const start = lines[0][0];
  const end = lines[lines.length - 1][1];
  return combine(text, changes, (map) => [map(start, -1), map(end, 1)]);
}

const LINK = /^\[([^\]\n]*)\]\(([^)\s]*)\)$/;
const URL_LIKE = /^(https?:\/\/|www\.|mailto:)\S+$/i;

/** Whether the selection (or the link around the cursor) is a link already: its text. */
export function linkAt(text: string, from: number, to: number): { from: number; to: number; label: string; url: string } | null {
  const selected = LINK.exec(text.slice(from, to));
  if (selected) return { from, to, label: selected[1], url: selected[2] };
  // The cursor or selection inside `[label](url)`.
  const lineStart = text.lastIndexOf("\n", from - 1) + 1;
  let lineEnd = text.indexOf("\n", to);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  for (const m of line.matchAll(/(?<!!)\[([^\]\n]*)\]\(([^)\s]*)\)/g)) {
    const a = lineStart + m.index!;
    const b = a + m[0].length;
    if (a <= from && to <= b) return { from: a, to: b, label: m[1], url: m[2] };
  }
  return null;
}

/** Takes a link away, keeping its text (selected). */
export function unlink(text: string, link: { from: number; to: number; label: string }): Edit {
  return combine(text, [{ from: link.from, to: link.to, insert: link.label }], () => [link.from, link.from + link.label.length]);
}

/**
 * Makes the selection a link to `url`. A selected address becomes the
 * link's own text; with nothing selected, `placeholder` is the text, selected.
 */
export function makeLink(text: string, from: number, to: number, url: string, placeholder: string): Edit {
  const trimmed = text.slice(from, to).trim();
  // Several lines cannot be one link's text: the link goes after them.
  const selected = trimmed.includes("\n") ? "" : trimmed;
  const address = url.trim();
  const target = (/^www\./i.test(address) ? `https://${address}` : address).replace(/[()\s<>]/g, (c) => encodeURIComponent(c));
  const label = selected ? selected.replace(/[[\]]/g, "\\$&") : placeholder;
  const insert = `[${label}](${target})`;
  const a = selected ? from + text.slice(from, to).indexOf(selected) : to;
  const b = selected ? a + selected.length : to;
  return combine(text, [{ from: a, to: b, insert }], () => (selected ? [a + insert.length, a + insert.length] : [a + 1, a + 1 + label.length]));
}

/** Whether `text` looks like an address (a trainer who selected a URL and pressed Link). */
export function looksLikeUrl(text: string): boolean {
  return URL_LIKE.test(text.trim());
}

/**
 * A block (media reference, table) on lines of its own, with a blank line
 * before and after, at the end of the cursor's line: never inside a
 * sentence. The cursor goes after the block.
 */
export function insertBlock(text: string, pos: number, block: string): Edit {
  let at = text.indexOf("\n", pos);
  if (at < 0) at = text.length;
  if (text.slice(text.lastIndexOf("\n", pos - 1) + 1, at).trim() === "") at = text.lastIndexOf("\n", pos - 1) + 1;
  const before = text.slice(0, at);
  const after = text.slice(at);
  const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
  const core = block.trim();
  const tail = after === "" ? "\n" : after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
  const insert = lead + core + tail;
  // The cursor on the line after the block (the blank one, when there is one).
  const cursor = at + lead.length + core.length + (tail !== "" || after.startsWith("\n") ? 1 : 0);
  return combine(text, [{ from: at, to: at, insert }], () => [cursor, cursor]);
}

/** The paragraph (blank-line separated block) the position is in, counted from 0. */
export function blockIndex(text: string, pos: number): number {
  return (text.slice(0, pos).match(/\n[ \t]*\n(?=[ \t]*\S)/g) ?? []).length;
}

/** The end of paragraph `index` (the text's end when it has fewer): where the other language gets the same block. */
export function blockEnd(text: string, index: number): number {
  const re = /\n[ \t]*\n(?=[ \t]*\S)/g;
  let m: RegExpExecArray | null;
  let i = 0;
  while ((m = re.exec(text))) {
    if (i === index) return m.index;
    i++;
  }
  return text.length;
}

/** A two-column table with a header row and one empty row. */
export function tableBlock(column: string): string {
  return `| ${column} 1 | ${column} 2 |\n| --- | --- |\n|  |  |`;
}
