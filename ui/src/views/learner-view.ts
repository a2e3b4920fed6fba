// "Ver como formando / See as a learner": the whole course in the real
// player, as learners get it. The core writes it (the same files as an
// unpacked export) into the app's cache and the shell shows it in a window
// of the app served by its loopback server, where videos play; that window
// can call no command (see src-tauri/src/commands/editor.rs,
// see_as_learner). A course
// says who made it, so an organisation with no name yet is asked for here,
// not sent to Settings.
import type { ErrorReport } from "../bindings";
import { openModal } from "../components/modal";
import { h } from "../dom";
import { t } from "../i18n";
import * as ipc from "../ipc";
import type { Saver } from "../saver";
import { banner } from "./library";
import { isOrgName, orgNameField } from "./org-name";

/** Shows the outcome with `show` (a notice with the path, or the error). */
export async function seeAsLearner(courseId: string, saver: Saver, show: (message: HTMLElement) => void): Promise<void> {
  await saver.flush();
  try {
    const path = await ipc.seeAsLearner(courseId);
    show(h("p", { class: "notice", role: "status", "data-learner-view": path }, t("editor.learner.opened", { path })));
  } catch (error) {
    const report = error as ErrorReport;
    if (report.code === "org_name_missing") askOrgName(courseId, saver, show);
    else show(banner(report));
  }
}

function askOrgName(courseId: string, saver: Saver, show: (message: HTMLElement) => void) {
  const modal = openModal(t("editor.learner"), { testId: "learner-org" });
  const field = orgNameField("", () => undefined, "learner-org-name");
  modal.body.append(h("p", {}, t("editor.learner.org")), h("label", { class: "label", for: "learner-org-name" }, t("export.org")), field.root);
  const cancel = h("button", { type: "button", class: "button" }, t("common.cancel"));
  const go = h("button", { type: "button", class: "button button-primary", "data-action": "confirm" }, t("editor.learner"));
  cancel.addEventListener("click", () => modal.close());
  go.addEventListener("click", async () => {
    if (!isOrgName(field.input.value)) return field.input.focus();
    await field.flush();
    modal.close();
    await seeAsLearner(courseId, saver, show);
  });
  modal.actions.append(cancel, go);
}
