// The lesson editor: Portuguese and English side by side. Each language has
// its title, a formatting toolbar, its markdown body (CodeMirror, with
// undo/redo) and a live preview rendered by the core's one renderer, shown
// in a sandboxed frame (no scripts, no same-origin, so lesson HTML can never
// reach IPC). The layout is text only, side by side (each language a row:
// text, then its preview beside it) or preview only. The translation side
// shows whether it is missing or stale, with "mark reviewed". Then
// facilitator notes, minutes and the quiz.
import type { Course, ErrorReport, Lang, Lesson, LessonField, MediaItem, TranslationStatus } from "../bindings";
import { blockEnd, blockIndex, insertBlock } from "../components/format";
import { createFormatToolbar } from "../components/format-toolbar";
import { createMarkdownEditor, type MarkdownEditor } from "../components/markdown-editor";
import { withCaptionTracks } from "../components/preview-captions";
import { mediaBase } from "../media-base";
import { h } from "../dom";
import { t } from "../i18n";
import * as ipc from "../ipc";
import type { Saver } from "../saver";
import { debounce } from "../util";
import { renderQuizEditor } from "./quiz";

export const PREVIEW_DELAY = 60;
const LANGS: Lang[] = ["pt", "en"];

/** Text only; each language's text with its preview beside it; previews only. */
export type Layout = "text" | "side" | "preview";
export const LAYOUTS: Layout[] = ["text", "side", "preview"];

/** A media reference in lesson markdown: `![title](media:NAME)`. */
const MEDIA_REF = /!\[[^\]\n]*\]\(media:([^)\s]+)\)/;

export interface LessonEditor {
  root: HTMLElement;
  /**
   * Inserts text at the cursor of the markdown editor used last. A media
   * reference goes on a line of its own, and into both languages' texts.
   */
  insert(text: string): void;
  setLayout(layout: Layout): void;
  destroy(): void;
}

