// The import dialog: choose a .juntos file; it is verified completely
// (signature, every entry) before anything is shown; then the title,
// organisation, fingerprint, trust state, revision and what would change.
// A new organisation must be trusted explicitly, after checking its
// fingerprint; "import as a copy" is offered when a local course exists.
// A new organisation whose name only looks like a trusted one's is refused
// by the preview: both names and fingerprints are shown, and only an
// explicit "this is a different organisation" lets the import go on.
import type { ErrorReport, ImportPreview, ImportReport } from "../bindings";
import { jobRow } from "../components/job";
import { openModal, reveal } from "../components/modal";
import { h } from "../dom";
import { language, localeTag, plural, t } from "../i18n";
import * as ipc from "../ipc";
import { formatBytes, groupFingerprint, newId, pick } from "../util";
import { banner } from "./library";

export function openImportDialog(onImported: (report: ImportReport) => void): Promise<void> {
  const modal = openModal(t("import.title"), { wide: true, testId: "import-dialog", onClose: () => job && void ipc.cancelJob(job) });
  const locale = localeTag();
  let job: string | null = null;
  let path: string | null = null;
  const area = h("div", { class: "import-area", "aria-live": "polite" });
  const choose = h("button", { type: "button", class: "button", id: "import-choose" }, t("import.choose"));
  const close = h("button", { type: "button", class: "button" }, t("common.close"));
  close.addEventListener("click", () => modal.close());
  modal.body.append(h("p", { class: "muted" }, t("import.intro")), h("div", { class: "row" }, choose), area);
  modal.actions.append(close);

  choose.addEventListener("click", async () => {
    const chosen = await ipc.choosePackage(t("import.dialog")).catch(() => null);
    if (!chosen) return;
    path = chosen;
    modal.actions.replaceChildren(close);
    job = newId("verify-");
    const p = jobRow(job, t("import.verifying"));
    area.replaceChildren(h("p", {}, h("code", { class: "path" }, chosen)), p.row);
    try {
      const preview = await ipc.importPreview(chosen, job, (x) => p.update(x.done, x.total));
      job = null;
      showPreview(preview);
    } catch (error) {
      job = null;
      const report = error as ErrorReport;
      area.replaceChildren(h("p", {}, h("code", { class: "path" }, chosen)), banner(report));
      if (report.code === "org_lookalike" && report.fields?.found) showLookalike(report);
    }
  });

  /** Both organisations side by side, and a separate, explicit acceptance of a different one. */
  function showLookalike(report: ErrorReport) {
    const f = report.fields;
    const different = h("input", { type: "checkbox", id: "import-different-org" });
    const go = h("button", { type: "button", class: "button button-primary", id: "import-start", disabled: true }, t("import.start"));
    different.addEventListener("change", () => (go.disabled = !different.checked));
    area.append(
      h(
        "div",
        { class: "banner banner-warn", id: "import-lookalike" },
        h("p", { class: "banner-title" }, t("import.lookalike.title")),
        h(
          "dl",
          { class: "facts" },
          h("dt", {}, t("import.lookalike.package")),
          h("dd", {}, h("span", { id: "import-lookalike-name" }, f.name ?? ""), " · ", h("code", { class: "fingerprint", id: "import-lookalike-found" }, f.found ?? "")),
          h("dt", {}, t("import.lookalike.known")),
          h("dd", {}, h("span", { id: "import-lookalike-known-name" }, f.known_name ?? ""), " · ", h("code", { class: "fingerprint", id: "import-lookalike-known" }, f.known ?? "")),
        ),
        h("p", {}, t("import.lookalike.body")),
        h("label", { class: "choice" }, different, t("import.lookalike.confirm")),
      ),
    );
    modal.actions.replaceChildren(close, go);
    go.addEventListener("click", () => {
      if (!different.checked) return;
      void startImport(go, "", false, false, f.found ?? null);
    });
  }

  function list(title: string, items: string[]): HTMLElement | null {
    return items.length ? h("div", { class: "change-list" }, h("h4", {}, `${title} (${items.length})`), h("ul", {}, ...items.map((i) => h("li", {}, i)))) : null;
  }

  function showPreview(preview: ImportPreview) {
    const pkg = preview.package;
    const title = (language() === "pt" ? pkg.title_pt || pkg.title_en : pkg.title_en || pkg.title_pt) || pkg.slug;
    const trust = pkg.trust ?? "unknown";
    const c = preview.changes;
    const changes = [
      list(t("import.changes.modules_added"), c.modules_added),
      list(t("import.changes.modules_changed"), c.modules_changed),
      list(t("import.changes.modules_removed"), c.modules_removed),
      list(t("import.changes.lessons_added"), c.lessons_added),
      list(t("import.changes.lessons_changed"), c.lessons_changed),
      list(t("import.changes.lessons_removed"), c.lessons_removed),
      list(t("import.changes.media_added"), c.media_added),
      list(t("import.changes.media_changed"), c.media_changed),
      list(t("import.changes.media_removed"), c.media_removed),
    ].filter(Boolean) as HTMLElement[];

    const trustBox = h("input", { type: "checkbox", id: "import-trust" });
    const copyBox = h("input", { type: "checkbox", id: "import-as-copy" });
    const local = preview.local;
    const forcedCopy = !!local && (local.made_here || local.edited_since_import);
    copyBox.checked = forcedCopy;
    const go = h("button", { type: "button", class: "button button-primary", id: "import-start" }, t("import.start"));
    // Why Importar is grey, said beside it: the trust question may be below
    // the fold of a small screen; the action row is always in view.
    const reason = h("span", { class: "action-reason small", id: "import-reason", "aria-live": "polite" });
    const paint = () => {
      go.disabled = trust === "unknown" && !trustBox.checked;
      reason.textContent = go.disabled ? t("import.trust.needed") : "";
    };
    trustBox.addEventListener("change", paint);
    paint();

    area.replaceChildren(
      h(
        "dl",
        { class: "facts" },
        h("dt", {}, t("import.course")),
        h("dd", { id: "import-course-title" }, title),
        h("dt", {}, t("import.organisation")),
        h("dd", { id: "import-organisation" }, pkg.organisation),
        h("dt", {}, t("import.fingerprint")),
        h("dd", {}, h("code", { class: "fingerprint", id: "import-fingerprint" }, groupFingerprint(pkg.fingerprint))),
        h("dt", {}, t("import.trust")),
        h("dd", {}, h("span", { class: `badge badge-trust-${trust}`, id: "import-trust-state" }, t(`import.trust.${trust}`))),
        h("dt", {}, t("import.revision")),
        h("dd", {}, local ? t("import.revision.both", { pkg: pkg.revision, local: local.revision }) : t("import.revision.new", { pkg: pkg.revision })),
        h("dt", {}, t("import.contents")),
        h("dd", {}, t("import.contents.value", { media: plural("import.media", pkg.media), size: formatBytes(pkg.bytes, locale), langs: pkg.languages.map((l) => l.toUpperCase()).join(" + ") })),
      ),
      h("section", { class: "changes" }, h("h3", {}, t("import.changes")), ...(changes.length ? changes : [h("p", { class: "muted" }, t("import.changes.none"))])),
      trust === "unknown"
        ? h(
            "div",
            { class: "banner banner-warn" },
            h("p", { class: "banner-title" }, t("import.trust.ask.title", { org: pkg.organisation })),
            h("p", {}, t("import.trust.ask.body")),
            h("label", { class: "choice" }, trustBox, t("import.trust.confirm")),
          )
        : "",
      local
        ? h(
            "div",
            { class: "field" },
            h("label", { class: "choice" }, copyBox, t("import.asCopy")),
            h("p", { class: "muted small" }, forcedCopy ? t(local.made_here ? "import.asCopy.madeHere" : "import.asCopy.edited") : t("import.asCopy.hint")),
          )
        : "",
    );
    modal.actions.replaceChildren(reason, close, go);
    go.addEventListener("click", () => {
      reason.textContent = "";
      void startImport(go, title, trustBox.checked, copyBox.checked, null);
    });
  }

  async function startImport(go: HTMLButtonElement, title: string, trust: boolean, asCopy: boolean, different: string | null) {
    if (!path) return;
    job = newId("import-");
    const p = jobRow(job, t("import.importing"));
    go.disabled = true;
    area.append(p.row);
    reveal(p.row);
    try {
      const report = await ipc.importPackage(path, trust, asCopy, job, (x) => p.update(x.done, x.total), different);
      job = null;
      p.row.remove();
      go.hidden = true;
      const shown = title || pick(report.title, language()).text || report.slug;
      const done = h("div", { class: "notice notice-ok", id: "import-done", role: "status" }, h("p", {}, t(`import.outcome.${report.outcome.kind}`, { title: shown })));
      // "The previous version was kept": one click puts it back.
      if (report.outcome.kind === "updated") {
        const previous = report.outcome.previous_revision;
        const restore = h("button", { type: "button", class: "button", id: "import-restore" }, t("import.restore"));
        restore.addEventListener("click", async () => {
          restore.disabled = true;
          try {
            const missing = await ipc.restoreRevision(report.course_id, previous);
            done.replaceChildren(
              h("p", { id: "import-restored" }, t("import.restored")),
              missing.length ? h("p", { class: "small" }, t("import.restored.missing", { names: missing.join(", ") })) : "",
            );
            onImported(report);
          } catch (error) {
            restore.disabled = false;
            done.append(banner(error as ErrorReport));
          }
        });
        done.append(restore);
      }
      area.replaceChildren(done);
      reveal(done);
      onImported(report);
    } catch (error) {
      job = null;
      p.row.remove();
      go.disabled = false;
      area.append(banner(error as ErrorReport));
    }
  }

  return modal.closed;
}
