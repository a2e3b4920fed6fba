// The lesson editor: Portuguese and English side by side. Each language has
// its title, its markdown body (CodeMirror, with undo/redo) and a live
// preview rendered by the core's one renderer, shown in a sandboxed frame
// (no scripts, no same-origin, so lesson HTML can never reach IPC). The
// translation side shows whether it is missing or stale, with "mark
// reviewed". Then facilitator notes, minutes and the quiz.
import type { Course, ErrorReport, Lang, Lesson, LessonField, TranslationStatus } from "../bindings";
import { createMarkdownEditor, type MarkdownEditor } from "../components/markdown-editor";
import { h } from "../dom";
import { t } from "../i18n";
import * as ipc from "../ipc";
import type { Saver } from "../saver";
import { debounce } from "../util";
import { renderQuizEditor } from "./quiz";

export const PREVIEW_DELAY = 60;
const LANGS: Lang[] = ["pt", "en"];

export interface LessonEditor {
  root: HTMLElement;
  /** Inserts text at the cursor of the markdown editor used last. */
  insert(text: string): void;
  setPreview(on: boolean): void;
  destroy(): void;
}

export interface LessonContext {
  course: Course;
  lesson: Lesson;
  position: string;
  saver: Saver;
  preview: boolean;
  onSaved(lesson: Lesson, status: TranslationStatus | null): void;
  onDelete(): void;
  error(error: ErrorReport): void;
}

