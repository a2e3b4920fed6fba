// The library view: the app's first screen. Course cards (cover, title in the
// interface language, organisation, revision, how complete each language
// is), search as you type over the core's full-text index with snippets,
// new, duplicate, delete (after confirmation, to the bin, with "Undo" right
// after; the bin lists deleted courses to restore or empty) and import.
//
// The list itself is one cheap query; completeness and covers are asked
// for only for the cards shown (a page at a time), so a library of a
// thousand courses opens as fast as one of ten.
import type { AppInfo, CourseCard, CourseSummary, ErrorReport, Lang, SearchHit, TextRange } from "../bindings";
import { confirmDialog, openModal } from "../components/modal";
import { h } from "../dom";
import { describeError, formatDate, language, onLanguageChange, plural, t } from "../i18n";
import * as ipc from "../ipc";
import { orgNameField } from "./org-name";
import { debounce, pick } from "../util";

export const PAGE = 48;
const SEARCH_DELAY = 120;

export interface LibraryActions {
  open(courseId: string, lessonId?: string): void;
  importPackage(): void;
  exportCourse(course: CourseSummary): void;
  /** The "Pen USB" dialog (views/stick.ts); no button without it. */
  openStick?(): void;
}

type State =
  | { kind: "loading" }
  | { kind: "error"; error: ErrorReport }
  | { kind: "ready"; courses: CourseSummary[] };

export interface LibraryView {
  refresh(): Promise<void>;
  destroy(): void;
}

