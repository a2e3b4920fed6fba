// The formatting toolbar on the real CodeMirror editor (jsdom has no layout,
// so Range rectangles are stubbed; keys go through CodeMirror's own keymap):
// every button, every shortcut, undo, the saver's view of the change,
// labels in the app's language, keyboard reach, link and media dialogs.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { BUTTONS, createFormatToolbar, type FormatAction } from "../src/components/format-toolbar";
import { createMarkdownEditor, type MarkdownEditor } from "../src/components/markdown-editor";
import { initLanguage, setLanguage } from "../src/i18n";
import * as ipc from "../src/ipc";
import { settle } from "./fixtures";

vi.mock("../src/ipc");
const mocked = vi.mocked(ipc);

beforeAll(() => {
  const none = { length: 0, item: () => null, [Symbol.iterator]: function* () {} } as unknown as DOMRectList;
  Range.prototype.getClientRects = () => none;
  Range.prototype.getBoundingClientRect = () => new DOMRect();
});

/** The key events a person's keyboard sends for each shortcut (keyCode as browsers set it). */
const PRESS: Record<FormatAction, KeyboardEventInit> = {
  bold: { key: "b", keyCode: 66, ctrlKey: true },
  italic: { key: "i", keyCode: 73, ctrlKey: true },
  heading: { key: "2", keyCode: 50, ctrlKey: true, altKey: true },
  bullets: { key: "*", keyCode: 56, ctrlKey: true, shiftKey: true },
  numbers: { key: "&", keyCode: 55, ctrlKey: true, shiftKey: true },
  tasks: { key: "(", keyCode: 57, ctrlKey: true, shiftKey: true },
  link: { key: "k", keyCode: 75, ctrlKey: true },
  quote: { key: ">", keyCode: 190, ctrlKey: true, shiftKey: true },
  table: { key: "T", keyCode: 84, ctrlKey: true, shiftKey: true },
  media: { key: "M", keyCode: 77, ctrlKey: true, shiftKey: true },
};

function mount(text: string) {
  const changes: string[] = [];
  const insertMedia = vi.fn();
  let editor: MarkdownEditor | null = null;
  const toolbar = createFormatToolbar({ lang: "pt", courseId: "c1", editor: () => editor!, insertMedia });
  editor = createMarkdownEditor({ text, lang: "pt", label: "Texto", onChange: (t) => changes.push(t), keys: toolbar.keys });
  document.body.replaceChildren(toolbar.root, editor.dom);
  const button = (action: FormatAction) => toolbar.root.querySelector<HTMLButtonElement>(`[data-format="${action}"]`)!;
  const press = (init: KeyboardEventInit) =>
    editor!.dom.querySelector(".cm-content")!.dispatchEvent(new KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init }));
  const select = (from: number, to = from) => editor!.apply({ from: 0, to: 0, insert: "", anchor: from, head: to });
  return { editor, toolbar, changes, insertMedia, button, press, select };
}

/** What each simple button does to "pão leite" with "leite" selected. */
const EXPECTED: Partial<Record<FormatAction, string>> = {
  bold: "pão **leite**",
  italic: "pão *leite*",
  heading: "## pão leite",
  bullets: "- pão leite",
  numbers: "1. pão leite",
  tasks: "- [ ] pão leite",
  quote: "> pão leite",
  table: "pão leite\n\n| Coluna 1 | Coluna 2 |\n| --- | --- |\n|  |  |\n",
};

