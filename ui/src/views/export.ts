// The export dialog: choose what to make (a .juntos package for partners
// and sticks, or a zip for Moodle or Kolibri), a folder (a USB stick), the
// languages, see the size and any FAT32 or free-space problem before
// starting, then a progress bar with cancel. Nothing is written before the
// person presses "Export". A signed package says who made it: when the
// organisation has no name yet, the dialog asks for it right here (saved as
// it is typed, like Settings), so the first export just works.
import type { ErrorReport, ExportFormat, ExportPreflight, ExportReport, Languages } from "../bindings";
import { jobRow } from "../components/job";
import { openModal, reveal } from "../components/modal";
import { h } from "../dom";
import { describeError, localeTag, t } from "../i18n";
import * as ipc from "../ipc";
import { formatBytes, groupFingerprint, newId } from "../util";
import { banner } from "./library";
import { orgNameField, type OrgNameField } from "./org-name";

export function openExportDialog(courseId: string, title: string): Promise<ExportReport | null> {
  return new Promise((resolve) => {
    let result: ExportReport | null = null;
    let job: string | null = null;
    const modal = openModal(t("export.title", { title }), {
      wide: true,
      testId: "export-dialog",
      onClose: () => {
        void orgField?.flush();
        if (job) void ipc.cancelJob(job);
        resolve(result);
      },
    });
    const locale = localeTag();
    let folder: string | null = null;
    let languages: Languages = "both";
    let format: ExportFormat = "juntos";
    let preflight: ExportPreflight | null = null;
    let orgField: OrgNameField | null = null;
    // Shown only while the organisation has no name.
    const orgArea = h("div", { class: "field", id: "export-org", hidden: true });
    function askOrgName(initial = "") {
      if (orgField) return;
      orgField = orgNameField(initial, () => void runPreflight(), "export-org-name");
      orgArea.replaceChildren(
        h("label", { class: "label", for: "export-org-name" }, t("export.org")),
        h("p", { class: "muted small" }, t("export.org.hint")),
        orgField.root,
      );
      orgArea.hidden = false;
    }
    void Promise.resolve()
      .then(() => ipc.orgIdentity())
      .then((identity) => {
        if (!identity.name.trim()) askOrgName();
      })
      .catch(() => undefined);

    const folderText = h("code", { class: "path", id: "export-folder" }, t("export.folder.none"));
    const choose = h("button", { type: "button", class: "button", id: "export-choose-folder" }, t("export.folder.choose"));
    const check = h("div", { class: "preflight", id: "export-preflight", "aria-live": "polite" });
    const overwrite = h("input", { type: "checkbox", id: "export-overwrite" });
    const overwriteRow = h("label", { class: "choice", hidden: true }, overwrite, t("export.overwrite"));
    const progress = h("div", { class: "job-area" });
    const start = h("button", { type: "button", class: "button button-primary", id: "export-start", disabled: true }, t("export.start"));
    const cancel = h("button", { type: "button", class: "button" }, t("common.close"));
    cancel.addEventListener("click", () => modal.close());

    const langChoice = (value: Languages) => {
      const input = h("input", { type: "radio", name: "export-langs", value, checked: value === languages });
      input.addEventListener("change", () => {
        languages = value;
        void runPreflight();
      });
      return h("label", { class: "choice" }, input, t(`export.langs.${value}`));
    };
    const intro = h("p", { class: "muted", id: "export-intro" }, t("export.intro"));
    // SCORM only (issue 16): report "failed" for a quiz not passed. Off by
    // default, because Moodle then sends the learner to review mode.
    const scormFailed = h("input", { type: "checkbox", id: "export-scorm-failed" });
    const scormFailedRow = h(
      "label",
      { class: "choice", hidden: (format as ExportFormat) !== "scorm12" },
      scormFailed,
      h("span", {}, t("export.scormFailed"), h("span", { class: "muted small" }, ` — ${t("export.scormFailed.hint")}`)),
    );
    const formatChoice = (value: ExportFormat) => {
      const input = h("input", { type: "radio", name: "export-format", value, checked: value === format });
      input.addEventListener("change", () => {
        format = value;
        scormFailedRow.hidden = value !== "scorm12";
        intro.textContent = t(value === "juntos" ? "export.intro" : `export.intro.${value}`);
        void runPreflight();
      });
      return h(
        "label",
        { class: "choice" },
        input,
        h("span", {}, t(`export.format.${value}`), h("span", { class: "muted small" }, ` — ${t(`export.format.${value}.for`)}`)),
      );
    };

    async function use(chosen: string) {
      folder = chosen;
      folderText.textContent = chosen;
      await runPreflight();
    }
    choose.addEventListener("click", async () => {
      const chosen = await ipc.chooseFolder(t("export.folder.dialog")).catch(() => null);
      if (chosen) await use(chosen);
    });
    // USB sticks plugged in now, one click each.
    const sticks = h("div", { class: "sticks", id: "export-sticks" });
    void ipc
      .removableDrives()
      .then((drives) => {
        sticks.replaceChildren(
          ...drives.map((d) => {
            const b = h(
              "button",
              { type: "button", class: "stick", "data-path": d.path },
              h("span", { class: "stick-name" }, `▣ ${d.name}`),
              h("span", { class: "muted small" }, t("export.stick.free", { size: formatBytes(d.available, locale) }), d.fat32 ? " · FAT32" : ""),
            );
            b.addEventListener("click", () => void use(d.path));
            return b;
          }),
        );
      })
      .catch(() => undefined);
    overwrite.addEventListener("change", () => paintStart());

    async function runPreflight() {
      if (!folder) return;
      check.replaceChildren(h("p", { class: "muted" }, t("export.checking")));
      try {
        preflight = await ipc.exportPreflight(courseId, folder, languages, format);
      } catch (error) {
        preflight = null;
        check.replaceChildren(banner(error as ErrorReport));
        paintStart();
        return;
      }
      const p = preflight;
      const facts = h(
        "dl",
        { class: "facts" },
        h("dt", {}, t("export.file")),
        h("dd", {}, h("code", { class: "path" }, p.path)),
        h("dt", {}, t("export.size")),
        h("dd", { id: "export-size" }, t("export.size.value", { size: formatBytes(p.size, locale) })),
        h("dt", {}, t("export.free")),
        h("dd", {}, formatBytes(p.available, locale), p.fat32 ? h("span", { class: "tag tag-warn" }, "FAT32") : null),
      );
      overwriteRow.hidden = !p.exists;
      const unnamed = p.problem?.code === "org_name_missing";
      if (unnamed) askOrgName();
      check.replaceChildren(
        facts,
        unnamed
          ? h("p", { class: "notice notice-warn", id: "export-need-org", role: "status" }, t("export.org.needed"))
          : p.problem
            ? banner(p.problem)
            : h("p", { class: "notice notice-ok", id: "export-ok" }, t("export.ok")),
        p.fat32 && !p.problem ? h("p", { class: "muted small" }, t("export.fat32.ok")) : "",
        unusedNote(p),
        unsignedNote(p),
      );
      paintStart();
    }

    // Why Exportar is grey, said beside it: the dialog may scroll on a small
    // screen (1366×768), the action row never does.
    const reason = h("span", { class: "action-reason small", id: "export-reason", "aria-live": "polite" });
    function paintStart() {
      start.disabled = !preflight || !!preflight.problem || (preflight.exists && !overwrite.checked) || job !== null;
      const problem = preflight?.problem;
      reason.textContent =
        job !== null || !preflight
          ? ""
          : problem?.code === "org_name_missing"
            ? t("export.org.needed")
            : problem
              ? describeError(problem).title
              : preflight.exists && !overwrite.checked
                ? t("export.overwrite")
                : "";
    }

    start.addEventListener("click", async () => {
      if (!folder || !preflight) return;
      job = newId("export-");
      const { row, label, update } = jobRow(job, t("export.writing"));
      progress.replaceChildren(row);
      reveal(progress);
      paintStart();
      try {
        const made = format;
        const failed = made === "scorm12" && scormFailed.checked;
        result = await ipc.exportCourse(
          courseId,
          folder,
          languages,
          made,
          overwrite.checked,
          job,
          (p) => {
            update(p.done, p.total);
            label.textContent = `${t("export.writing")} ${formatBytes(p.done, locale)}${p.total ? ` / ${formatBytes(p.total, locale)}` : ""}`;
          },
          failed,
        );
        job = null;
        progress.replaceChildren(
          h(
            "div",
            { class: "notice notice-ok", id: "export-done", role: "status" },
            h("p", {}, t("export.done", { size: formatBytes(result.size, locale) })),
            h("code", { class: "path" }, result.path),
            made === "juntos"
              ? h("p", { class: "muted small" }, t("export.fingerprint", { fingerprint: groupFingerprint(result.fingerprint) }))
              : h("p", { class: "muted small" }, t(`export.done.${made}`)),
          ),
        );
        start.hidden = true;
        reveal(progress);
      } catch (error) {
        job = null;
        const report = error as ErrorReport;
        progress.replaceChildren(report.code === "cancelled" ? h("p", { class: "notice", role: "status" }, t("export.cancelled")) : banner(report));
        reveal(progress);
        paintStart();
      }
    });

    modal.body.append(
      intro,
      orgArea,
      h(
        "fieldset",
        { class: "field" },
        h("legend", { class: "label" }, t("export.format")),
        h("div", { class: "choices choices-stacked" }, formatChoice("juntos"), formatChoice("scorm12"), formatChoice("html5")),
        scormFailedRow,
      ),
      h("div", { class: "field" }, h("span", { class: "label" }, t("export.folder")), sticks, h("div", { class: "row" }, folderText, choose)),
      h("fieldset", { class: "field" }, h("legend", { class: "label" }, t("export.langs")), h("div", { class: "choices" }, langChoice("both"), langChoice("pt"), langChoice("en"))),
      check,
      overwriteRow,
      progress,
    );
    modal.actions.append(reason, cancel, start);
  });
}

/** Media attached but shown by no lesson stay out of every export (issue 13 item 10): said before starting. */
export function unusedNote(p: Pick<ExportPreflight, "unused_media">): HTMLElement | "" {
  const names = p.unused_media ?? [];
  if (names.length === 0) return "";
  const key = names.length === 1 ? "export.unused.one" : "export.unused.other";
  return h("p", { class: "notice", id: "export-unused", role: "status", "data-count": names.length }, t(key, { n: names.length, names: names.join(", ") }));
}

/** Videos without a sign-language interpreter where the course asks for one (issue 16): said like missing captions, not refused. */
export function unsignedNote(p: Pick<ExportPreflight, "unsigned_videos">): HTMLElement | "" {
  const names = p.unsigned_videos ?? [];
  if (names.length === 0) return "";
  return h("p", { class: "notice notice-warn", id: "export-unsigned", role: "status", "data-count": names.length }, t("export.unsigned", { n: names.length, names: names.join(", ") }));
}