export function mountLibrary(root: HTMLElement, actions: LibraryActions, info: AppInfo | null = null): LibraryView {
  let state: State = { kind: "loading" };
  let shown = PAGE;
  const cards = new Map<string, CourseCard | ErrorReport>();
  let query = "";
  let hits: SearchHit[] | ErrorReport | null = null;
  let searchSeq = 0;

  const searchInput = h("input", {
    type: "search",
    class: "input search-input",
    id: "library-search",
    autocomplete: "off",
    spellcheck: "false",
  });
  const searchResults = h("div", { class: "search-results", "aria-live": "polite" });
  const grid = h("div", { class: "grid-region" });
  // "Moved to the bin" with its Undo button, right after a delete.
  const deletedNotice = h("div", { id: "library-notice", "aria-live": "polite" });
  const countEl = h("p", { class: "count" });
  // First start: the organisation has no name yet. Asked here, without a
  // dialog in the way; saved as typed (the export dialog asks too).
  const welcome = h("section", { class: "notice welcome-org", id: "welcome-org", hidden: true });
  void Promise.resolve()
    .then(() => ipc.orgIdentity())
    .then((identity) => {
      if (identity.name.trim()) return;
      const field = orgNameField("", () => undefined, "welcome-org-name");
      const later = h("button", { type: "button", class: "link-button", id: "welcome-org-later" }, t("welcome.org.later"));
      later.addEventListener("click", () => {
        void field.flush();
        welcome.hidden = true;
      });
      welcome.replaceChildren(
        h("label", { class: "label", for: "welcome-org-name" }, t("welcome.org")),
        h("p", { class: "muted small" }, t("welcome.org.hint")),
        field.root,
        later,
      );
      welcome.hidden = false;
    })
    .catch(() => undefined);

  const runSearch = debounce(async () => {
    const seq = ++searchSeq;
    const q = query;
    if (!q.trim()) {
      hits = null;
      renderSearch();
      return;
    }
    try {
      // How many results: the core decides (its default and cap).
      const result = await ipc.search(q);
      if (seq === searchSeq) hits = result;
    } catch (error) {
      if (seq === searchSeq) hits = error as ErrorReport;
    }
    if (seq === searchSeq) renderSearch();
  }, SEARCH_DELAY);

  searchInput.addEventListener("input", () => {
    query = searchInput.value;
    if (!query.trim()) {
      searchSeq++;
      hits = null;
      renderSearch();
    }
    runSearch();
  });
  searchInput.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && searchInput.value) {
      searchInput.value = "";
      query = "";
      searchSeq++;
      hits = null;
      renderSearch();
    }
  });

  function render(): void {
    searchInput.placeholder = t("search.placeholder");
    searchInput.setAttribute("aria-label", t("search.label"));
    const newButton = h("button", { type: "button", class: "button button-primary", id: "new-course" }, t("library.new"));
    newButton.addEventListener("click", () => void newCourse());
    const importButton = h("button", { type: "button", class: "button", id: "import-package" }, t("library.import"));
    importButton.addEventListener("click", () => actions.importPackage());
    const binButton = h("button", { type: "button", class: "button", id: "open-bin" }, t("bin.open"));
    binButton.addEventListener("click", () => void binDialog(refresh));
    const stickButton = actions.openStick ? h("button", { type: "button", class: "button", id: "open-stick" }, t("stick.open")) : null;
    stickButton?.addEventListener("click", () => actions.openStick?.());
    countEl.textContent = state.kind === "ready" ? plural("library.count", state.courses.length) : "";
    root.replaceChildren(
      h(
        "main",
        { class: "page library", id: "main", "aria-busy": String(state.kind === "loading") },
        h(
          "div",
          { class: "intro" },
          h("div", {}, h("h1", {}, t("library.heading")), h("p", { class: "lead" }, t("library.intro"))),
          h("div", { class: "intro-actions" }, binButton, stickButton, importButton, newButton),
        ),
        welcome,
        h("div", { class: "search" }, h("span", { class: "search-icon", "aria-hidden": "true" }, "⌕"), searchInput, countEl),
        deletedNotice,
        searchResults,
        grid,
      ),
    );
    renderSearch();
    renderGrid();
  }

  function renderSearch(): void {
    if (hits === null) {
      searchResults.replaceChildren();
      searchResults.hidden = true;
      grid.hidden = false;
      return;
    }
    searchResults.hidden = false;
    grid.hidden = true;
    if (!Array.isArray(hits)) {
      searchResults.replaceChildren(banner(hits));
      return;
    }
    if (hits.length === 0) {
      searchResults.replaceChildren(
        h("div", { class: "empty empty-small" }, h("p", {}, t("search.none", { query })), h("p", { class: "muted" }, t("search.none.hint"))),
      );
      return;
    }
    const titles = new Map(state.kind === "ready" ? state.courses.map((c) => [c.id, c] as const) : []);
    searchResults.replaceChildren(
      h("p", { class: "muted" }, plural("search.count", hits.length)),
      h("ul", { class: "hits" }, ...hits.map((hit) => searchHit(hit, titles.get(hit.course_id)))),
    );
  }

  function searchHit(hit: SearchHit, course: CourseSummary | undefined): HTMLElement {
    const courseTitle = course ? pick(course.title, language()).text : hit.course_slug;
    const button = h(
      "button",
      { type: "button", class: "hit", "data-owner-kind": hit.owner_kind },
      h(
        "span",
        { class: "hit-head" },
        h("span", { class: "tag" }, t(`search.kind.${hit.owner_kind === "lesson" ? "lesson" : hit.owner_kind === "module" ? "module" : "course"}`)),
        h("span", { class: "hit-title", lang: hit.lang }, hit.title || courseTitle),
        h("span", { class: "tag tag-lang" }, hit.lang.toUpperCase()),
      ),
      hit.owner_kind === "course" ? null : h("span", { class: "hit-course" }, courseTitle),
      h("span", { class: "hit-snippet", lang: hit.lang }, ...snippet(hit.snippet, hit.matches)),
    );
    button.addEventListener("click", () => actions.open(hit.course_id, hit.owner_kind === "lesson" ? hit.owner_id : undefined));
    return h("li", {}, button);
  }

  function renderGrid(): void {
    switch (state.kind) {
      case "loading":
        grid.replaceChildren(h("p", { class: "loading", role: "status" }, t("library.loading")));
        return;
      case "error":
        grid.replaceChildren(banner(state.error, refresh));
        return;
      case "ready": {
        if (state.courses.length === 0) {
          grid.replaceChildren(emptyState());
          return;
        }
        const visible = state.courses.slice(0, shown);
        const more = h("button", { type: "button", class: "button", id: "show-more" }, t("library.more", { n: state.courses.length - shown }));
        more.addEventListener("click", () => {
          shown += PAGE;
          renderGrid();
          void loadCards();
        });
        grid.replaceChildren(
          h("ul", { class: "cards" }, ...visible.map((c) => courseCard(c, cards.get(c.id)))),
          state.courses.length > shown ? h("div", { class: "more" }, more) : "",
        );
      }
    }
  }

  function emptyState(): HTMLElement {
    const create = h("button", { type: "button", class: "button button-primary" }, t("library.new"));
    create.addEventListener("click", () => void newCourse());
    const imp = h("button", { type: "button", class: "button" }, t("library.import"));
    imp.addEventListener("click", () => actions.importPackage());
    return h(
      "section",
      { class: "empty" },
      h("h2", {}, t("library.empty.title")),
      h("p", {}, t("library.empty.body")),
      h("div", { class: "empty-actions" }, create, imp),
    );
  }

  function courseCard(course: CourseSummary, card: CourseCard | ErrorReport | undefined): HTMLElement {
    const title = pick(course.title, language());
    const open = h(
      "button",
      // The cover opens the course for the mouse; the keyboard and screen
      // readers use the title button beside it (one stop, named by its text).
      { type: "button", class: "card-open", tabindex: -1, "aria-hidden": "true", title: t("library.open", { title: title.text || t("course.untitled") }) },
      cover(course, card),
    );
    open.addEventListener("click", () => actions.open(course.id));
    const titleButton = h("button", { type: "button", class: "card-title-button" }, title.text || t("course.untitled"));
    titleButton.addEventListener("click", () => actions.open(course.id));
    const duplicate = h("button", { type: "button", class: "link-button", "data-action": "duplicate" }, t("library.duplicate"));
    duplicate.addEventListener("click", () => void duplicateCourse(course));
    const exportButton = h("button", { type: "button", class: "link-button", "data-action": "export" }, t("library.export"));
    exportButton.addEventListener("click", () => actions.exportCourse(course));
    const remove = h("button", { type: "button", class: "link-button link-danger", "data-action": "delete" }, t("library.delete"));
    remove.addEventListener("click", () => void deleteCourse(course, title.text));
    const stale = card && "stale" in card && card.stale > 0 ? h("span", { class: "badge badge-stale" }, plural("course.stale", card.stale)) : null;
    return h(
      "li",
      { class: "card", "data-course-id": course.id },
      open,
      h(
        "div",
        { class: "card-body" },
        h("h2", { class: "card-title", lang: title.lang }, titleButton),
        title.fallback ? h("p", { class: "card-note" }, t(`course.onlyIn.${title.lang}`)) : null,
        h("p", { class: course.organisation ? "card-org" : "card-org card-org-none" }, course.organisation || t("course.organisation.none")),
        h(
          "ul",
          { class: "card-facts" },
          h("li", {}, plural("course.modules", course.module_count)),
          h("li", {}, plural("course.lessons", course.lesson_count)),
        ),
        translation(card, course.source_lang),
        stale,
        h("p", { class: "card-updated" }, t("course.updated", { date: formatDate(course.updated_at) })),
        h("div", { class: "card-actions" }, duplicate, exportButton, remove),
      ),
    );
  }

  function cover(course: CourseSummary, card: CourseCard | ErrorReport | undefined): HTMLElement {
    if (card && "cover" in card && card.cover && info) {
      return h("img", { class: "card-cover", src: info.media_base + card.cover.replace(/^media\//, ""), alt: "", loading: "lazy" });
    }
    const letters = pick(course.title, language()).text.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]?.toUpperCase()).join("");
    const hue = [...course.id].reduce((a, c) => (a * 31 + c.charCodeAt(0)) % 360, 7);
    const el = h("div", { class: "card-cover card-cover-none", "aria-hidden": "true" }, letters || "J");
    el.style.setProperty("--hue", String(hue));
    return el;
  }

  async function loadCards(): Promise<void> {
    if (state.kind !== "ready") return;
    const ids = state.courses.slice(0, shown).map((c) => c.id).filter((id) => !cards.has(id));
    if (ids.length === 0) return;
    try {
      for (const card of await ipc.courseCards(ids)) cards.set(card.id, card);
    } catch (error) {
      for (const id of ids) cards.set(id, error as ErrorReport);
    }
    renderGrid();
    // For benches/app: the moment the first cards are complete on screen.
    if (!performance.getEntriesByName("juntos:library-shown").length) performance.mark("juntos:library-shown");
  }

  async function refresh(): Promise<void> {
    state = { kind: "loading" };
    cards.clear();
    render();
    try {
      state = { kind: "ready", courses: await ipc.listCourses() };
    } catch (error) {
      state = { kind: "error", error: error as ErrorReport };
    }
    renderGrid();
    countEl.textContent = state.kind === "ready" ? plural("library.count", state.courses.length) : "";
    if (query.trim()) runSearch();
    await loadCards();
  }

  async function newCourse(): Promise<void> {
    const created = await newCourseDialog();
    if (created) actions.open(created.id);
  }

  async function duplicateCourse(course: CourseSummary): Promise<void> {
    try {
      await ipc.duplicateCourse(course.id);
      await refresh();
    } catch (error) {
      showError(error as ErrorReport);
    }
  }

  async function deleteCourse(course: CourseSummary, title: string): Promise<void> {
    const yes = await confirmDialog(
      t("library.delete.title"),
      t("library.delete.body", { title: title || t("course.untitled") }),
      t("library.delete.confirm"),
      { danger: true },
    );
    if (!yes) return;
    try {
      await ipc.deleteCourse(course.id);
    } catch (error) {
      showError(error as ErrorReport);
      return;
    }
    const undo = h("button", { type: "button", class: "button", id: "undo-delete" }, t("bin.undo"));
    undo.addEventListener("click", async () => {
      undo.disabled = true;
      try {
        await ipc.restoreDeletedCourse(course.id);
        deletedNotice.replaceChildren(h("p", { class: "notice notice-ok" }, t("bin.restored", { title: title || t("course.untitled") })));
        await refresh();
      } catch (error) {
        deletedNotice.replaceChildren(banner(error as ErrorReport));
      }
    });
    deletedNotice.replaceChildren(
      h("div", { class: "notice", role: "status" }, h("span", {}, t("bin.deleted", { title: title || t("course.untitled") })), " ", undo),
    );
    await refresh();
  }

  function showError(error: ErrorReport): void {
    grid.prepend(banner(error));
  }

  const unsubscribe = onLanguageChange(render);
  render();
  return { refresh, destroy: unsubscribe };
}

