// The toolbar's text transformations. Texts are written with the selection
// marked: «…» around a selection, | for a cursor; the result is shown the
// same way, so each case reads as before → after.
import { beforeEach, describe, expect, it } from "vitest";

import { blockEnd, blockIndex, insertBlock, linkAt, makeLink, unlink, type Edit } from "../src/components/format";
import { applied, editFor } from "../src/components/format-toolbar";
import { initLanguage } from "../src/i18n";

function parse(marked: string): { text: string; from: number; to: number } {
  const cursor = marked.indexOf("|");
  if (cursor >= 0) return { text: marked.replace("|", ""), from: cursor, to: cursor };
  const from = marked.indexOf("«");
  const to = marked.indexOf("»") - 1;
  return { text: marked.replace("«", "").replace("»", ""), from, to };
}

function show(text: string, edit: Edit): string {
  const out = applied(text, edit);
  const [a, b] = [Math.min(edit.anchor, edit.head), Math.max(edit.anchor, edit.head)];
  return a === b ? out.slice(0, a) + "|" + out.slice(a) : out.slice(0, a) + "«" + out.slice(a, b) + "»" + out.slice(b);
}

type Simple = Parameters<typeof editFor>[0];
function act(action: Simple, marked: string): string {
  const { text, from, to } = parse(marked);
  return show(text, editFor(action, text, from, to));
}

/** Pressing the same button twice gives back the text it started from. */
function roundTrip(action: Simple, marked: string) {
  const once = act(action, marked);
  expect(act(action, once).replace(/[«»|]/g, "")).toBe(marked.replace(/[«»|]/g, ""));
}

beforeEach(() => {
  localStorage.clear();
  initLanguage();
});

describe("bold and italic", () => {
  it("wrap a selection and keep it selected", () => {
    expect(act("bold", "Somos «todos» cidadãos")).toBe("Somos **«todos»** cidadãos");
    expect(act("italic", "Somos «todos» cidadãos")).toBe("Somos *«todos»* cidadãos");
  });

  it("unwrap when already bold, whether the marks are selected or not", () => {
    expect(act("bold", "Somos **«todos»** cidadãos")).toBe("Somos «todos» cidadãos");
    expect(act("bold", "Somos «**todos**» cidadãos")).toBe("Somos «todos» cidadãos");
    expect(act("italic", "Somos *«todos»* cidadãos")).toBe("Somos «todos» cidadãos");
    roundTrip("bold", "«a b c»");
    roundTrip("italic", "x «a b c» y");
  });

  it("tell bold from italic: italic on bold makes both, and each comes off alone", () => {
    expect(act("italic", "**«todos»**")).toBe("***«todos»***");
    expect(act("bold", "*«todos»*")).toBe("***«todos»***");
    expect(act("bold", "***«todos»***")).toBe("*«todos»*");
    expect(act("italic", "***«todos»***")).toBe("**«todos»**");
  });

  it("keep the spaces a double click selects outside the marks", () => {
    expect(act("bold", "Somos «todos »cidadãos")).toBe("Somos **«todos»** cidadãos");
  });

  it("with no selection: the word at the cursor, keeping the cursor in it", () => {
    expect(act("bold", "Somos to|dos cidadãos")).toBe("Somos **to|dos** cidadãos");
    expect(act("bold", "Somos **to|dos** cidadãos")).toBe("Somos to|dos cidadãos");
    expect(act("italic", "Somos cidadã|os")).toBe("Somos *cidadã|os*");
  });

  it("between words: a placeholder in the app's language, selected so typing replaces it", () => {
    expect(act("bold", "Somos | cidadãos")).toBe("Somos **«texto em negrito»** cidadãos");
    expect(act("italic", "|")).toBe("*«texto em itálico»*");
    expect(act("bold", "a **|** b")).toBe("a | b");
  });

  it("on several lines: each line on its own (emphasis cannot cross lines), off when all are on", () => {
    expect(act("bold", "«um\ndois\n\ntrês»")).toBe("«**um**\n**dois**\n\n**três**»");
    expect(act("bold", "«**um**\n**dois**»")).toBe("«um\ndois»");
    // Mixed: the plain lines are made bold, the bold ones stay.
    expect(act("bold", "«**um**\ndois»").replace(/[«»]/g, "")).toBe("**um**\n**dois**");
  });
});