export interface LessonContext {
  course: Course;
  lesson: Lesson;
  position: string;
  saver: Saver;
  layout: Layout;
  /** The person chose another layout (the course editor remembers it). */
  onLayout?(layout: Layout): void;
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
  const bodies = new Map<Lang, MarkdownEditor>();
  const badges = new Map<string, HTMLElement>();
  const previews = new Map<Lang, HTMLIFrameElement>();
  let layout = ctx.layout;
  let previewOn = layout !== "text";
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
      let html = await ipc.renderPreview(course.id, text, lang);
      if (html.includes("<video")) html = await withCaptionTracks(html, lang, await videosOf(html), await mediaBase(), readCaptions);
      if (mine === seq[lang]) frame.srcdoc = previewDocument(html, lang);
    } catch (error) {
      ctx.error(error as ErrorReport);
    }
  }
  // Caption texts by media name and language, read once while this lesson is
  // open: the preview is redrawn at every pause in typing.
  const captionTexts = new Map<string, Promise<string | null>>();
  const readCaptions = (name: string, lang: Lang) => {
    const key = `${name}\u0000${lang}`;
    if (!captionTexts.has(key)) captionTexts.set(key, ipc.captionText(course.id, name, lang).catch(() => null));
    return captionTexts.get(key)!;
  };
  // The course's videos, read when the preview first shows one and again
  // only when it shows a video this list does not have (one attached
  // since): not at every pause in typing.
  let videos: MediaItem[] | null = null;
  async function videosOf(html: string) {
    const shown = Array.from(html.matchAll(/<video[^>]* src="[^"]*\/([0-9a-f]{64})\./g), (m) => m[1]);
    if (!videos || shown.some((sha) => !videos!.some((v) => v.sha256 === sha))) {
      videos = (await ipc.listMedia(course.id).catch(() => [])).filter((m) => m.kind === "video");
    }
    return videos;
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
    const toolbar = createFormatToolbar({ lang, courseId: course.id, editor: () => body, insertMedia: (reference) => void insertMedia(lang, reference) });
    const body = createMarkdownEditor({
      text: lesson.body[lang],
      keys: toolbar.keys,
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
    bodies.set(lang, body);
    controls.set(`body:${lang}`, { get: () => body.getText(), set: (text) => body.setText(text) });
    if (lang === "pt") lastEditor = body;
    const frame = h("iframe", {
      class: "preview-frame",
      sandbox: "",
      title: t("editor.preview.frame", { lang: t(`lang.${lang}.inline`) }),
      "data-lang": lang,
      referrerpolicy: "no-referrer",
      // Out of the Tab order: the preview is the text beside it drawn again,
      // with nothing to operate, and WebKit draws no focus ring on a frame
      // (a keyboard stop nobody can see, found by tests/e2e/a11y.test.mjs).
      tabindex: -1,
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
      h(
        "div",
        { class: "text-and-preview" },
        h("div", { class: "text-pane" }, toolbar.root, body.dom),
        h("div", { class: "preview", hidden: !previewOn }, h("div", { class: "label" }, t("editor.preview")), frame),
      ),
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
  const layoutButtons = LAYOUTS.map((l) => {
    const b = h("button", { type: "button", class: "segment", "data-layout": l, "aria-pressed": String(l === layout) }, t(`editor.layout.${l}`));
    b.addEventListener("click", () => {
      setLayout(l);
      ctx.onLayout?.(l);
    });
    return b;
  });
  const layoutControl = h("div", { class: "segmented", role: "group", "aria-label": t("editor.layout") }, ...layoutButtons);
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
    { class: "lesson-editor", "data-lesson-id": lesson.id, "data-layout": layout },
    h(
      "header",
      { class: "lesson-head" },
      h("p", { class: "eyebrow" }, t("editor.lesson.n", { n: ctx.position })),
      h("label", { class: "inline-field" }, h("span", { class: "label" }, t("editor.minutes")), minutes),
      layoutControl,
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

  function setLayout(next: Layout) {
    const wasOn = previewOn;
    layout = next;
    previewOn = next !== "text";
    root.dataset.layout = next;
    for (const b of layoutButtons) b.setAttribute("aria-pressed", String(b.dataset.layout === next));
    for (const el of root.querySelectorAll<HTMLElement>(".preview")) el.hidden = !previewOn;
    for (const el of root.querySelectorAll<HTMLElement>(".text-pane")) el.hidden = next === "preview";
    if (previewOn && !wasOn) for (const lang of LANGS) void renderPreview(lang, bodies.get(lang)!.getText());
  }

  /**
   * A media reference on a line of its own: at the cursor in `lang`, and in
   * the other language after the paragraph with the same number (where the
   * translation most likely says the same thing), unless it shows it
   * already. Only while the translation is up to date: writing a translation
   * records it as checked against the source, so a stale or missing one is
   * left for the translator. The source is written first, then the
   * translation, so the translation is saved as made from the new source.
   */
  async function insertMedia(lang: Lang, reference: string) {
    await saver.flush();
    const here = bodies.get(lang)!;
    const text = here.getText();
    const at = here.selection().to;
    const index = blockIndex(text, at);
    const name = MEDIA_REF.exec(reference)?.[1]?.toLowerCase();
    const translation: Lang = source === "pt" ? "en" : "pt";
    const both = stateOf("body", translation) === "complete" && LANGS.every((l) => bodies.get(l)!.getText().trim() !== "");
    for (const l of [source, translation]) {
      const editor = bodies.get(l)!;
      const current = editor.getText();
      if (l === lang) editor.apply(insertBlock(current, at, reference));
      else if (both && !(name && current.toLowerCase().includes(`media:${name}`))) editor.apply(insertBlock(current, blockEnd(current, index), reference), false);
    }
    here.focus();
  }
  setLayout(layout);

  return {
    root,
    insert(text: string) {
      const target = lastEditor ?? editors[0];
      const lang = LANGS.find((l) => bodies.get(l) === target);
      if (lang && MEDIA_REF.test(text)) void insertMedia(lang, text.trim());
      else if (MEDIA_REF.test(text)) target.apply(insertBlock(target.getText(), target.selection().to, text.trim()));
      else target.insertAtCursor(text);
    },
    setLayout,
    destroy() {
      refreshStatus.cancel();
      previewSoon.pt.cancel();
      previewSoon.en.cancel();
      for (const e of editors) e.destroy();
    },
  };
}