/** The document shown in the preview frame: the core's HTML and our stylesheet, nothing else. */
export function previewDocument(html: string, lang: Lang): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><link rel="stylesheet" href="preview.css"></head><body><main class="lesson">${html}</main></body></html>`;
}

export function mountLessonEditor(ctx: LessonContext): LessonEditor {
  const { course, saver } = ctx;
  let lesson = ctx.lesson;
  const source = course.source_lang;
  let status: TranslationStatus | null = null;
  let lastEditor: MarkdownEditor | null = null;
  const editors: MarkdownEditor[] = [];
  const badges = new Map<string, HTMLElement>();
  const previews = new Map<Lang, HTMLIFrameElement>();
  let previewOn = ctx.preview;
  const seq: Record<Lang, number> = { pt: 0, en: 0 };

  const refreshStatus = debounce(async () => {
    try {
      status = await ipc.lessonStatus(lesson.id);
      paintBadges();
      ctx.onSaved(lesson, status);
    } catch (error) {
      ctx.error(error as ErrorReport);
    }
  }, 100);

  // One library, one writer: every text save says what it was based on (the
  // text loaded, then the text last saved); a text another window or program
  // changed meanwhile is not overwritten: the save is refused (edit_conflict)
  // and both texts are shown, for the person to choose.
  const FIELDS: LessonField[] = ["title", "body", "notes"];
  const bases = new Map<string, string>();
  for (const field of FIELDS) for (const lang of LANGS) bases.set(`${field}:${lang}`, lesson[field][lang]);
  const controls = new Map<string, { get(): string; set(text: string): void }>();
  const conflictSlots = new Map<string, HTMLElement>();

  function save(field: LessonField, lang: Lang, text: string) {
    const key = `${field}:${lang}`;
    saver.schedule(`lesson:${lesson.id}:${key}`, async () => {
      try {
        lesson = await ipc.setLessonText(lesson.id, field, lang, bases.get(key) ?? "", text);
      } catch (error) {
        if ((error as ErrorReport).code === "edit_conflict") void showConflict(field, lang);
        throw error;
      }
      bases.set(key, lesson[field][lang]);
      conflictSlots.get(key)?.replaceChildren();
      // At once, not with the status: the course the editor holds must know
      // the saved text before the person moves to another lesson and back.
      ctx.onSaved(lesson, null);
      refreshStatus();
    });
  }

  function conflictSlot(field: LessonField, lang: Lang): HTMLElement {
    const slot = h("div", { class: "conflict-slot", "data-field": field, "data-lang": lang });
    conflictSlots.set(`${field}:${lang}`, slot);
    return slot;
  }

  /** Shows the text stored elsewhere beside the person's own, and lets them choose. */
  async function showConflict(field: LessonField, lang: Lang) {
    const key = `${field}:${lang}`;
    let theirs: string;
    try {
      const stored = await ipc.getCourse(course.id);
      const found = stored.modules.flatMap((m) => m.lessons).find((l) => l.id === lesson.id);
      if (!found) return;
      theirs = found[field][lang];
    } catch (error) {
      ctx.error(error as ErrorReport);
      return;
    }
    const keepMine = h("button", { type: "button", class: "button button-primary", "data-action": "keep-mine" }, t("editor.conflict.keepMine"));
    const useTheirs = h("button", { type: "button", class: "button", "data-action": "use-theirs" }, t("editor.conflict.useTheirs"));
    const resolve = (text: string) => {
      bases.set(key, theirs);
      conflictSlots.get(key)?.replaceChildren();
      save(field, lang, text);
      void saver.flush();
    };
    keepMine.addEventListener("click", () => resolve(controls.get(key)?.get() ?? ""));
    useTheirs.addEventListener("click", () => {
      controls.get(key)?.set(theirs);
      resolve(theirs);
    });
    conflictSlots.get(key)?.replaceChildren(
      h(
        "div",
        { class: "conflict banner banner-warn", role: "alert" },
        h("div", { class: "banner-title" }, t("editor.conflict.title")),
        h("p", { class: "banner-detail" }, t("editor.conflict.body")),
        h("label", { class: "label" }, t("editor.conflict.theirs"), h("textarea", { class: "input conflict-theirs", readonly: true, rows: 4, lang }, theirs)),
        h("div", { class: "banner-actions" }, keepMine, " ", useTheirs),
      ),
    );
  }

  async function renderPreview(lang: Lang, text: string) {
    const frame = previews.get(lang);
    if (!frame || !previewOn) return;
    const mine = ++seq[lang];
    try {
      const html = await ipc.renderPreview(course.id, text, lang);
      if (mine === seq[lang]) frame.srcdoc = previewDocument(html, lang);
    } catch (error) {
      ctx.error(error as ErrorReport);
    }
  }
  const previewSoon = {
    pt: debounce((text: string) => void renderPreview("pt", text), PREVIEW_DELAY),
    en: debounce((text: string) => void renderPreview("en", text), PREVIEW_DELAY),
  };

  function stateOf(field: string, lang: Lang) {
    const f = status?.fields.find((x) => x.owner_id === lesson.id && x.field === field);
    return f ? f[lang] : "complete";
  }

  /** The marker of one field in one language: missing / stale (+ mark reviewed). */
  function badge(field: LessonField | "quiz", lang: Lang): HTMLElement {
    const el = h("span", { class: "field-state", "data-field": field, "data-lang": lang });
    badges.set(`${field}:${lang}`, el);
    return el;
  }

  function paintBadges() {
    for (const [key, el] of badges) {
      const [field, lang] = key.split(":") as [LessonField | "quiz", Lang];
      const state = stateOf(field, lang);
      el.dataset.state = state;
      if (state === "complete") {
        el.replaceChildren();
        continue;
      }
      const label = h("span", { class: `badge badge-${state}` }, t(`state.${state}`));
      if (state === "stale") {
        const review = h("button", { type: "button", class: "link-button", "data-action": "mark-reviewed" }, t("editor.markReviewed"));
        review.addEventListener("click", async () => {
          await saver.flush();
          try {
            lesson = field === "quiz" ? await ipc.markQuizReviewed(lesson.id) : await ipc.markLessonReviewed(lesson.id, field);
            refreshStatus();
          } catch (error) {
            ctx.error(error as ErrorReport);
          }
        });
        el.replaceChildren(label, review);
      } else el.replaceChildren(label);
    }
  }

  function column(lang: Lang): HTMLElement {
    const isSource = lang === source;
    const title = h("input", {
      type: "text",
      class: "input input-title",
      value: lesson.title[lang],
      lang,
      "data-field": "title",
      "data-lang": lang,
      "aria-label": t("editor.lesson.title", { lang: t(`lang.${lang}.inline`) }),
      placeholder: t("editor.lesson.title.placeholder"),
    });
    title.addEventListener("input", () => save("title", lang, title.value));
    controls.set(`title:${lang}`, { get: () => title.value, set: (text) => (title.value = text) });
    const body = createMarkdownEditor({
      text: lesson.body[lang],
      lang,
      label: t("editor.lesson.body", { lang: t(`lang.${lang}.inline`) }),
      placeholder: isSource ? t("editor.body.placeholder.source") : t("editor.body.placeholder.translation"),
      onChange: (text) => {
        save("body", lang, text);
        previewSoon[lang](text);
      },
      onFocus: () => (lastEditor = body),
      attributes: { "data-field": "body", "data-lang": lang },
    });
    editors.push(body);
    controls.set(`body:${lang}`, { get: () => body.getText(), set: (text) => body.setText(text) });
    if (lang === "pt") lastEditor = body;
    const frame = h("iframe", {
      class: "preview-frame",
      sandbox: "",
      title: t("editor.preview.frame", { lang: t(`lang.${lang}.inline`) }),
      "data-lang": lang,
      referrerpolicy: "no-referrer",
    }) as HTMLIFrameElement;
    previews.set(lang, frame);
    return h(
      "section",
      { class: "lang-column", "data-lang": lang, "aria-label": t(`lang.${lang}.name`) },
      h(
        "header",
        { class: "lang-head" },
        h("h3", {}, t(`lang.${lang}.name`), isSource ? h("span", { class: "tag" }, t("course.source")) : h("span", { class: "tag tag-soft" }, t("editor.translation"))),
        badge("title", lang),
      ),
      title,
      conflictSlot("title", lang),
      h("div", { class: "field-head" }, h("span", { class: "label" }, t("editor.body")), badge("body", lang)),
      conflictSlot("body", lang),
      body.dom,
      h("div", { class: "preview", hidden: !previewOn }, h("div", { class: "label" }, t("editor.preview")), frame),
    );
  }

  function notesColumn(lang: Lang): HTMLElement {
    const notes = createMarkdownEditor({
      text: lesson.notes[lang],
      lang,
      label: t("editor.notes.for", { lang: t(`lang.${lang}.inline`) }),
      placeholder: t("editor.notes.placeholder"),
      onChange: (text) => save("notes", lang, text),
      onFocus: () => (lastEditor = notes),
      attributes: { "data-field": "notes", "data-lang": lang, class: "md-editor-small" },
    });
    editors.push(notes);
    controls.set(`notes:${lang}`, { get: () => notes.getText(), set: (text) => notes.setText(text) });
    return h("div", { class: "lang-column", "data-lang": lang }, h("div", { class: "field-head" }, h("span", { class: "label" }, t(`lang.${lang}.name`)), badge("notes", lang)), conflictSlot("notes", lang), notes.dom);
  }

  const minutes = h("input", { type: "number", class: "input input-number", min: 0, max: 600, value: lesson.minutes, id: "lesson-minutes" });
  minutes.addEventListener("input", () => {
    const n = Math.max(0, Math.min(600, Math.round(Number(minutes.value) || 0)));
    saver.schedule(`lesson:${lesson.id}:minutes`, async () => {
      lesson = await ipc.setLessonMinutes(lesson.id, n);
    });
  });
  const remove = h("button", { type: "button", class: "button button-danger-quiet", id: "delete-lesson" }, t("editor.lesson.delete"));
  remove.addEventListener("click", () => ctx.onDelete());

  const quiz = renderQuizEditor({
    lesson,
    source,
    saver,
    badge: (lang) => badge("quiz", lang),
    onSaved: (l) => {
      lesson = l;
      refreshStatus();
    },
  });

  const columns = LANGS.map(column);
  const root = h(
    "article",
    { class: "lesson-editor", "data-lesson-id": lesson.id },
    h(
      "header",
      { class: "lesson-head" },
      h("p", { class: "eyebrow" }, t("editor.lesson.n", { n: ctx.position })),
      h("label", { class: "inline-field" }, h("span", { class: "label" }, t("editor.minutes")), minutes),
      remove,
    ),
    h("div", { class: "columns" }, ...columns),
    h("section", { class: "notes" }, h("h3", {}, t("editor.notes")), h("p", { class: "muted" }, t("editor.notes.hint")), h("div", { class: "columns" }, ...LANGS.map(notesColumn))),
    quiz,
  );

  void (async () => {
    try {
      status = await ipc.lessonStatus(lesson.id);
      paintBadges();
    } catch (error) {
      ctx.error(error as ErrorReport);
    }
  })();
  if (previewOn) for (const lang of LANGS) void renderPreview(lang, lesson.body[lang]);

  return {
    root,
    insert(text: string) {
      (lastEditor ?? editors[0]).insertAtCursor(text);
    },
    setPreview(on: boolean) {
      previewOn = on;
      for (const el of root.querySelectorAll<HTMLElement>(".preview")) el.hidden = !on;
      if (on) for (const [i, lang] of LANGS.entries()) void renderPreview(lang, editors[i].getText());
    },
    destroy() {
      refreshStatus.cancel();
      previewSoon.pt.cancel();
      previewSoon.en.cancel();
      for (const e of editors) e.destroy();
    },
  };
}

