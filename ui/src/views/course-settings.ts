// Course settings: title and summary in both languages (with stale markers),
// source language, organisation, licence, topics, the cover image, and
// translation through XLIFF files for translators' own tools.
import type { AppInfo, Course, ErrorReport, Lang, TranslationStatus, XliffImportReport } from "../bindings";
import { h } from "../dom";
import { plural, t } from "../i18n";
import * as ipc from "../ipc";
import type { Saver } from "../saver";
import { other } from "../util";
import { banner } from "./library";

export interface SettingsContext {
  course: Course;
  saver: Saver;
  info: AppInfo | null;
  status: TranslationStatus | null;
  changed(course?: Course): void;
  /** The course changed behind the editor's back (an XLIFF import): load and draw it again. */
  reload(): Promise<Course | null>;
  error(error: ErrorReport): void;
}

/** A readable name for an XLIFF unit id (`lesson/<id>/body`, `module/<id>/title`…). */
export function unitLabel(course: Course, unit: string): string {
  const [kind, id, field] = unit.split("/");
  const fields = {
    title: t("course.xliff.unit.title"),
    summary: t("course.xliff.unit.summary"),
    body: t("course.xliff.unit.body"),
    notes: t("course.xliff.unit.notes"),
    quiz: t("course.xliff.unit.quiz"),
  } as Record<string, string>;
  if (kind === "course" && id === "topic") return `${t("course.xliff.unit.course")} · ${t("course.xliff.unit.topic", { n: Number(field) })}`;
  if (kind === "course") return `${t("course.xliff.unit.course")} · ${fields[id] ?? id}`;
  for (const [m, module] of course.modules.entries()) {
    if (kind === "module" && module.id === id) return `${t("course.xliff.unit.module", { n: m + 1 })} · ${fields.title}`;
    const l = module.lessons.findIndex((x) => x.id === id);
    if (kind === "lesson" && l >= 0) {
      return `${m + 1}.${l + 1} ${module.lessons[l].title[course.source_lang]} · ${fields[field] ?? field}`;
    }
  }
  return unit;
}