describe("headings, lists and quotes", () => {
  it("heading: the cursor's line, on and off", () => {
    expect(act("heading", "Direitos e de|veres")).toBe("## Direitos e de|veres");
    expect(act("heading", "## Direitos e de|veres")).toBe("Direitos e de|veres");
    expect(act("heading", "# Títu|lo")).toBe("Títu|lo");
    expect(act("heading", "> citação|")).toBe("## citação|");
  });

  it("bulleted list: every selected line gets a bullet, and loses it on the second press", () => {
    expect(act("bullets", "«pão\nleite\nfruta»")).toBe("«- pão\n- leite\n- fruta»");
    expect(act("bullets", "«- pão\n- leite»")).toBe("«pão\nleite»");
    roundTrip("bullets", "antes\n«pão\nleite»\ndepois");
  });

  it("a selection that ends at the start of a line leaves that line alone", () => {
    expect(act("bullets", "«pão\n»leite")).toBe("«- pão»\nleite");
  });

  it("numbered list counts up, and replaces bullets", () => {
    expect(act("numbers", "«pão\nleite\nfruta»")).toBe("«1. pão\n2. leite\n3. fruta»");
    expect(act("numbers", "«- pão\n- leite»")).toBe("«1. pão\n2. leite»");
    expect(act("numbers", "«1. pão\n2. leite»")).toBe("«pão\nleite»");
  });

  it("checklist: unticked boxes; bullets become boxes, boxes come off", () => {
    expect(act("tasks", "«pão\n- leite»")).toBe("«- [ ] pão\n- [ ] leite»");
    expect(act("tasks", "«- [ ] pão\n- [x] leite»")).toBe("«pão\nleite»");
    // A checklist is not a plain bulleted list.
    expect(act("bullets", "«- [ ] pão»")).toBe("«- pão»");
  });

  it("blank lines stay blank in lists; a quote keeps them inside it", () => {
    expect(act("bullets", "«um\n\ndois»")).toBe("«- um\n\n- dois»");
    expect(act("quote", "«um\n\ndois»")).toBe("«> um\n>\n> dois»");
    expect(act("quote", "«> um\n>\n> dois»")).toBe("«um\n\ndois»");
  });

  it("indented lines keep their indentation", () => {
    expect(act("bullets", "«  pão»")).toBe("«  - pão»");
  });

  it("with the cursor on an empty line: the prefix, and the cursor after it", () => {
    expect(act("bullets", "texto\n|")).toBe("texto\n- |");
    expect(act("numbers", "|")).toBe("1. |");
    expect(act("quote", "|")).toBe("> |");
  });
});

describe("table and media blocks", () => {
  it("a table goes on lines of its own after the cursor's line, with blank lines around", () => {
    expect(act("table", "Antes da ta|bela\nDepois")).toBe("Antes da tabela\n\n| Coluna 1 | Coluna 2 |\n| --- | --- |\n|  |  |\n|\nDepois");
  });

  it("a media reference never lands inside a sentence", () => {
    const text = "Veja o vídeo e comente.";
    expect(show(text, insertBlock(text, 6, "![v](media:v.mp4)"))).toBe("Veja o vídeo e comente.\n\n![v](media:v.mp4)\n|");
    const two = "Um.\n\nDois.";
    expect(show(two, insertBlock(two, 2, "![v](media:v.mp4)"))).toBe("Um.\n\n![v](media:v.mp4)\n|\nDois.");
    expect(show("", insertBlock("", 0, "![v](media:v.mp4)"))).toBe("![v](media:v.mp4)\n|");
  });

  it("paragraph numbers find the same place in the other language", () => {
    const pt = "Um.\n\nDois, com mais texto.\n\nTrês.";
    const en = "One.\n\nTwo.\n\nThree.";
    expect(blockIndex(pt, pt.indexOf("mais"))).toBe(1);
    expect(en.slice(0, blockEnd(en, 1))).toBe("One.\n\nTwo.");
    expect(blockEnd(en, 7)).toBe(en.length);
  });
});

describe("links", () => {
  it("the selection becomes the link's text; a www address gets https", () => {
    const { text, from, to } = parse("Leia a «Constituição» hoje");
    expect(show(text, makeLink(text, from, to, "www.parlamento.pt", "texto da ligação"))).toBe("Leia a [Constituição](https://www.parlamento.pt)| hoje");
  });

  it("with no selection: a placeholder text, selected", () => {
    const { text, from, to } = parse("Veja |");
    expect(show(text, makeLink(text, from, to, "https://example.org/a b", "texto da ligação"))).toBe("Veja [«texto da ligação»](https://example.org/a%20b)");
  });

  it("pressed on a link: the link comes off, its text stays", () => {
    const { text, from, to } = parse("Leia a [Consti|tuição](https://x.pt) hoje");
    const link = linkAt(text, from, to)!;
    expect(link.url).toBe("https://x.pt");
    expect(show(text, unlink(text, link))).toBe("Leia a «Constituição» hoje");
    // An image is not a link.
    expect(linkAt("![a](media:a.png)", 3, 3)).toBeNull();
  });
});
