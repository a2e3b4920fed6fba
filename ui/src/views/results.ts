// "Resultados / Results": what learners did in a course, brought back from
// the player in `*.juntos-results` files (docs/results-format.md). Import
// through the file dialog or by dropping files on the view; the import
// report in words; filters by group and dates; the dashboard as pictures
// (../components/results/); the learners with merge and delete; CSV export
// through the save dialog; a printable A4 report in one click.
import type { AppInfo, Course, ErrorReport, ResultsDashboard, ResultsFilter, ResultsLearner } from "../bindings";
import { h } from "../dom";
import { language, t } from "../i18n";
import * as ipc from "../ipc";
import { renderDashboard } from "../components/results/dashboard";
import { renderImportReport, renderRefused } from "../components/results/import-report";
import { learnerName, renderLearners } from "../components/results/learners";
import { openReport } from "../components/results/report";
import "../components/results/results.css";
import { banner } from "./library";

export interface ResultsView {
  root: HTMLElement;
  refresh(): Promise<void>;
  destroy(): void;
}

/** Only results files are imported from a drop; the rest are named as ignored. */
export function resultsFiles(paths: string[]): { files: string[]; ignored: string[] } {
  const files = paths.filter((p) => /\.juntos-results$/i.test(p));
  return { files, ignored: paths.filter((p) => !files.includes(p)) };
}

/** The CSV's proposed name: the course, the group when filtered, today's date (safe characters only). */
export function csvName(slug: string, filter: ResultsFilter, today = new Date()): string {
  const group = (filter.group ?? "").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  const day = today.toISOString().slice(0, 10);
  return `${[slug || "curso", t("results.export.word"), group].filter(Boolean).join("-")}-${day}.csv`;
}