export function renderCourseSettings(ctx: SettingsContext): HTMLElement {
  const { course, saver } = ctx;
  const messages = h("div", {});
  const stateOf = (field: string, lang: Lang) => {
    const f = ctx.status?.fields.find((x) => x.owner_id === course.id && x.field === field);
    return f ? f[lang] : "complete";
  };

  function marker(field: "title" | "summary", lang: Lang): HTMLElement | null {
    const state = stateOf(field, lang);
    if (state === "complete") return null;
    const el = h("span", { class: "field-state", "data-state": state }, h("span", { class: `badge badge-${state}` }, t(`state.${state}`)));
    if (state === "stale") {
      const review = h("button", { type: "button", class: "link-button" }, t("editor.markReviewed"));
      review.addEventListener("click", async () => {
        await saver.flush();
        try {
          ctx.changed(await ipc.markCourseReviewed(course.id, field));
        } catch (error) {
          ctx.error(error as ErrorReport);
        }
      });
      el.append(review);
    }
    return el;
  }

  function textField(field: "title" | "summary", lang: Lang): HTMLElement {
    const attrs = { class: "input", lang, "data-field": field, "data-lang": lang, id: `course-${field}-${lang}` };
    const input = field === "title" ? h("input", { ...attrs, type: "text", value: course.title[lang] }) : h("textarea", { ...attrs, rows: 4 });
    if (input instanceof HTMLTextAreaElement) input.value = course.summary[lang];
    input.addEventListener("input", () =>
      saver.schedule(`course:${course.id}:${field}:${lang}`, async () => {
        ctx.changed(await ipc.setCourseText(course.id, field, lang, input.value));
      }),
    );
    return h(
      "label",
      { class: "field" },
      h("span", { class: "label" }, `${t(`course.field.${field}`)} · ${t(`lang.${lang}.name`)}`, lang === course.source_lang ? h("span", { class: "tag" }, t("course.source")) : null),
      input,
      marker(field, lang),
    );
  }

  function metaField(key: "organisation" | "licence"): HTMLElement {
    const value = course[key];
    const input = h("input", { type: "text", class: "input", value, id: `course-${key}` });
    input.addEventListener("input", () =>
      saver.schedule(`course:${course.id}:${key}`, async () => {
        ctx.changed(await ipc.updateCourse(course.id, { [key]: input.value }));
      }),
    );
    return h("label", { class: "field" }, h("span", { class: "label" }, t(`course.field.${key}`)), input);
  }

  // Topics in both languages (issue 16): the source list decides the topics;
  // the other language translates them by position (a blank: not translated).
  function topicsField(lang: Lang): HTMLElement {
    const isSource = lang === course.source_lang;
    const words = course.topics.map((topic) => topic[lang].trim());
    const value = isSource ? words.filter(Boolean).join(", ") : words.join(", ").replace(/(, )+$/, "");
    const input = h("input", { type: "text", class: "input", value, id: `course-topics-${lang}`, lang });
    input.addEventListener("input", () =>
      saver.schedule(`course:${course.id}:topics:${lang}`, async () => {
        const list = input.value.split(",").map((s) => s.trim());
        const changes = isSource ? { topics: list.filter(Boolean) } : { topics_translation: list };
        ctx.changed(await ipc.updateCourse(course.id, changes));
      }),
    );
    const state = stateOf("topics", lang);
    return h(
      "label",
      { class: "field" },
      h("span", { class: "label" }, `${t("course.field.topics")} · ${t(`lang.${lang}.name`)}`, isSource ? h("span", { class: "tag" }, t("course.source")) : null),
      input,
      h("span", { class: "muted small" }, t(isSource ? "course.field.topics.hint" : "course.field.topics.translationHint")),
      state && state !== "complete" ? h("span", { class: "field-state", "data-state": state }, h("span", { class: `badge badge-${state}` }, t(`state.${state}`))) : null,
    );
  }

  const source = h(
    "select",
    { class: "input", id: "course-source-lang" },
    ...(["pt", "en"] as Lang[]).map((l) => h("option", { value: l, selected: course.source_lang === l }, t(`lang.${l}.name`))),
  );
  source.addEventListener("change", async () => {
    await saver.flush();
    try {
      ctx.changed(await ipc.updateCourse(course.id, { source_lang: source.value as Lang }));
    } catch (error) {
      ctx.error(error as ErrorReport);
    }
  });

  const coverBox = h("div", { class: "cover-box" });
  async function drawCover() {
    // Which image is the cover is the core's rule (`cover.<ext>`): its card says, as a package path.
    let cover: string | undefined;
    try {
      cover = (await ipc.courseCards([course.id]))[0]?.cover ?? undefined;
    } catch {
      cover = undefined;
    }
    const choose = h("button", { type: "button", class: "button", id: "choose-cover" }, cover ? t("course.cover.change") : t("course.cover.choose"));
    choose.addEventListener("click", async () => {
      messages.replaceChildren();
      try {
        if (await ipc.chooseCover(course.id, t("course.cover.dialog"))) ctx.changed();
      } catch (error) {
        messages.replaceChildren(banner(error as ErrorReport));
      }
      await drawCover();
    });
    const remove = cover ? h("button", { type: "button", class: "link-button link-danger" }, t("course.cover.remove")) : null;
    remove?.addEventListener("click", async () => {
      await ipc.removeCover(course.id).catch((e: ErrorReport) => messages.replaceChildren(banner(e)));
      ctx.changed();
      await drawCover();
    });
    coverBox.replaceChildren(
      cover && ctx.info
        ? h("img", { class: "cover-preview", src: ctx.info.media_base + cover.replace(/^media\//, ""), alt: t("course.cover") })
        : h("div", { class: "cover-preview cover-none" }, t("course.cover.none")),
      h("div", { class: "cover-actions" }, choose, remove),
    );
  }
  void drawCover();

  const target = other(course.source_lang);
  const xliffResult = h("div", { id: "xliff-result", "aria-live": "polite" });
  const exportXliff = h("button", { type: "button", class: "button", id: "xliff-export" }, t("course.xliff.export", { lang: t(`lang.${target}.inline`) }));
  exportXliff.addEventListener("click", async () => {
    await saver.flush();
    try {
      const path = await ipc.exportXliff(course.id, t("course.xliff.export.dialog"));
      if (path) xliffResult.replaceChildren(h("p", { class: "notice notice-ok" }, t("course.xliff.exported", { path })));
    } catch (error) {
      xliffResult.replaceChildren(banner(error as ErrorReport));
    }
  });
  const importXliff = h("button", { type: "button", class: "button", id: "xliff-import" }, t("course.xliff.import"));
  // Runs an import (the first, or the same file again with the person's
  // choices on its conflicts) and shows what it did.
  async function runXliffImport(run: () => Promise<XliffImportReport | null>): Promise<void> {
    // Pending edits are written first: the import then starts from them.
    await saver.flush();
    let report: XliffImportReport | null;
    try {
      report = await run();
    } catch (error) {
      (document.getElementById("xliff-result") ?? xliffResult).replaceChildren(banner(error as ErrorReport));
      return;
    }
    if (!report) return;
    const done = report;
    const fresh = (await ctx.reload()) ?? course;
    // The page was drawn again: the summary goes into the new one.
    document.getElementById("xliff-result")?.replaceChildren(
      ...xliffSummary(fresh, done, (takeTheirs, all) =>
        void runXliffImport(() => ipc.reimportXliff(t("course.xliff.import.dialog"), takeTheirs, all)),
      ),
    );
  }
  importXliff.addEventListener("click", () => void runXliffImport(() => ipc.importXliff(t("course.xliff.import.dialog"))));

  return h(
    "article",
    { class: "course-settings", id: "course-settings" },
    h("h2", {}, t("editor.settings")),
    messages,
    h("div", { class: "columns" }, textField("title", "pt"), textField("title", "en")),
    h("div", { class: "columns" }, textField("summary", "pt"), textField("summary", "en")),
    h(
      "div",
      { class: "columns" },
      h("label", { class: "field" }, h("span", { class: "label" }, t("course.field.source")), source, h("span", { class: "muted small" }, t("course.field.source.hint"))),
      metaField("organisation"),
    ),
    h("div", { class: "columns" }, metaField("licence")),
    h("div", { class: "columns" }, topicsField("pt"), topicsField("en")),
    h("section", { class: "field" }, h("span", { class: "label" }, t("course.cover")), h("p", { class: "muted small" }, t("course.cover.hint")), coverBox),
    h(
      "section",
      { class: "field", id: "course-xliff" },
      h("span", { class: "label" }, t("course.xliff")),
      h("p", { class: "muted small" }, t("course.xliff.hint")),
      h("div", { class: "row" }, exportXliff, importXliff),
      xliffResult,
    ),
  );
}

/**
 * What an XLIFF import changed, in words, with the texts it updated; the
 * conflicts (a text changed here and by the translator since the export:
 * the local one was kept) side by side, each with a choice to take the
 * translator's text instead, which `choose` applies by importing the same
 * file again.
 */
export function xliffSummary(
  course: Course,
  report: XliffImportReport,
  choose: (takeTheirs: string[], all: boolean) => void,
): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (report.updated.length === 0) out.push(h("p", { class: "notice" }, t("course.xliff.none")));
  else
    out.push(
      h(
        "div",
        { class: "notice notice-ok", role: "status" },
        h("p", {}, t("course.xliff.imported", { n: report.updated.length, unchanged: report.unchanged })),
        h("ul", { class: "xliff-units" }, ...report.updated.map((unit) => h("li", { "data-unit": unit }, unitLabel(course, unit)))),
      ),
    );
  if (report.still_stale.length) out.push(h("p", { class: "notice" }, t("course.xliff.stale", { n: report.still_stale.length })));
  if (report.kept_reviewed.length)
    out.push(
      h(
        "div",
        { class: "notice", id: "xliff-kept-reviewed" },
        h("p", {}, plural("course.xliff.kept_reviewed", report.kept_reviewed.length)),
        h("ul", { class: "xliff-units" }, ...report.kept_reviewed.map((unit) => h("li", { "data-unit": unit }, unitLabel(course, unit)))),
      ),
    );
  if (report.conflicts.length) {
    const boxes: HTMLInputElement[] = [];
    const items = report.conflicts.map((conflict) => {
      const box = h("input", { type: "checkbox", value: conflict.id, "data-action": "take-theirs" });
      boxes.push(box);
      return h(
        "li",
        { "data-conflict": conflict.id },
        h("p", { class: "label" }, unitLabel(course, conflict.id)),
        h("p", {}, h("span", { class: "muted" }, t("course.xliff.conflict.local")), " ", h("q", { class: "xliff-local" }, conflict.local)),
        h("p", {}, h("span", { class: "muted" }, t("course.xliff.conflict.theirs")), " ", h("q", { class: "xliff-theirs" }, conflict.theirs)),
        h("label", { class: "choice" }, box, t("course.xliff.conflict.take")),
      );
    });
    const apply = h("button", { type: "button", class: "button", id: "xliff-apply-choices" }, t("course.xliff.conflict.apply"));
    apply.addEventListener("click", () => {
      const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
      if (chosen.length) choose(chosen, false);
    });
    const all = h("button", { type: "button", class: "button", id: "xliff-take-all" }, t("course.xliff.conflict.all"));
    all.addEventListener("click", () => choose([], true));
    out.push(
      h(
        "div",
        { class: "notice notice-warn", id: "xliff-conflicts", role: "alert" },
        h("p", {}, plural("course.xliff.conflicts", report.conflicts.length)),
        h("ul", { class: "xliff-conflicts" }, ...items),
        h("div", { class: "row" }, apply, all),
      ),
    );
  }
  if (report.revision_saved != null) out.push(h("p", { class: "muted small", id: "xliff-revision" }, t("course.xliff.revision", { n: report.revision_saved })));
  return out;
}