/** The dialog that creates a course: a title and the language it is written in. */
export function newCourseDialog(): Promise<{ id: string } | null> {
  return new Promise((resolve) => {
    let created: { id: string } | null = null;
    const modal = openModal(t("new.title"), { onClose: () => resolve(created), testId: "new-course" });
    const input = h("input", { type: "text", class: "input", id: "new-course-title", required: true });
    const langChoice = (lang: Lang) =>
      h(
        "label",
        { class: "choice" },
        h("input", { type: "radio", name: "new-course-lang", value: lang, checked: lang === language() }),
        t(`lang.${lang}.name`),
      );
    const error = h("div", { class: "form-error", role: "alert" });
    const cancel = h("button", { type: "button", class: "button" }, t("common.cancel"));
    const create = h("button", { type: "submit", class: "button button-primary", "data-action": "confirm" }, t("new.create"));
    const form = h(
      "form",
      { class: "form" },
      h("label", { class: "field" }, h("span", { class: "label" }, t("new.field.title")), input),
      h("fieldset", { class: "field" }, h("legend", { class: "label" }, t("new.field.lang")), h("div", { class: "choices" }, langChoice("pt"), langChoice("en"))),
      h("p", { class: "muted" }, t("new.hint")),
      error,
      h("div", { class: "modal-actions" }, cancel, create),
    );
    cancel.addEventListener("click", () => modal.close());
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const lang = (form.querySelector<HTMLInputElement>('input[name="new-course-lang"]:checked')?.value ?? "pt") as Lang;
      try {
        created = await ipc.createCourse(input.value, lang);
        modal.close();
      } catch (e) {
        error.replaceChildren(banner(e as ErrorReport));
      }
    });
    modal.body.append(form);
    modal.actions.remove();
  });
}

