// The course editor: the module/lesson tree on the left, the selected lesson
// (or the course settings) in the middle, and the media panel on demand.
// Edits are autosaved through the app's Saver; moving to another lesson,
// Ctrl+S and closing the window flush it first.
import type { AppInfo, Course, ErrorReport, Lang, Lesson, TranslationStatus } from "../bindings";
import { confirmDialog, openModal, promptDialog } from "../components/modal";
import { h } from "../dom";
import { language, t } from "../i18n";
import * as ipc from "../ipc";
import type { Saver } from "../saver";
import { pick } from "../util";
import { renderCourseSettings } from "./course-settings";
import { mountLessonEditor, type Layout, type LessonEditor, LAYOUTS } from "./lesson";
import { seeAsLearner } from "./learner-view";
import { banner } from "./library";
import { mountMediaPanel, type MediaPanel } from "./media";
import { mountResults, type ResultsView } from "./results";
import { renderTree, type Selection } from "./tree";

export interface EditorActions {
  back(): void;
  exportCourse(course: Course): void;
}

export interface EditorView {
  root: HTMLElement;
  /** Ctrl+P */
  togglePreview(): void;
  /** Ctrl+PageDown / Ctrl+PageUp */
  nextLesson(direction: 1 | -1): void;
  /** The lesson shown (or RESULTS_PLACE), to come back to it after a language switch. */
  currentLesson(): string | undefined;
  destroy(): void;
}

/** How the lesson text and its preview are laid out, remembered across courses. */
const LAYOUT_KEY = "juntos.layout";

function rememberedLayout(): Layout {
  try {
    const value = localStorage.getItem(LAYOUT_KEY) as Layout | null;
    return value && LAYOUTS.includes(value) ? value : "side";
  } catch {
    return "side";
  }
}

function rememberLayout(layout: Layout) {
  try {
    localStorage.setItem(LAYOUT_KEY, layout);
  } catch {
    // storage refused: the layout lasts for this session
  }
}

/** Opens the editor on the course's Results view (issue 17) where a lesson id is expected. */
export const RESULTS_PLACE = "#results";

/** Where each course was last left: opening it again lands on that lesson. */
const LAST_LESSON_KEY = "juntos.lastLesson";

function rememberedLessons(): Record<string, string> {
  try {
    const value = JSON.parse(localStorage.getItem(LAST_LESSON_KEY) ?? "{}");
    return value && typeof value === "object" ? value : {};
  } catch {
    return {};
  }
}

export function lastLessonOf(courseId: string): string | undefined {
  const id = rememberedLessons()[courseId];
  return typeof id === "string" ? id : undefined;
}

function rememberLesson(courseId: string, lessonId: string) {
  try {
    localStorage.setItem(LAST_LESSON_KEY, JSON.stringify({ ...rememberedLessons(), [courseId]: lessonId }));
  } catch {
    // storage full or refused: the course opens on its settings next time
  }
}

