// Importing from a stick (the "Pen USB" dialog's second side): choose the
// stick, see who signed it and each of its courses against this library
// (new, newer, same, local edits, older), tick the ones to import (new and
// newer at first) and import them as a job, with every rule of package
// import: a course edited here stays and the stick's arrives as a copy; an
// organisation not trusted yet is trusted only after its fingerprint is
// checked here, explicitly.
import type { ErrorReport, ImportReport, StickListEntry, StickListing } from "../bindings";
import { jobRow } from "../components/job";
import { h } from "../dom";
import { language, t } from "../i18n";
import * as ipc from "../ipc";
import { groupFingerprint, newId, pick } from "../util";
import { banner } from "./library";
import type { StickPane, StickPaneContext } from "./stick";
import { importOrder, stateKey, tickedAtFirst } from "./stick-logic";

export function mountImportPane(ctx: StickPaneContext, actions: HTMLElement): StickPane {
  let path: string | null = null;
  let listing: StickListing | null = null;
  const chosen = new Set<string>();
  let running = false;

  const area = h("div", { class: "stick-listing", id: "stick-listing", "aria-live": "polite" });
  const trustArea = h("div", { id: "stick-trust-area" });
  const trust = h("input", { type: "checkbox", id: "stick-trust" });
  const progress = h("div", { class: "job-area", id: "stick-import-job" });
  const start = h("button", { type: "button", class: "button button-primary", id: "stick-import", disabled: true }, t("stick.import"));
  const reason = h("span", { class: "action-reason small", id: "stick-import-reason", "aria-live": "polite" });
  let needsTrust = false;

  function paintStart() {
    start.disabled = running || !listing || !chosen.size || (needsTrust && !trust.checked);
    start.textContent = chosen.size ? t("stick.import.n", { n: String(chosen.size) }) : t("stick.import");
    reason.textContent = running || !listing ? "" : !chosen.size ? t("stick.import.none") : needsTrust && !trust.checked ? t("stick.trust.needed") : "";
  }
  trust.addEventListener("change", paintStart);

  function row(entry: StickListEntry): HTMLElement {
    const box = h("input", { type: "checkbox", value: entry.id, checked: chosen.has(entry.id), "aria-describedby": `stick-state-${entry.id}` });
    box.addEventListener("change", () => {
      if (box.checked) chosen.add(entry.id);
      else chosen.delete(entry.id);
      paintStart();
    });
    const title = pick(entry.title, language());
    const revisions = entry.local_revision === null ? t("stick.rev.new", { stick: String(entry.revision) }) : t("stick.rev.both", { stick: String(entry.revision), here: String(entry.local_revision) });
    return h(
      "li",
      { class: `stick-course state-${entry.state}`, "data-course": entry.id, "data-state": entry.state },
      h("label", { class: "choice" }, box, h("span", { class: "stick-course-title", lang: title.lang }, title.text || entry.slug)),
      h("span", { class: `badge badge-${entry.state}` }, t(`stick.badge.${entry.state}`)),
      h("span", { class: "muted small", id: `stick-state-${entry.id}` }, t(stateKey(entry.state) as never), " ", revisions),
    );
  }

  async function load(chosenPath: string, keepProgress = false) {
    path = chosenPath;
    listing = null;
    chosen.clear();
    needsTrust = false;
    trustArea.replaceChildren();
    if (!keepProgress) progress.replaceChildren();
    area.replaceChildren(h("p", { class: "muted" }, t("stick.reading")));
    paintStart();
    try {
      listing = await ipc.stickList(chosenPath);
    } catch (error) {
      area.replaceChildren(banner(error as ErrorReport));
      return;
    }
    const l = listing;
    importOrder(l.courses).forEach((e) => tickedAtFirst(e) && chosen.add(e.id));
    area.replaceChildren(
      h(
        "dl",
        { class: "facts" },
        h("dt", {}, t("stick.by")),
        h("dd", { id: "stick-org" }, l.organisation),
        h("dt", {}, t("import.fingerprint")),
        h("dd", {}, h("code", { class: "fingerprint", id: "stick-fingerprint" }, groupFingerprint(l.fingerprint))),
        h("dt", {}, t("stick.written")),
        h("dd", {}, l.written_at.slice(0, 10), " · ", l.languages.map((x) => x.toUpperCase()).join(" + ")),
      ),
      l.courses.length
        ? h("ul", { class: "stick-course-list", id: "stick-course-list" }, ...importOrder(l.courses).map(row))
        : h("p", { class: "muted" }, t("stick.empty")),
    );
    paintStart();
  }

  /** The import was refused for an organisation not trusted yet: ask, with the fingerprint. */
  function askTrust() {
    if (!listing) return;
    needsTrust = true;
    trustArea.replaceChildren(
      h(
        "div",
        { class: "banner banner-warn", id: "stick-trust-ask" },
        h("p", { class: "banner-title" }, t("import.trust.ask.title", { org: listing.organisation })),
        h("p", {}, t("import.trust.ask.body")),
        h("p", {}, h("code", { class: "fingerprint" }, groupFingerprint(listing.fingerprint))),
        h("label", { class: "choice", for: "stick-trust" }, trust, t("import.trust.confirm")),
      ),
    );
    paintStart();
  }

  start.addEventListener("click", async () => {
    if (!path || !listing || !chosen.size) return;
    running = true;
    const job = newId("stick-import-");
    ctx.setJob(job);
    const p = jobRow(job, t("stick.importing"));
    progress.replaceChildren(p.row);
    paintStart();
    const ids = listing.courses.filter((c) => chosen.has(c.id)).map((c) => c.id);
    try {
      const reports: ImportReport[] = await ipc.stickImport(path, ids, needsTrust && trust.checked, false, job, (x) => p.update(x.done, x.total));
      progress.replaceChildren(
        h(
          "div",
          { class: "notice notice-ok", id: "stick-imported", role: "status" },
          h("p", {}, t("stick.imported", { n: String(reports.length) })),
          h(
            "ul",
            {},
            ...reports.map((r) => h("li", { "data-course": r.course_id }, t(`import.outcome.${r.outcome.kind}` as never, { title: pick(r.title, language()).text || r.slug }))),
          ),
        ),
      );
      trustArea.replaceChildren();
      ctx.onImported(reports);
      running = false;
      ctx.setJob(null);
      await load(path, true);
      return;
    } catch (error) {
      const report = error as ErrorReport;
      progress.replaceChildren(report.code === "cancelled" ? h("p", { class: "notice", role: "status" }, t("stick.import.cancelled")) : banner(report));
      if (report.code === "org_not_trusted") askTrust();
    }
    running = false;
    ctx.setJob(null);
    paintStart();
  });

  actions.replaceChildren(reason, start);
  const root = h("div", { class: "stick-import" }, ctx.picker("stick-in", (chosenPath) => void load(chosenPath)), area, trustArea, progress);
  return { root };
}