/** The bin: deleted courses, each restorable, until the person empties it (after confirming). */
export function binDialog(onChange: () => Promise<void>): Promise<void> {
  const modal = openModal(t("bin.title"), { testId: "bin" });
  const list = h("div", { id: "bin-list", "aria-live": "polite" });
  const emptyButton = h("button", { type: "button", class: "button button-danger", id: "bin-empty" }, t("bin.empty"));
  const close = h("button", { type: "button", class: "button" }, t("common.close"));
  close.addEventListener("click", () => modal.close());
  async function load(): Promise<void> {
    try {
      const binned = await ipc.binnedCourses();
      emptyButton.disabled = binned.length === 0;
      if (binned.length === 0) {
        list.replaceChildren(h("p", { class: "muted" }, t("bin.none")));
        return;
      }
      list.replaceChildren(
        h(
          "ul",
          { class: "bin-courses" },
          ...binned.map((course) => {
            const restore = h("button", { type: "button", class: "link-button", "data-action": "restore" }, t("bin.restore"));
            restore.addEventListener("click", async () => {
              restore.disabled = true;
              try {
                await ipc.restoreDeletedCourse(course.course_id);
                await onChange();
                await load();
              } catch (error) {
                list.prepend(banner(error as ErrorReport));
              }
            });
            const title = pick(course.title, language()).text || t("course.untitled");
            return h(
              "li",
              { "data-course": course.course_id },
              h("span", {}, title),
              " ",
              h("span", { class: "muted small" }, t("bin.deleted_at", { date: formatDate(course.deleted_at) })),
              " ",
              restore,
            );
          }),
        ),
      );
    } catch (error) {
      list.replaceChildren(banner(error as ErrorReport));
    }
  }
  emptyButton.addEventListener("click", async () => {
    const yes = await confirmDialog(t("bin.empty.title"), t("bin.empty.body"), t("bin.empty.confirm"), { danger: true });
    if (!yes) return;
    try {
      await ipc.emptyBin();
      await load();
    } catch (error) {
      list.prepend(banner(error as ErrorReport));
    }
  });
  modal.body.append(h("p", { class: "muted small" }, t("bin.hint")), list);
  modal.actions.replaceChildren(emptyButton, close);
  void load();
  return modal.closed;
}

