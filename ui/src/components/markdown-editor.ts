// A markdown editor: CodeMirror 6 (bundled, no CDN) with history (undo/redo),
// markdown highlighting and line wrapping. Views only use this interface, so
// tests replace the module with a textarea.
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { markdown } from "@codemirror/lang-markdown";
import { defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { EditorState, Prec } from "@codemirror/state";
import { EditorView, keymap, placeholder as placeholderExt } from "@codemirror/view";

import type { Edit } from "./format";

export interface MarkdownEditor {
  readonly dom: HTMLElement;
  getText(): string;
  /** Replaces the whole text (a new document: the undo history starts again). */
  setText(text: string): void;
  /** Inserts at the cursor (or replaces the selection) and focuses. */
  insertAtCursor(text: string): void;
  /** The selection, as character offsets (`from <= to`). */
  selection(): { from: number; to: number };
  /** One formatting edit: a single step of the undo history, and `onChange` sees it (saver, preview). */
  apply(edit: Edit, focus?: boolean): void;
  focus(): void;
  destroy(): void;
}

export interface EditorOptions {
  text: string;
  lang: string;
  label: string;
  placeholder?: string;
  onChange(text: string): void;
  onFocus?(): void;
  /** Attributes of the editor's outer element (CodeMirror owns its class list). */
  attributes?: Record<string, string>;
  /** Shortcuts in CodeMirror's notation ("Mod-b", "Mod-Shift-8"), before the default ones. */
  keys?: { key: string; run(): void }[];
}

/** The nonce the shell put on index.html's <style> (and in the CSP's style-src), if any. */
function styleNonce(): string | null {
  return document.querySelector<HTMLStyleElement>("style#style-nonce")?.nonce || null;
}

export function createMarkdownEditor(options: EditorOptions): MarkdownEditor {
  const nonce = styleNonce();
  const extensions = [
    ...(nonce ? [EditorView.cspNonce.of(nonce)] : []),
    history(),
    Prec.high(keymap.of((options.keys ?? []).map(({ key, run }) => ({ key, run: () => (run(), true), preventDefault: true })))),
    keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
    markdown(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    EditorView.lineWrapping,
    EditorView.editorAttributes.of({ ...(options.attributes ?? {}), class: `md-editor ${options.attributes?.class ?? ""}`.trim() }),
    EditorView.contentAttributes.of({ lang: options.lang, "aria-label": options.label, spellcheck: "true" }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) options.onChange(update.state.doc.toString());
      if (update.focusChanged && update.view.hasFocus) options.onFocus?.();
    }),
    ...(options.placeholder ? [placeholderExt(options.placeholder)] : []),
  ];
  const state = () => EditorState.create({ doc: options.text, extensions });
  const view = new EditorView({ state: state() });
  return {
    dom: view.dom,
    getText: () => view.state.doc.toString(),
    setText(text: string) {
      options.text = text;
      view.setState(state());
    },
    insertAtCursor(text: string) {
      const range = view.state.selection.main;
      view.dispatch({
        changes: { from: range.from, to: range.to, insert: text },
        selection: { anchor: range.from + text.length },
        scrollIntoView: true,
      });
      view.focus();
    },
    selection() {
      const { from, to } = view.state.selection.main;
      return { from, to };
    },
    apply(edit: Edit, focus = true) {
      view.dispatch({
        changes: { from: edit.from, to: edit.to, insert: edit.insert },
        selection: { anchor: edit.anchor, head: edit.head },
        scrollIntoView: true,
        userEvent: "input.format",
      });
      if (focus) view.focus();
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
