// The library view: the app's first screen. It lists the courses of the open
// library as cards (title in the interface language, organisation, revision,
// size and how complete each language is), says what to do when the library
// is empty, and shows a translated banner when the library cannot be read.
//
// Data is fetched once per refresh; a language switch only re-renders.
import type { AppInfo, Bilingual, CourseSummary, ErrorReport, Lang, TranslationStatus } from "../bindings";
import { h } from "../dom";
import { describeError, formatDate, language, onLanguageChange, plural, setLanguage, t } from "../i18n";
import * as ipc from "../ipc";
import logoUrl from "../assets/logo.svg";

type Status = TranslationStatus | ErrorReport;
type State =
  | { kind: "loading" }
  | { kind: "error"; error: ErrorReport }
  | { kind: "ready"; courses: CourseSummary[]; status: Map<string, Status> };

export interface LibraryView {
  refresh(): Promise<void>;
  destroy(): void;
}

export function mountLibrary(root: HTMLElement): LibraryView {
  let state: State = { kind: "loading" };
  let info: AppInfo | null = null;

  const render = () => root.replaceChildren(header(), page(state, refresh), footer(info));

  async function refresh(): Promise<void> {
    state = { kind: "loading" };
    render();
    info = await ipc.appInfo().catch(() => null);
    try {
      const courses = await ipc.listCourses();
      const status = new Map<string, Status>();
      await Promise.all(
        courses.map(async (course) => {
          status.set(course.id, await ipc.translationStatus(course.id).catch((e: ErrorReport) => e));
        }),
      );
      state = { kind: "ready", courses, status };
    } catch (error) {
      state = { kind: "error", error: error as ErrorReport };
    }
    render();
  }

  const unsubscribe = onLanguageChange(render);
  render();
  return { refresh, destroy: unsubscribe };
}

function header(): HTMLElement {
  const langButton = (lang: Lang) => {
    const button = h(
      "button",
      {
        type: "button",
        class: "lang-option",
        "data-lang": lang,
        lang,
        "aria-pressed": String(language() === lang),
        title: t(`lang.${lang}.name`),
        "aria-label": t(`lang.${lang}.name`),
      },
      t(`lang.${lang}`),
    );
    button.addEventListener("click", () => setLanguage(lang));
    return button;
  };
  return h(
    "header",
    { class: "topbar" },
    h(
      "div",
      { class: "brand" },
      h("img", { class: "brand-logo", src: logoUrl, alt: "", width: 40, height: 40 }),
      h("div", {}, h("p", { class: "brand-name" }, t("app.name")), h("p", { class: "brand-tagline" }, t("app.tagline"))),
    ),
    h("div", { class: "lang-switch", role: "group", "aria-label": t("lang.switch") }, langButton("pt"), langButton("en")),
  );
}

function page(state: State, refresh: () => Promise<void>): HTMLElement {
  const refreshButton = h("button", { type: "button", class: "button" }, t("library.refresh"));
  refreshButton.addEventListener("click", () => void refresh());
  const count = state.kind === "ready" ? h("p", { class: "count" }, plural("library.count", state.courses.length)) : null;
  const intro = h(
    "div",
    { class: "intro" },
    h("div", {}, h("h1", {}, t("library.heading")), h("p", { class: "lead" }, t("library.intro"))),
    h("div", { class: "intro-actions" }, count, state.kind === "ready" ? refreshButton : null),
  );
  return h("main", { class: "library", "aria-busy": String(state.kind === "loading") }, intro, body(state, refresh));
}

function body(state: State, refresh: () => Promise<void>): HTMLElement {
  switch (state.kind) {
    case "loading":
      return h("p", { class: "loading", role: "status" }, t("library.loading"));
    case "error":
      return errorBanner(state.error, refresh);
    case "ready":
      if (state.courses.length === 0) return emptyState();
      return h("ul", { class: "cards" }, ...state.courses.map((c) => courseCard(c, state.status.get(c.id))));
  }
}

export function errorBanner(error: ErrorReport, retry: () => Promise<void>): HTMLElement {
  const { title, detail } = describeError(error);
  const button = h("button", { type: "button", class: "button" }, t("error.retry"));
  button.addEventListener("click", () => void retry());
  return h(
    "div",
    { class: "banner banner-error", role: "alert", "data-code": error.code },
    h("p", { class: "banner-title" }, title),
    detail ? h("p", { class: "banner-detail" }, detail) : null,
    h("div", { class: "banner-actions" }, button),
  );
}

function emptyState(): HTMLElement {
  return h(
    "section",
    { class: "empty" },
    h("h2", {}, t("library.empty.title")),
    h("p", {}, t("library.empty.body")),
    h("pre", { class: "command" }, h("code", {}, t("library.empty.command"))),
  );
}

function courseCard(course: CourseSummary, status: Status | undefined): HTMLElement {
  const title = pick(course.title, language());
  return h(
    "li",
    { class: "card", "data-course-id": course.id },
    h("h2", { class: "card-title", lang: title.lang }, title.text || t("course.untitled")),
    title.fallback ? h("p", { class: "card-note" }, t(`course.onlyIn.${title.lang}`)) : null,
    h(
      "p",
      { class: course.organisation ? "card-org" : "card-org card-org-none" },
      course.organisation || t("course.organisation.none"),
    ),
    h(
      "ul",
      { class: "card-facts" },
      h("li", {}, plural("course.modules", course.module_count)),
      h("li", {}, plural("course.lessons", course.lesson_count)),
      h("li", {}, t("course.revision", { n: course.revision })),
    ),
    translation(status, course.source_lang),
    h("p", { class: "card-updated" }, t("course.updated", { date: formatDate(course.updated_at) })),
  );
}

function translation(status: Status | undefined, source: Lang): HTMLElement {
  if (!status || !("pt_percent" in status)) {
    return h("p", { class: "card-status-missing" }, t("course.status.unavailable"));
  }
  const row = (lang: Lang, percent: number) => {
    const bar = h("span", { class: "meter-fill" });
    bar.style.width = `${percent}%`;
    return h(
      "div",
      { class: percent === 100 ? "meter-row is-complete" : "meter-row", "data-lang": lang },
      h(
        "span",
        { class: "meter-label" },
        t(`lang.${lang}.name`),
        lang === source ? h("span", { class: "tag" }, t("course.source")) : null,
      ),
      h(
        "span",
        { class: "meter", role: "meter", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": percent, "aria-label": t(`lang.${lang}.name`) },
        bar,
      ),
      h("span", { class: "meter-value" }, t("course.percent", { percent })),
    );
  };
  return h(
    "section",
    { class: "card-translation", "aria-label": t("course.translation") },
    row("pt", status.pt_percent),
    row("en", status.en_percent),
  );
}

/** The text in `lang`, or in the other language when empty. */
function pick(text: Bilingual, lang: Lang): { text: string; lang: Lang; fallback: boolean } {
  const other: Lang = lang === "pt" ? "en" : "pt";
  if (text[lang].trim()) return { text: text[lang], lang, fallback: false };
  if (text[other].trim()) return { text: text[other], lang: other, fallback: true };
  return { text: "", lang, fallback: false };
}

function footer(info: AppInfo | null): HTMLElement {
  return h(
    "footer",
    { class: "footer" },
    info ? h("span", {}, t("footer.version", { version: info.version })) : null,
    info ? h("span", { class: "footer-path" }, t("footer.library", { path: info.library_path })) : null,
  );
}