/**
 * The core's match ranges become <mark>; everything stays text. Ranges are
 * UTF-16 offsets, as JavaScript indexes strings; one that overlaps the one
 * before or falls outside the text is left out.
 */
export function snippet(text: string, matches: readonly TextRange[]): Node[] {
  const nodes: Node[] = [];
  let cursor = 0;
  for (const { start, end } of matches) {
    if (start < cursor || end <= start || end > text.length) continue;
    if (start > cursor) nodes.push(document.createTextNode(text.slice(cursor, start)));
    nodes.push(h("mark", {}, text.slice(start, end)));
    cursor = end;
  }
  if (cursor < text.length) nodes.push(document.createTextNode(text.slice(cursor)));
  return nodes;
}

function translation(card: CourseCard | ErrorReport | undefined, source: Lang): HTMLElement {
  if (!card) return h("div", { class: "card-translation card-translation-loading", "aria-hidden": "true" });
  if (!("pt_percent" in card)) return h("p", { class: "card-status-missing" }, t("course.status.unavailable"));
  const row = (lang: Lang, percent: number) => {
    const bar = h("span", { class: "meter-fill" });
    bar.style.width = `${percent}%`;
    return h(
      "div",
      { class: percent === 100 ? "meter-row is-complete" : "meter-row", "data-lang": lang },
      h("span", { class: "meter-label" }, t(`lang.${lang}.name`), lang === source ? h("span", { class: "tag" }, t("course.source")) : null),
      h(
        "span",
        { class: "meter", role: "meter", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": percent, "aria-label": t(`lang.${lang}.name`) },
        bar,
      ),
      h("span", { class: "meter-value" }, t("course.percent", { percent })),
    );
  };
  return h("section", { class: "card-translation", "aria-label": t("course.translation") }, row("pt", card.pt_percent), row("en", card.en_percent));
}

export function banner(error: ErrorReport, retry?: () => Promise<void> | void): HTMLElement {
  const { title, detail } = describeError(error);
  const button = retry ? h("button", { type: "button", class: "button" }, t("error.retry")) : null;
  button?.addEventListener("click", () => void retry?.());
  return h(
    "div",
    { class: "banner banner-error", role: "alert", "data-code": error.code },
    h("p", { class: "banner-title" }, title),
    detail ? h("p", { class: "banner-detail" }, detail) : null,
    button ? h("div", { class: "banner-actions" }, button) : null,
  );
}
