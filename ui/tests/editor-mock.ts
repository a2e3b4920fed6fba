// A textarea in place of CodeMirror (which needs a real layout engine).
import type { EditorOptions, MarkdownEditor } from "../src/components/markdown-editor";

export function createMarkdownEditor(options: EditorOptions): MarkdownEditor {
  const area = document.createElement("textarea");
  area.value = options.text;
  area.lang = options.lang;
  for (const [name, value] of Object.entries(options.attributes ?? {})) area.setAttribute(name, value);
  area.setAttribute("aria-label", options.label);
  area.addEventListener("input", () => options.onChange(area.value));
  area.addEventListener("focus", () => options.onFocus?.());
  return {
    dom: area,
    getText: () => area.value,
    setText: (text) => (area.value = text),
    insertAtCursor(text) {
      const at = area.selectionStart ?? area.value.length;
      area.value = area.value.slice(0, at) + text + area.value.slice(area.selectionEnd ?? at);
      options.onChange(area.value);
    },
    selection: () => ({ from: area.selectionStart, to: area.selectionEnd }),
    // As the real editor: one edit, the selection set, and onChange told.
    apply(edit, focus = true) {
      area.setRangeText(edit.insert, edit.from, edit.to);
      area.setSelectionRange(Math.min(edit.anchor, edit.head), Math.max(edit.anchor, edit.head));
      area.dispatchEvent(new Event("input"));
      if (focus) area.focus();
    },
    focus: () => area.focus(),
    destroy: () => area.remove(),
  };
}
