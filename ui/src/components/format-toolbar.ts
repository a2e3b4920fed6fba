// The formatting toolbar above a lesson text: bold, italic, heading, lists,
// link, quote, table and media from the course, for trainers who do not
// know Markdown. Each button is named in the app's language, its tooltip
// names the shortcut, and the same shortcut works in the text. The toolbar
// is one tab stop (arrow keys move between buttons: the roving tabindex of
// the ARIA toolbar pattern). Buttons act on the editor's selection without
// taking the focus away from it, as one undoable step the saver sees.
import type { Lang, MediaItem } from "../bindings";
import { h } from "../dom";
import { t, type MessageKey } from "../i18n";
import * as ipc from "../ipc";
import { insertBlock, linkAt, looksLikeUrl, makeLink, tableBlock, toggleInline, toggleLines, unlink, type Edit } from "./format";
import type { MarkdownEditor } from "./markdown-editor";
import { openModal, promptDialog } from "./modal";

export type FormatAction = "bold" | "italic" | "heading" | "bullets" | "numbers" | "tasks" | "link" | "quote" | "table" | "media";

interface Button {
  action: FormatAction;
  /** CodeMirror's notation. */
  key: string;
  /** As people read it (and aria-keyshortcuts, with "Control"). */
  keys: string;
}

export const BUTTONS: Button[] = [
  { action: "bold", key: "Mod-b", keys: "Ctrl+B" },
  { action: "italic", key: "Mod-i", keys: "Ctrl+I" },
  { action: "heading", key: "Mod-Alt-2", keys: "Ctrl+Alt+2" },
  { action: "bullets", key: "Mod-Shift-8", keys: "Ctrl+Shift+8" },
  { action: "numbers", key: "Mod-Shift-7", keys: "Ctrl+Shift+7" },
  { action: "tasks", key: "Mod-Shift-9", keys: "Ctrl+Shift+9" },
  { action: "link", key: "Mod-k", keys: "Ctrl+K" },
  { action: "quote", key: "Mod-Shift-.", keys: "Ctrl+Shift+." },
  { action: "table", key: "Mod-Shift-t", keys: "Ctrl+Shift+T" },
  { action: "media", key: "Mod-Shift-m", keys: "Ctrl+Shift+M" },
];

/** The text an edit leaves, for callers that check it. */
export function applied(text: string, edit: Edit): string {
  return text.slice(0, edit.from) + edit.insert + text.slice(edit.to);
}

/** The edit a button makes, for the actions that need nothing but the text. */
export function editFor(action: Exclude<FormatAction, "link" | "media">, text: string, from: number, to: number): Edit {
  switch (action) {
    case "bold":
    case "italic":
      return toggleInline(text, from, to, action, t(`format.${action}.placeholder`));
    case "table":
      return insertBlock(text, to, tableBlock(t("format.table.column")));
    default:
      return toggleLines(text, from, to, action);
  }
}

export interface ToolbarOptions {
  lang: Lang;
  courseId: string;
  /** The editor the toolbar acts on (made after the toolbar, which gives it its shortcuts). */
  editor(): MarkdownEditor;
  /** Puts a media reference in the lesson (both languages: the lesson view decides where). */
  insertMedia(reference: string): void;
}

export interface FormatToolbar {
  root: HTMLElement;
  /** The shortcuts, for createMarkdownEditor. */
  keys: { key: string; run(): void }[];
  run(action: FormatAction): Promise<void>;
}

export function createFormatToolbar(options: ToolbarOptions): FormatToolbar {
  const buttons = BUTTONS.map(({ action, keys }) => {
    const name = t(`format.${action}` as MessageKey);
    const button = h(
      "button",
      {
        type: "button",
        class: `format-button format-${action}`,
        "data-format": action,
        "aria-label": name,
        "aria-keyshortcuts": keys.replace("Ctrl", "Control"),
        title: t("format.shortcut", { name, keys }),
        tabindex: action === "bold" ? 0 : -1,
      },
      t(`format.${action}.short` as MessageKey),
    );
    // The editor keeps its focus and selection while the mouse presses a button.
    button.addEventListener("mousedown", (event) => event.preventDefault());
    button.addEventListener("click", () => void run(action));
    return button;
  });
  const root = h("div", { class: "format-toolbar", role: "toolbar", "aria-label": t("format.toolbar", { lang: t(`lang.${options.lang}.inline`) }), "data-lang": options.lang }, ...buttons);
  root.addEventListener("keydown", (event) => {
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = buttons[(next + buttons.length) % buttons.length];
    for (const b of buttons) b.tabIndex = b === target ? 0 : -1;
    target.focus();
  });

  async function run(action: FormatAction): Promise<void> {
    const editor = options.editor();
    const { from, to } = editor.selection();
    const text = editor.getText();
    if (action === "link") return link(editor, text, from, to);
    if (action === "media") return media(editor);
    editor.apply(editFor(action, text, from, to));
  }

  async function link(editor: MarkdownEditor, text: string, from: number, to: number) {
    const existing = linkAt(text, from, to);
    if (existing) return editor.apply(unlink(text, existing));
    const selected = text.slice(from, to);
    const url = await promptDialog(t("format.link.title"), t("format.link.label"), looksLikeUrl(selected) ? selected.trim() : "https://", t("format.link.ok"));
    if (!url || !url.trim() || url.trim() === "https://") return editor.focus();
    // The text may have changed while the dialog was open: act on it as it is now.
    const now = editor.getText();
    const sel = editor.selection();
    editor.apply(makeLink(now, sel.from, sel.to, url, t("format.link.placeholder")));
  }

  async function media(editor: MarkdownEditor) {
    const modal = openModal(t("format.media.title"), { testId: "media-picker" });
    const list = h("ul", { class: "media-picker" });
    modal.body.append(h("p", { class: "muted" }, t("format.media.hint")), list);
    const cancel = h("button", { type: "button", class: "button" }, t("common.cancel"));
    cancel.addEventListener("click", () => modal.close());
    modal.actions.append(cancel);
    let items: MediaItem[] = [];
    try {
      items = await ipc.listMedia(options.courseId);
    } catch {
      items = [];
    }
    if (items.length === 0) {
      list.replaceWith(h("p", { class: "empty-small", role: "status" }, t("format.media.empty")));
      cancel.focus();
      return;
    }
    for (const item of items) {
      const choose = h("button", { type: "button", class: "button media-choice", "data-name": item.name }, h("code", {}, item.name), " ", h("span", { class: "muted" }, t(`media.kind.${item.kind}` as MessageKey)));
      choose.addEventListener("click", () => {
        modal.close();
        editor.focus();
        options.insertMedia(mediaMarkdown(item));
      });
      list.append(h("li", {}, choose));
    }
    list.querySelector("button")?.focus();
  }

  return {
    root,
    keys: BUTTONS.map(({ action, key }) => ({ key, run: () => void run(action) })),
    run,
  };
}

/** `![name](media:NAME)`: what the core renders as the image, video or sound. */
export function mediaMarkdown(item: Pick<MediaItem, "name">): string {
  const title = item.name.replace(/\.[^.]+$/, "").replace(/[-_]+/g, " ");
  return `![${title}](media:${item.name})`;
}