describe("formatting toolbar", () => {
  beforeEach(() => {
    localStorage.clear();
    initLanguage();
    vi.resetAllMocks();
  });

  it("has a named button for every action, with the shortcut in its tooltip, in Portuguese and English", () => {
    let { toolbar, button } = mount("");
    expect(toolbar.root.getAttribute("role")).toBe("toolbar");
    expect(toolbar.root.getAttribute("aria-label")).toBe("Formatação do texto em português");
    expect(button("bold").getAttribute("aria-label")).toBe("Negrito");
    expect(button("bold").title).toBe("Negrito (Ctrl+B)");
    expect(button("bold").textContent).toBe("N");
    expect(button("bold").getAttribute("aria-keyshortcuts")).toBe("Control+B");
    for (const { action } of BUTTONS) {
      expect(button(action).getAttribute("aria-label")).toBeTruthy();
      expect(button(action).title).toMatch(/\(Ctrl\+/);
    }
    setLanguage("en");
    ({ toolbar, button } = mount(""));
    expect(button("bold").title).toBe("Bold (Ctrl+B)");
    expect(button("bold").textContent).toBe("B");
    expect(button("media").getAttribute("aria-label")).toBe("Image/video from the course");
  });

  for (const [action, after] of Object.entries(EXPECTED) as [FormatAction, string][]) {
    it(`${action}: the button and its shortcut make the same edit, one undo takes it back, the saver sees both`, () => {
      const a = mount("pão leite");
      a.select(4, 9);
      a.button(action).click();
      expect(a.editor.getText()).toBe(after);
      expect(a.changes.at(-1)).toBe(after);
      // The editor's own undo (Ctrl+Z) takes the whole edit back in one step.
      a.press({ key: "z", keyCode: 90, ctrlKey: true });
      expect(a.editor.getText()).toBe("pão leite");
      expect(a.changes.at(-1)).toBe("pão leite");

      const b = mount("pão leite");
      b.select(4, 9);
      b.press(PRESS[action]);
      expect(b.editor.getText()).toBe(after);
    });
  }

  it("pressing bold twice gives the text back; on a Portuguese keyboard Ctrl+Shift+8 still makes a list", () => {
    const a = mount("Somos todos cidadãos");
    a.select(6, 11);
    a.press(PRESS.bold);
    a.press(PRESS.bold);
    expect(a.editor.getText()).toBe("Somos todos cidadãos");
    expect(a.editor.selection()).toEqual({ from: 6, to: 11 });
    // Shift+8 types "(" on a Portuguese keyboard: the key's code is the same.
    a.press({ key: "(", keyCode: 56, ctrlKey: true, shiftKey: true });
    expect(a.editor.getText()).toBe("- Somos todos cidadãos");
  });

  it("keeps the editor's focus and selection when the mouse presses a button", () => {
    const { button } = mount("x");
    const down = new MouseEvent("mousedown", { bubbles: true, cancelable: true });
    button("bold").dispatchEvent(down);
    expect(down.defaultPrevented).toBe(true);
  });

  it("is one tab stop; the arrow keys, Home and End move between its buttons", () => {
    const { toolbar, button } = mount("");
    const stops = [...toolbar.root.querySelectorAll("button")].filter((b) => b.tabIndex === 0);
    expect(stops).toEqual([button("bold")]);
    button("bold").focus();
    toolbar.root.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
    expect(document.activeElement).toBe(button("italic"));
    toolbar.root.dispatchEvent(new KeyboardEvent("keydown", { key: "End", bubbles: true }));
    expect(document.activeElement).toBe(button("media"));
    toolbar.root.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
    expect(document.activeElement).toBe(button("bold"));
    toolbar.root.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowLeft", bubbles: true }));
    expect(document.activeElement).toBe(button("media"));
    expect([...toolbar.root.querySelectorAll("button")].filter((b) => b.tabIndex === 0)).toEqual([button("media")]);
  });

  it("link: asks for the address, links the selection; on a link, takes it off", async () => {
    const a = mount("Leia a Constituição hoje");
    a.select(7, 19);
    a.press(PRESS.link);
    await settle();
    const input = document.querySelector<HTMLInputElement>('[data-testid="prompt"] input')!;
    expect(input.value).toBe("https://");
    input.value = "https://www.parlamento.pt";
    document.querySelector<HTMLButtonElement>('[data-testid="prompt"] [data-action="confirm"]')!.click();
    await settle();
    expect(a.editor.getText()).toBe("Leia a [Constituição](https://www.parlamento.pt) hoje");
    a.select(10);
    a.button("link").click();
    await settle();
    expect(a.editor.getText()).toBe("Leia a Constituição hoje");
    expect(document.querySelector('[data-testid="prompt"]')).toBeNull();
  });

  it("media: lists the course's files; the one chosen goes to the lesson as a reference", async () => {
    mocked.listMedia.mockResolvedValue([
      { name: "entrevista-1.mp4", kind: "video" },
      { name: "mapa.png", kind: "image" },
    ] as Awaited<ReturnType<typeof ipc.listMedia>>);
    const a = mount("Texto");
    a.press(PRESS.media);
    await settle();
    const choices = [...document.querySelectorAll<HTMLButtonElement>('[data-testid="media-picker"] .media-choice')];
    expect(choices.map((c) => c.dataset.name)).toEqual(["entrevista-1.mp4", "mapa.png"]);
    expect(choices[0].textContent).toContain("Vídeo");
    choices[0].click();
    expect(a.insertMedia).toHaveBeenCalledWith("![entrevista 1](media:entrevista-1.mp4)");
    expect(document.querySelector('[data-testid="media-picker"]')).toBeNull();
  });

  it("media: a course with none says where to attach them", async () => {
    mocked.listMedia.mockResolvedValue([]);
    const a = mount("Texto");
    a.button("media").click();
    await settle();
    expect(document.querySelector('[data-testid="media-picker"]')?.textContent).toContain("painel Multimédia");
    expect(a.insertMedia).not.toHaveBeenCalled();
  });
});
