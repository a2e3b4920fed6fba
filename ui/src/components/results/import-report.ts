// What an import of results files did, in words. The core checks every file
// of a batch before writing any, so a batch is imported whole or not at all:
// the report says how many learners and attempts are new, which files had
// been imported before (nothing changed), and learners deleted earlier that
// a file still carried. A refused batch is told as the refused file's name
// with the app's own sentence for the error, and an offer to import the
// other files alone.
import type { ErrorReport, ResultsImportReport } from "../../bindings";
import { h } from "../../dom";
import { describeError, plural, t } from "../../i18n";

/** The file's name without its folder (paths come from the dialog or a drop). */
export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

export function renderImportReport(report: ResultsImportReport): HTMLElement {
  const imported = report.files.filter((f) => !f.already_imported);
  const already = report.files.filter((f) => f.already_imported);
  const skipped = report.files.reduce((n, f) => n + f.skipped_deleted_learners, 0);
  const lines: HTMLElement[] = [];
  if (imported.length) {
    lines.push(
      h(
        "p",
        { "data-line": "imported" },
        t(imported.length === 1 ? "results.import.done.one" : "results.import.done.other", {
          n: imported.length,
          learners: plural("results.newLearners", report.new_learners),
          attempts: plural("results.newAttempts", report.new_attempts),
        }),
      ),
    );
  }
  if (already.length) {
    lines.push(
      h(
        "p",
        { "data-line": "already" },
        plural("results.import.already", already.length),
        h("span", { class: "muted small" }, ` (${already.map((f) => baseName(f.path)).join(", ")})`),
      ),
    );
  }
  if (skipped) lines.push(h("p", { "data-line": "skipped" }, plural("results.import.skipped", skipped)));
  if (lines.length === 0) lines.push(h("p", {}, t("results.import.nothing")));
  return h("div", { class: "notice notice-ok results-import-report", role: "status", id: "results-import-report" }, ...lines);
}

/** The file a refused batch failed on (the error's `path` field), when it is one of `paths`. */
export function refusedFile(error: ErrorReport, paths: string[]): string | null {
  const path = error.fields?.path;
  if (typeof path !== "string") return null;
  return paths.find((p) => p === path || baseName(p) === baseName(path)) ?? null;
}

/** A refused batch: which file, why, and (with other files in the batch) a button to import those alone. */
export function renderRefused(error: ErrorReport, paths: string[], importOthers: (others: string[]) => void): HTMLElement {
  const file = refusedFile(error, paths);
  const { title, detail } = describeError(error);
  const others = file ? paths.filter((p) => p !== file) : [];
  const retry = others.length ? h("button", { type: "button", class: "button", id: "results-import-others" }, plural("results.import.others", others.length)) : null;
  retry?.addEventListener("click", () => importOthers(others));
  return h(
    "div",
    { class: "banner banner-error results-import-refused", role: "alert", "data-code": error.code, id: "results-import-report" },
    file ? h("p", { class: "banner-title" }, t("results.import.failedFile", { file: baseName(file) })) : null,
    h("p", { class: file ? "banner-detail" : "banner-title" }, title),
    detail ? h("p", { class: "banner-detail" }, detail) : null,
    retry ? h("div", { class: "banner-actions" }, retry) : null,
  );
}
