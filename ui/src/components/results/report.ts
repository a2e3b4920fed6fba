// The printable report for funders: one click opens it over the app as an
// A4 sheet (course title, organisation, the filters in words, the charts)
// and asks the system to print it (window.print(); WebKitGTK shows its print
// dialog, where "Print to file" makes a PDF). The @media print rules in
// results.css print the sheet alone. Learners' names are not in it: the
// charts are aggregates, names stay on the trainer's laptop.
import type { Course, Lang, ResultsDashboard, ResultsFilter, ResultsLearner } from "../../bindings";
import { h } from "../../dom";
import { formatDate, t } from "../../i18n";
import { pick } from "../../util";
import { renderDashboard } from "./dashboard";

/** The filters in words: "All groups · 1 December 2026 – 2 December 2026". */
export function filterText(filter: ResultsFilter, d: ResultsDashboard): { group: string; dates: string } {
  const group = filter.group ?? t("results.filter.allGroups");
  const from = filter.from ?? d.first_day;
  const to = filter.to ?? d.last_day;
  const dates = from && to ? t("results.report.dates", { from: formatDate(from), to: formatDate(to) }) : t("results.report.noDates");
  return { group, dates };
}

export interface Report {
  root: HTMLElement;
  close(): void;
}

export function openReport(course: Course, d: ResultsDashboard, learners: ResultsLearner[], filter: ResultsFilter, lang: Lang, print: () => void = () => window.print()): Report {
  const previous = document.activeElement as HTMLElement | null;
  const title = pick(course.title, lang);
  const { group, dates } = filterText(filter, d);
  const printButton = h("button", { type: "button", class: "button button-primary", id: "report-print" }, t("results.report.print"));
  const closeButton = h("button", { type: "button", class: "button", id: "report-close" }, t("common.close"));
  const sheet = h(
    "article",
    { class: "report-sheet", "aria-labelledby": "report-title" },
    h(
      "header",
      { class: "report-head" },
      h("p", { class: "report-kicker" }, t("results.report.kicker")),
      h("h1", { id: "report-title", lang: title.lang }, title.text),
      course.organisation ? h("p", { class: "report-org" }, course.organisation) : null,
      h(
        "dl",
        { class: "report-facts" },
        h("div", {}, h("dt", {}, t("results.filter.group")), h("dd", { "data-fact": "group" }, group)),
        h("div", {}, h("dt", {}, t("results.report.period")), h("dd", { "data-fact": "dates" }, dates)),
        h("div", {}, h("dt", {}, t("results.report.made")), h("dd", { "data-fact": "made" }, formatDate(new Date().toISOString()))),
      ),
    ),
    renderDashboard(d, learners, lang),
    h("footer", { class: "report-foot muted small" }, t("results.report.privacy")),
  );
  const root = h(
    "div",
    { class: "report-overlay", id: "results-report", role: "dialog", "aria-modal": "true", "aria-labelledby": "report-title" },
    h("div", { class: "report-bar" }, closeButton, printButton),
    sheet,
  );
  const close = () => {
    root.remove();
    document.removeEventListener("keydown", onKey, true);
    document.body.classList.remove("printing-report");
    previous?.focus?.();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  };
  printButton.addEventListener("click", () => print());
  closeButton.addEventListener("click", close);
  document.addEventListener("keydown", onKey, true);
  document.body.classList.add("printing-report");
  document.body.append(root);
  printButton.focus();
  // One click: the sheet is drawn, then the print dialog opens over it.
  const frame = typeof requestAnimationFrame === "function" ? requestAnimationFrame : (f: () => void) => setTimeout(f, 16);
  frame(() => frame(() => print()));
  return { root, close };
}