export function mountEditor(
  courseId: string,
  saver: Saver,
  info: AppInfo | null,
  actions: EditorActions,
  startLesson?: string,
): EditorView {
  let course: Course | null = null;
  let status: TranslationStatus | null = null;
  const opening = startLesson ?? lastLessonOf(courseId);
  let selection: Selection = opening === RESULTS_PLACE ? { kind: "results" } : opening ? { kind: "lesson", id: opening } : { kind: "settings" };
  let lessonEditor: LessonEditor | null = null;
  let resultsView: ResultsView | null = null;
  let media: MediaPanel | null = null;
  let mediaOpen = false;
  let layout = rememberedLayout();
  /** What Ctrl+P brings back after hiding the preview. */
  let shown: Layout = layout === "text" ? "side" : layout;

  const treeSlot = h("div", { class: "tree-slot" });
  const content = h("div", { class: "editor-content", id: "main", tabindex: -1 });
  const mediaSlot = h("div", { class: "media-slot" });
  const messages = h("div", { class: "editor-messages" });
  const saveState = h("span", { class: "save-state", role: "status", "aria-live": "polite", id: "save-state" });
  const titleEl = h("h1", { class: "editor-title" });
  const back = h("button", { type: "button", class: "button button-quiet", id: "back-to-library" }, `← ${t("editor.back")}`);
  back.addEventListener("click", async () => {
    await saver.flush();
    actions.back();
  });
  const previewButton = h("button", { type: "button", class: "button", id: "toggle-preview", "aria-pressed": String(layout !== "text"), "aria-keyshortcuts": "Control+P", title: "Ctrl+P" }, t("editor.preview"));
  previewButton.addEventListener("click", () => togglePreview());
  const learnerButton = h("button", { type: "button", class: "button", id: "see-as-learner", title: t("editor.learner.hint") }, t("editor.learner"));
  learnerButton.addEventListener("click", async () => {
    learnerButton.disabled = true;
    try {
      await seeAsLearner(courseId, saver, (message) => messages.replaceChildren(message));
    } finally {
      learnerButton.disabled = false;
    }
  });
  const mediaButton = h("button", { type: "button", class: "button", id: "toggle-media", "aria-pressed": "false" }, t("media.title"));
  mediaButton.addEventListener("click", () => toggleMedia());
  const exportButton = h("button", { type: "button", class: "button button-primary", id: "export-course" }, t("export.open"));
  exportButton.addEventListener("click", async () => {
    await saver.flush();
    if (course) actions.exportCourse(course);
  });

  const root = h(
    "div",
    { class: "editor" },
    h(
      "div",
      { class: "editor-bar" },
      back,
      titleEl,
      saveState,
      h("div", { class: "editor-bar-actions" }, previewButton, learnerButton, mediaButton, exportButton),
    ),
    messages,
    h("div", { class: "editor-body" }, treeSlot, content, mediaSlot),
  );

  const offSave = saver.onChange((state) => {
    paintSaveState(state);
    // Lessons that use a media item are counted from saved text.
    if (state.kind === "saved" && mediaOpen) void media?.refresh();
  });
  function paintSaveState(state = saver.state) {
    saveState.dataset.state = state.kind;
    if (state.kind === "error") {
      const retry = h("button", { type: "button", class: "link-button" }, t("error.retry"));
      retry.addEventListener("click", () => void saver.flush());
      saveState.replaceChildren(t("save.error"), " ", retry);
      const shown = banner(state.error);
      shown.dataset.saveError = "true";
      shown.append(h("p", { class: "banner-detail" }, t("save.kept")));
      messages.querySelector('[data-save-error="true"]')?.remove();
      messages.prepend(shown);
    } else {
      saveState.textContent = t(`save.${state.kind}`);
      messages.querySelector('[data-save-error="true"]')?.remove();
    }
  }
  paintSaveState();

  function error(report: ErrorReport) {
    messages.replaceChildren(banner(report));
  }

  function locate(lessonId: string): { lesson: Lesson; position: string } | null {
    if (!course) return null;
    for (const [m, module] of course.modules.entries()) {
      const l = module.lessons.findIndex((x) => x.id === lessonId);
      if (l >= 0) return { lesson: module.lessons[l], position: `${m + 1}.${l + 1}` };
    }
    return null;
  }

  function drawTree() {
    if (!course) return;
    treeSlot.replaceChildren(
      renderTree(course, status, selection, language(), {
        select: (s) => void select(s),
        changed: (focusId) => reload(focusId),
        addModule: () => void addModule(),
        addLesson: (moduleId) => void addLesson(moduleId),
        renameModule: (moduleId) => void renameModule(moduleId),
        deleteModule: (moduleId) => void deleteModule(moduleId),
        deleteLesson: (lessonId) => void deleteLesson(lessonId),
        error,
      }),
    );
    const c = course;
    titleEl.textContent = pick(c.title, language()).text || t("course.untitled");
  }

  function drawContent() {
    lessonEditor?.destroy();
    lessonEditor = null;
    resultsView?.destroy();
    resultsView = null;
    if (!course) return;
    if (selection.kind === "results") {
      resultsView = mountResults(course, info);
      content.replaceChildren(resultsView.root);
      void resultsView.refresh();
      drawMedia();
      return;
    }
    if (selection.kind === "lesson") {
      const found = locate(selection.id);
      if (found) {
        lessonEditor = mountLessonEditor({
          course,
          lesson: found.lesson,
          position: found.position,
          saver,
          layout,
          onLayout: (next) => setLayout(next, false),
          onSaved: (lesson, lessonStatus) => {
            replaceLesson(lesson);
            if (lessonStatus && status) {
              status = { ...status, fields: [...status.fields.filter((f) => f.owner_id !== lesson.id), ...lessonStatus.fields] };
            }
            drawTree();
          },
          onDelete: () => void deleteLesson(found.lesson.id),
          error,
        });
        content.replaceChildren(lessonEditor.root);
        drawMedia();
        return;
      }
      selection = { kind: "settings" };
    }
    if (course.modules.length === 0) {
      content.replaceChildren(
        h(
          "div",
          { class: "empty" },
          h("h2", {}, t("editor.empty.title")),
          h("p", {}, t("editor.empty.body")),
          (() => {
            const b = h("button", { type: "button", class: "button button-primary" }, t("editor.module.add"));
            b.addEventListener("click", () => void addModule());
            return b;
          })(),
        ),
        renderCourseSettings({ course, saver, info, status, changed: (c) => void afterCourseChange(c), reload: reloadAll, error }),
      );
    } else {
      content.replaceChildren(renderCourseSettings({ course, saver, info, status, changed: (c) => void afterCourseChange(c), reload: reloadAll, error }));
    }
    drawMedia();
  }

  function drawMedia() {
    if (!mediaOpen || !course) {
      mediaSlot.replaceChildren();
      mediaSlot.hidden = true;
      return;
    }
    mediaSlot.hidden = false;
    media = mountMediaPanel(course.id, lessonEditor ? (text) => lessonEditor?.insert(text) : null, () => void refreshStatus());
    mediaSlot.replaceChildren(media.root);
    void media.refresh();
  }

  function replaceLesson(lesson: Lesson) {
    if (!course) return;
    for (const module of course.modules) {
      const i = module.lessons.findIndex((l) => l.id === lesson.id);
      if (i >= 0) module.lessons[i] = lesson;
    }
  }

  /** After a change made outside the editor (an XLIFF import): everything again. */
  async function reloadAll(): Promise<Course | null> {
    await reload();
    drawContent();
    return course;
  }

  async function afterCourseChange(changed?: Course) {
    if (changed && course) course = { ...changed, modules: course.modules };
    await refreshStatus();
    drawTree();
  }

  async function refreshStatus() {
    try {
      status = await ipc.translationStatus(courseId);
    } catch {
      status = null;
    }
  }

  async function select(next: Selection) {
    await saver.flush();
    selection = next;
    if (next.kind === "lesson") rememberLesson(courseId, next.id);
    drawTree();
    drawContent();
    content.focus({ preventScroll: true });
  }

  async function reload(focusId?: string) {
    await saver.flush();
    try {
      [course, status] = await Promise.all([ipc.getCourse(courseId), ipc.translationStatus(courseId).catch(() => null)]);
    } catch (e) {
      content.replaceChildren(banner(e as ErrorReport, () => reload()));
      return;
    }
    drawTree();
    if (focusId) treeSlot.querySelector<HTMLElement>(`[data-id="${CSS.escape(focusId)}"]`)?.focus();
  }

  async function addModule() {
    if (!course) return;
    const lang = course.source_lang;
    const title = await promptDialog(t("editor.module.add"), t("editor.field.titleIn", { lang: t(`lang.${lang}.inline`) }), "", t("common.add"));
    if (!title) return;
    try {
      const module = await ipc.addModule(courseId, title, lang);
      await reload(module.id);
      drawContent();
    } catch (e) {
      error(e as ErrorReport);
    }
  }

  async function addLesson(moduleId: string) {
    if (!course) return;
    const lang = course.source_lang;
    const title = await promptDialog(t("editor.lesson.add"), t("editor.field.titleIn", { lang: t(`lang.${lang}.inline`) }), "", t("common.add"));
    if (!title) return;
    try {
      const lesson = await ipc.addLesson(moduleId, title, lang);
      await reload();
      await select({ kind: "lesson", id: lesson.id });
    } catch (e) {
      error(e as ErrorReport);
    }
  }

  async function renameModule(moduleId: string) {
    const module = course?.modules.find((m) => m.id === moduleId);
    if (!module || !course) return;
    const modal = openModal(t("editor.module.rename"), { testId: "rename-module" });
    const inputs = (["pt", "en"] as Lang[]).map((lang) => {
      const input = h("input", { type: "text", class: "input", lang, value: module.title[lang], "data-lang": lang });
      return { lang, input, field: h("label", { class: "field" }, h("span", { class: "label" }, t(`lang.${lang}.name`)), input) };
    });
    const fail = h("div", {});
    const cancel = h("button", { type: "button", class: "button" }, t("common.cancel"));
    const save = h("button", { type: "submit", class: "button button-primary", "data-action": "confirm" }, t("common.save"));
    const form = h("form", { class: "form" }, ...inputs.map((i) => i.field), fail, h("div", { class: "modal-actions" }, cancel, save));
    cancel.addEventListener("click", () => modal.close());
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const source = course!.source_lang;
      try {
        for (const { lang, input } of [...inputs].sort((a) => (a.lang === source ? -1 : 1))) {
          if (input.value !== module.title[lang]) await ipc.renameModule(moduleId, lang, input.value);
        }
        modal.close();
        await reload(moduleId);
      } catch (e) {
        fail.replaceChildren(banner(e as ErrorReport));
      }
    });
    modal.body.append(form);
    modal.actions.remove();
  }

  async function deleteModule(moduleId: string) {
    const module = course?.modules.find((m) => m.id === moduleId);
    if (!module) return;
    const title = pick(module.title, language()).text;
    const ok = await confirmDialog(
      t("editor.module.delete"),
      t("editor.module.delete.body", { title, n: module.lessons.length }),
      t("common.delete"),
      { danger: true },
    );
    if (!ok) return;
    try {
      await saver.flush();
      await ipc.deleteModule(moduleId);
      if (selection.kind === "lesson" && module.lessons.some((l) => l.id === (selection as { id: string }).id)) selection = { kind: "settings" };
      await reload();
      drawContent();
    } catch (e) {
      error(e as ErrorReport);
    }
  }

  async function deleteLesson(lessonId: string) {
    const found = locate(lessonId);
    if (!found) return;
    const ok = await confirmDialog(
      t("editor.lesson.delete"),
      t("editor.lesson.delete.body", { title: pick(found.lesson.title, language()).text }),
      t("common.delete"),
      { danger: true },
    );
    if (!ok) return;
    try {
      await saver.flush();
      await ipc.deleteLesson(lessonId);
      if (selection.kind === "lesson" && selection.id === lessonId) selection = { kind: "settings" };
      await reload();
      drawContent();
    } catch (e) {
      error(e as ErrorReport);
    }
  }

  function setLayout(next: Layout, tellLesson = true) {
    layout = next;
    if (next !== "text") shown = next;
    rememberLayout(next);
    previewButton.setAttribute("aria-pressed", String(next !== "text"));
    if (tellLesson) lessonEditor?.setLayout(next);
  }

  function togglePreview() {
    setLayout(layout === "text" ? shown : "text");
  }

  function toggleMedia() {
    mediaOpen = !mediaOpen;
    mediaButton.setAttribute("aria-pressed", String(mediaOpen));
    drawMedia();
  }

  function nextLesson(direction: 1 | -1) {
    if (!course) return;
    const all = course.modules.flatMap((m) => m.lessons.map((l) => l.id));
    if (all.length === 0) return;
    const current = selection.kind === "lesson" ? all.indexOf(selection.id) : -1;
    const next = current < 0 ? (direction === 1 ? 0 : all.length - 1) : current + direction;
    if (next >= 0 && next < all.length) void select({ kind: "lesson", id: all[next] });
  }

  void (async () => {
    content.replaceChildren(h("p", { class: "loading", role: "status" }, t("library.loading")));
    await reload();
    drawContent();
  })();

  return {
    root,
    togglePreview,
    nextLesson,
    currentLesson: () => (selection.kind === "lesson" ? selection.id : selection.kind === "results" ? RESULTS_PLACE : undefined),
    destroy() {
      offSave();
      lessonEditor?.destroy();
      resultsView?.destroy();
    },
  };
}

