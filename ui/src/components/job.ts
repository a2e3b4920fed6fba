// The row a long job shows while it runs (attach, export, import): what it
// is doing, a progress bar, and a button that cancels it.
import { h } from "../dom";
import { t } from "../i18n";
import * as ipc from "../ipc";

export interface JobRow {
  row: HTMLElement;
  /** The words before the bar; a job may write the bytes done into it. */
  label: HTMLElement;
  /** Moves the bar; it stays put while the total is unknown. */
  update(done: number, total?: number): void;
}

/** A row for `job`; `name` names the bar, `text` (the name when absent) is the label's first words. */
export function jobRow(job: string, name: string, text = name): JobRow {
  const bar = h("progress", { class: "progress", max: 100, value: 0, "aria-label": name });
  const label = h("span", { class: "job-label" }, text);
  const stop = h("button", { type: "button", class: "button button-small", id: "cancel-job" }, t("common.cancel"));
  stop.addEventListener("click", () => void ipc.cancelJob(job));
  return {
    row: h("div", { class: "job" }, label, bar, stop),
    label,
    update(done, total) {
      if (total) bar.value = Math.round((done / total) * 100);
    },
  };
}
