// The module/lesson tree of the course editor. Reorder by dragging a row, or
// from the keyboard: Alt+↑ / Alt+↓ move the focused module or lesson (a
// lesson at the edge of its module moves into the neighbouring module).
// Every move goes to the core, which renumbers positions in one transaction.
import type { Course, ErrorReport, Lang, TranslationStatus } from "../bindings";
import { h } from "../dom";
import { t } from "../i18n";
import * as ipc from "../ipc";
import { pick } from "../util";

export type Selection = { kind: "settings" } | { kind: "results" } | { kind: "lesson"; id: string };

export interface TreeHandlers {
  select(selection: Selection): void;
  /** After a move, add or delete: reload the course and keep focus on `focusId`. */
  changed(focusId?: string): Promise<void>;
  addModule(): void;
  addLesson(moduleId: string): void;
  renameModule(moduleId: string): void;
  deleteModule(moduleId: string): void;
  deleteLesson(lessonId: string): void;
  error(error: ErrorReport): void;
}

type Drag = { kind: "module" | "lesson"; id: string } | null;
let dragging: Drag = null;

/** Where a move ends up: the core's arguments (1-based positions), or null when it cannot move. */
export function keyboardMove(
  course: Course,
  kind: "module" | "lesson",
  id: string,
  direction: -1 | 1,
): { moduleId: string | null; position: number } | null {
  if (kind === "module") {
    const index = course.modules.findIndex((m) => m.id === id);
    const to = index + direction;
    if (index < 0 || to < 0 || to >= course.modules.length) return null;
    return { moduleId: null, position: to + 1 };
  }
  const m = course.modules.findIndex((mod) => mod.lessons.some((l) => l.id === id));
  if (m < 0) return null;
  const l = course.modules[m].lessons.findIndex((x) => x.id === id);
  const to = l + direction;
  if (to >= 0 && to < course.modules[m].lessons.length) return { moduleId: null, position: to + 1 };
  const neighbour = course.modules[m + direction];
  if (!neighbour) return null;
  // Into the neighbouring module: at its start going down, at its end going up.
  return { moduleId: neighbour.id, position: direction === 1 ? 1 : neighbour.lessons.length + 1 };
}