export function mountResults(course: Course, _info: AppInfo | null): ResultsView {
  let filter: ResultsFilter = { group: null, from: null, to: null };
  let dashboard: ResultsDashboard | null = null;
  let learners: ResultsLearner[] = [];
  let busy = false;
  let destroyed = false;

  const messages = h("div", { class: "results-messages", id: "results-messages" });
  const board = h("div", { class: "results-board", id: "results-board", "aria-live": "polite" });
  const learnersSlot = h("div", { class: "results-learners" });
  const importButton = h("button", { type: "button", class: "button button-primary", id: "results-import" }, t("results.import"));
  const exportButton = h("button", { type: "button", class: "button", id: "results-export" }, t("results.export"));
  const printButton = h("button", { type: "button", class: "button", id: "results-print" }, t("results.print"));
  const group = h("select", { class: "input", id: "results-group" });
  const from = h("input", { type: "date", class: "input", id: "results-from" });
  const to = h("input", { type: "date", class: "input", id: "results-to" });
  const clear = h("button", { type: "button", class: "link-button", id: "results-clear" }, t("results.filter.clear"));
  // Shown once the drop listener is in place (so the hint never promises what the window cannot do).
  const dropHint = h("p", { class: "results-drop muted", id: "results-drop", hidden: true }, t("results.drop"));

  const root = h(
    "section",
    { class: "results-view", id: "results-view", "aria-labelledby": "results-heading" },
    h(
      "div",
      { class: "section-head" },
      h("h2", { id: "results-heading" }, t("results.title")),
      h("div", { class: "results-actions" }, importButton, exportButton, printButton),
    ),
    h("p", { class: "muted" }, t("results.intro")),
    dropHint,
    messages,
    h(
      "form",
      { class: "results-filters", role: "search", "aria-label": t("results.filter.label") },
      h("label", { class: "field" }, h("span", { class: "label" }, t("results.filter.group")), group),
      h("label", { class: "field" }, h("span", { class: "label" }, t("results.filter.from")), from),
      h("label", { class: "field" }, h("span", { class: "label" }, t("results.filter.to")), to),
      clear,
    ),
    board,
    h("h2", { id: "learners-heading" }, t("results.learners.title")),
    h("p", { class: "muted small" }, t("results.learners.hint")),
    learnersSlot,
  );

  function fail(error: unknown) {
    messages.replaceChildren(banner(error as ErrorReport));
  }

  function drawGroups(groups: string[]) {
    const current = filter.group;
    group.replaceChildren(
      h("option", { value: "" }, t("results.filter.allGroups")),
      ...groups.map((g) => h("option", { value: g, selected: g === current }, g)),
    );
    group.value = current ?? "";
  }

  let asked = 0;
  async function refresh(): Promise<void> {
    // Filters changed quickly: only the last answer is drawn.
    const mine = ++asked;
    try {
      const [d, all] = await Promise.all([ipc.resultsDashboard(course.id, filter), ipc.resultsLearners(course.id)]);
      if (destroyed || mine !== asked) return;
      dashboard = d;
      learners = all;
    } catch (error) {
      if (mine === asked) fail(error);
      return;
    }
    messages.querySelector('[data-code="results_filter_date_invalid"]')?.remove();
    drawGroups(dashboard.groups);
    const shown = filter.group === null ? learners : learners.filter((l) => l.group === filter.group);
    exportButton.disabled = learners.length === 0;
    printButton.disabled = dashboard.learners === 0;
    board.replaceChildren(
      learners.length === 0
        ? h("div", { class: "empty empty-small", id: "results-empty" }, h("p", {}, t("results.empty")), h("p", { class: "muted" }, t("results.empty.hint")))
        : renderDashboard(dashboard, shown, language()),
    );
    learnersSlot.replaceChildren(
      renderLearners(learners, {
        merge: async (keep, other) => {
          try {
            await ipc.mergeLearners(course.id, keep.id, other.id);
            messages.replaceChildren(h("p", { class: "notice notice-ok", role: "status" }, t("results.merge.done", { other: learnerName(other), keep: learnerName(keep) })));
          } catch (error) {
            fail(error);
          }
          await refresh();
        },
        remove: async (learner) => {
          try {
            await ipc.deleteLearner(course.id, learner.id);
            messages.replaceChildren(h("p", { class: "notice notice-ok", role: "status" }, t("results.delete.done")));
          } catch (error) {
            fail(error);
          }
          await refresh();
        },
      }),
    );
  }

  /** Imports the given files (from the dialog or a drop); null paths = open the dialog. */
  async function importFiles(paths: string[] | null): Promise<void> {
    if (busy) return;
    busy = true;
    importButton.disabled = true;
    messages.replaceChildren(h("p", { class: "notice", role: "status" }, t("results.importing")));
    try {
      const chosen = paths ?? (await ipc.chooseResultsFiles(t("results.import.dialog")));
      if (!chosen || chosen.length === 0) {
        messages.replaceChildren();
      } else {
        try {
          messages.replaceChildren(renderImportReport(await ipc.importResults(chosen)));
        } catch (error) {
          messages.replaceChildren(renderRefused(error as ErrorReport, chosen, (others) => void importFiles(others)));
        }
      }
    } catch (error) {
      fail(error);
    } finally {
      busy = false;
      importButton.disabled = false;
    }
    await refresh();
  }

  importButton.addEventListener("click", () => void importFiles(null));
  exportButton.addEventListener("click", async () => {
    try {
      const path = await ipc.exportResultsCsv(course.id, filter, t("results.export.dialog"), csvName(course.slug, filter));
      if (path) messages.replaceChildren(h("p", { class: "notice notice-ok", role: "status", id: "results-exported" }, t("results.export.done", { path })));
    } catch (error) {
      fail(error);
    }
  });
  printButton.addEventListener("click", () => {
    if (dashboard) {
      const shown = filter.group === null ? learners : learners.filter((l) => l.group === filter.group);
      openReport(course, dashboard, shown, filter, language());
    }
  });
  const onFilter = () => {
    filter = { group: group.value || null, from: from.value || null, to: to.value || null };
    void refresh();
  };
  group.addEventListener("change", onFilter);
  from.addEventListener("change", onFilter);
  to.addEventListener("change", onFilter);
  clear.addEventListener("click", () => {
    group.value = "";
    from.value = "";
    to.value = "";
    onFilter();
  });

  // Files dropped from the file manager: Tauri hands over their paths (the
  // web view never reads the files itself); the view lights up while a drag is over the window.
  let unlisten: (() => void) | null = null;
  void ipc
    .onFileDrop((event) => {
      if (event.type === "enter" || event.type === "over") root.classList.add("drop-active");
      else root.classList.remove("drop-active");
      if (event.type !== "drop") return;
      const { files, ignored } = resultsFiles(event.paths);
      if (files.length) void importFiles(files);
      else if (ignored.length) messages.replaceChildren(h("p", { class: "notice notice-warn", role: "status" }, t("results.drop.ignored", { files: ignored.join(", ") })));
    })
    .then((off) => {
      if (destroyed) return off();
      unlisten = off;
      dropHint.hidden = false;
    })
    .catch(() => undefined);

  return {
    root,
    refresh,
    destroy() {
      destroyed = true;
      unlisten?.();
    },
  };
}
