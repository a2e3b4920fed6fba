// "Pen USB / USB stick": one dialog for both sides of a stick (issue 18,
// docs/desktop.md). Write: choose the removable drive, the courses and the
// languages, read the pre-flight (free space, FAT32's 4 GiB rule, the size
// of each language choice) BEFORE anything is written, write as a job with
// progress and cancel, then verify every byte. Import: choose the stick,
// see its courses against the library (new / newer / same / local edits)
// and import the chosen ones with every rule of package import. The panes
// are stick-write.ts and stick-import.ts; the rules, stick-logic.ts.
import type { ImportReport } from "../bindings";
import { openModal } from "../components/modal";
import { h } from "../dom";
import { localeTag, t } from "../i18n";
import * as ipc from "../ipc";
import { formatBytes } from "../util";
import { mountImportPane } from "./stick-import";
import { mountWritePane } from "./stick-write";

export type StickMode = "write" | "import";

/** What a pane gets from the dialog. */
export interface StickPaneContext {
  locale: string;
  /** Which drive or folder: the removable drives plugged in now, or any folder. */
  picker(idPrefix: string, onChoose: (path: string) => void): HTMLElement;
  /** A job started (its id) or ended (null): closing the dialog cancels a running one. */
  setJob(job: string | null): void;
  onImported(reports: ImportReport[]): void;
}

export interface StickPane {
  root: HTMLElement;
  /** Saves what is typed (the organisation's name) before the dialog closes. */
  flush?(): Promise<void>;
}

/** The drive picker: one button per removable drive (with its free space and FAT32), and "another folder…". */
export function drivePicker(idPrefix: string, onChoose: (path: string) => void, locale: string): HTMLElement {
  const chosen = h("code", { class: "path", id: `${idPrefix}-folder` }, t("stick.folder.none"));
  const drives = h("div", { class: "sticks", id: `${idPrefix}-drives`, role: "group", "aria-label": t("stick.drives") });
  const other = h("button", { type: "button", class: "button", id: `${idPrefix}-choose` }, t("stick.folder.choose"));
  const use = (path: string) => {
    chosen.textContent = path;
    drives.querySelectorAll("button").forEach((b) => b.setAttribute("aria-pressed", String(b.getAttribute("data-path") === path)));
    onChoose(path);
  };
  other.addEventListener("click", async () => {
    const path = await ipc.chooseFolder(t("stick.folder.dialog")).catch(() => null);
    if (path) use(path);
  });
  void ipc
    .removableDrives()
    .then((list) => {
      drives.replaceChildren(
        ...(list.length
          ? list.map((d) => {
              const b = h(
                "button",
                { type: "button", class: "stick", "data-path": d.path, "aria-pressed": "false" },
                h("span", { class: "stick-name" }, `▣ ${d.name}`),
                h("span", { class: "muted small" }, t("stick.drive.free", { size: formatBytes(d.available, locale) }), d.fat32 ? " · FAT32" : ""),
              );
              b.addEventListener("click", () => use(d.path));
              return b;
            })
          : [h("p", { class: "muted small" }, t("stick.drives.none"))]),
      );
    })
    .catch(() => undefined);
  return h("div", { class: "field" }, h("span", { class: "label" }, t("stick.where")), drives, h("div", { class: "row" }, chosen, other));
}

/** Opens the dialog, on the writing side unless `mode` says otherwise. */
export function openStickDialog(onImported: (reports: ImportReport[]) => void, mode: StickMode = "write"): Promise<void> {
  let job: string | null = null;
  let pane: StickPane | null = null;
  const modal = openModal(t("stick.title"), {
    wide: true,
    testId: "stick-dialog",
    onClose: () => {
      void pane?.flush?.();
      if (job) void ipc.cancelJob(job);
    },
  });
  const locale = localeTag();
  const ctx: StickPaneContext = {
    locale,
    picker: (prefix, onChoose) => drivePicker(prefix, onChoose, locale),
    setJob: (id) => (job = id),
    onImported,
  };
  const slot = h("div", { class: "stick-pane" });
  // The pane's own buttons (and why they are grey), after Close.
  const paneActions = h("span", { class: "pane-actions" });
  const close = h("button", { type: "button", class: "button", id: "stick-close" }, t("common.close"));
  close.addEventListener("click", () => modal.close());
  modal.actions.append(close, paneActions);
  const show = (which: StickMode) => {
    if (job) return;
    void pane?.flush?.();
    pane = which === "write" ? mountWritePane(ctx, paneActions) : mountImportPane(ctx, paneActions);
    slot.replaceChildren(pane.root);
  };
  const choice = (value: StickMode) => {
    const input = h("input", { type: "radio", name: "stick-mode", value, id: `stick-mode-${value}`, checked: value === mode });
    input.addEventListener("change", () => show(value));
    return h("label", { class: "choice", for: `stick-mode-${value}` }, input, h("span", {}, t(`stick.mode.${value}`), h("span", { class: "muted small" }, ` — ${t(`stick.mode.${value}.for`)}`)));
  };
  modal.body.append(
    h("p", { class: "muted" }, t("stick.intro")),
    h("fieldset", { class: "field" }, h("legend", { class: "label" }, t("stick.mode")), h("div", { class: "choices choices-stacked" }, choice("write"), choice("import"))),
    slot,
  );
  show(mode);
  return modal.closed;
}