export function renderTree(
  course: Course,
  status: TranslationStatus | null,
  selection: Selection,
  uiLang: Lang,
  handlers: TreeHandlers,
): HTMLElement {
  const staleOf = (ownerId: string) =>
    status?.fields.some((f) => f.owner_id === ownerId && (f.pt === "stale" || f.en === "stale")) ?? false;
  const missingOf = (ownerId: string) =>
    status?.fields.some((f) => f.owner_id === ownerId && (f.pt === "missing" || f.en === "missing")) ?? false;

  async function move(kind: "module" | "lesson", id: string, moduleId: string | null, position: number) {
    try {
      if (kind === "module") await ipc.moveModule(id, position);
      else await ipc.moveLesson(id, moduleId, position);
      await handlers.changed(id);
    } catch (error) {
      handlers.error(error as ErrorReport);
    }
  }

  function keyMove(event: KeyboardEvent, kind: "module" | "lesson", id: string) {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    const target = keyboardMove(course, kind, id, event.key === "ArrowUp" ? -1 : 1);
    if (target) void move(kind, id, target.moduleId, target.position);
  }

  function dropTarget(el: HTMLElement, accept: (drag: NonNullable<Drag>) => boolean, drop: (drag: NonNullable<Drag>) => void) {
    el.addEventListener("dragover", (event) => {
      if (dragging && accept(dragging)) {
        event.preventDefault();
        el.classList.add("drop-target");
      }
    });
    el.addEventListener("dragleave", () => el.classList.remove("drop-target"));
    el.addEventListener("drop", (event) => {
      el.classList.remove("drop-target");
      if (!dragging || !accept(dragging)) return;
      event.preventDefault();
      const d = dragging;
      dragging = null;
      drop(d);
    });
  }

  function draggable(el: HTMLElement, drag: NonNullable<Drag>) {
    el.draggable = true;
    el.addEventListener("dragstart", (event) => {
      dragging = drag;
      const dt = (event as DragEvent).dataTransfer;
      if (dt) {
        dt.effectAllowed = "move";
        dt.setData("text/plain", drag.id);
      }
      el.classList.add("dragging");
    });
    el.addEventListener("dragend", () => {
      dragging = null;
      el.classList.remove("dragging");
    });
  }

  const settings = h(
    "button",
    { type: "button", class: "tree-row tree-settings", "aria-current": String(selection.kind === "settings"), "data-id": "settings" },
    t("editor.settings"),
  );
  settings.addEventListener("click", () => handlers.select({ kind: "settings" }));
  // Issue 17: what learners did, from their results files (views/results.ts).
  const results = h(
    "button",
    { type: "button", class: "tree-row tree-results", "aria-current": String(selection.kind === "results"), "data-id": "results", id: "open-results" },
    t("editor.results"),
  );
  results.addEventListener("click", () => handlers.select({ kind: "results" }));

  const modules = course.modules.map((module, m) => {
    const title = pick(module.title, uiLang);
    const head = h(
      "div",
      { class: "tree-module-head", "data-module-id": module.id },
      h(
        "button",
        {
          type: "button",
          class: "tree-row tree-module",
          "data-id": module.id,
          // Named by what it shows (WCAG 2.5.3: a speech user says what they
          // see), "Módulo" read before the number; the moving hint is the
          // visible line under the tree.
          "aria-describedby": "tree-hint",
          "aria-keyshortcuts": "Alt+ArrowUp Alt+ArrowDown",
        },
        h("span", { class: "sr-only" }, `${t("editor.module.word")} `),
        h("span", { class: "tree-num" }, `${m + 1}`),
        h("span", { class: "sr-only" }, ": "),
        h("span", { class: "tree-label", lang: title.lang, title: title.text || undefined }, title.text || t("editor.untitled")),
        staleOf(module.id) ? h("span", { class: "dot dot-stale", title: t("state.stale") }) : null,
      ),
      iconButton("✎", t("editor.module.rename"), () => handlers.renameModule(module.id)),
      iconButton("+", t("editor.lesson.add"), () => handlers.addLesson(module.id), "add-lesson"),
      iconButton("×", t("editor.module.delete"), () => handlers.deleteModule(module.id), "delete-module"),
    );
    const headButton = head.querySelector<HTMLButtonElement>(".tree-module")!;
    headButton.addEventListener("keydown", (e) => keyMove(e, "module", module.id));
    draggable(head, { kind: "module", id: module.id });
    dropTarget(
      head,
      (d) => d.id !== module.id,
      (d) => (d.kind === "module" ? void move("module", d.id, null, m + 1) : void move("lesson", d.id, module.id, module.lessons.length + 1)),
    );
    const lessons = module.lessons.map((lesson, l) => {
      const lt = pick(lesson.title, uiLang);
      const row = h(
        "button",
        {
          type: "button",
          class: "tree-row tree-lesson",
          "data-id": lesson.id,
          "aria-current": String(selection.kind === "lesson" && selection.id === lesson.id),
          "aria-describedby": "tree-hint",
          "aria-keyshortcuts": "Alt+ArrowUp Alt+ArrowDown",
        },
        h("span", { class: "tree-num" }, `${m + 1}.${l + 1}`),
        h("span", { class: "sr-only" }, " "),
        h("span", { class: "tree-label", lang: lt.lang, title: lt.text || undefined }, lt.text || t("editor.untitled")),
        staleOf(lesson.id)
          ? h("span", { class: "dot dot-stale", title: t("state.stale") })
          : missingOf(lesson.id)
            ? h("span", { class: "dot dot-missing", title: t("state.missing") })
            : null,
      );
      row.addEventListener("click", () => handlers.select({ kind: "lesson", id: lesson.id }));
      row.addEventListener("keydown", (e) => keyMove(e, "lesson", lesson.id));
      const li = h("li", { class: "tree-lesson-item" }, row, iconButton("×", t("editor.lesson.delete"), () => handlers.deleteLesson(lesson.id), "delete-lesson"));
      draggable(li, { kind: "lesson", id: lesson.id });
      dropTarget(li, (d) => d.kind === "lesson" && d.id !== lesson.id, (d) => void move("lesson", d.id, module.id, l + 1));
      return li;
    });
    return h("li", { class: "tree-module-item" }, head, h("ul", { class: "tree-lessons" }, ...lessons));
  });

  const addModule = h("button", { type: "button", class: "button button-small", id: "add-module" }, t("editor.module.add"));
  addModule.addEventListener("click", () => handlers.addModule());
  return h(
    "nav",
    { class: "tree", "aria-label": t("editor.tree") },
    settings,
    results,
    course.modules.length === 0
      ? h("p", { class: "tree-empty" }, t("editor.tree.empty"))
      : h("ul", { class: "tree-modules" }, ...modules),
    h("div", { class: "tree-actions" }, addModule),
    h("p", { class: "tree-hint", id: "tree-hint" }, t("editor.tree.hint")),
  );
}

function iconButton(symbol: string, label: string, onClick: () => void, action?: string): HTMLElement {
  const button = h("button", { type: "button", class: "icon-button", "aria-label": label, title: label, "data-action": action }, symbol);
  button.addEventListener("click", onClick);
  return button;
}
