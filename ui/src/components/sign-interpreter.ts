// The sign-language interpreter of a video, inside its card in the media
// panel (issue 16): the interpreters it has (per language or for both, with
// their offsets) and "Remove", and a small form to set one — the language,
// the offset in seconds, then either a file (the native dialog; copied as a
// job with progress and cancel, like any attach) or one of the course's
// other videos. And the course's checkbox "This course needs sign-language
// interpretation", which makes the panel flag videos without one. All rules
// (videos only, offset in range) are the core's; errors come back as
// reports the panel shows.
import type { Lang, MediaItem, SignStatus } from "../bindings";
import { h } from "../dom";
import { t } from "../i18n";
import * as ipc from "../ipc";
import { newId } from "../util";
import { jobRow } from "./job";

/** What the card needs from the panel: run an action (errors shown, list refreshed) and a place for a job row. */
export interface SignHost {
  courseId: string;
  run(action: () => Promise<unknown>): Promise<void>;
  jobArea: HTMLElement;
}

/** "1.5" → 1500; a comma is a decimal point too; anything else is 0. */
export function offsetMs(text: string): number {
  const value = Number(text.trim().replace(",", "."));
  return Number.isFinite(value) ? Math.round(value * 1000) : 0;
}

function langLabel(lang: Lang | null | undefined): string {
  return lang ? lang.toUpperCase() : t("sign.both");
}

/** The section of a video's card; `videos` are the course's media (the other videos are offered). */
export function signInterpreterSection(host: SignHost, item: MediaItem, videos: MediaItem[]): HTMLElement | null {
  if (item.kind !== "video") return null;
  const id = `sign-${item.id}`;
  const current = item.interpreters.length
    ? h(
        "ul",
        { class: "sign-links" },
        ...item.interpreters.map((link) => {
          const remove = h("button", { type: "button", class: "link-button link-danger", "data-action": "unsign" }, t("sign.remove"));
          remove.addEventListener("click", () => void host.run(() => ipc.removeInterpreter(host.courseId, item.name, link.lang ?? null)));
          return h(
            "li",
            { "data-lang": link.lang ?? "all" },
            t("sign.current", { lang: langLabel(link.lang), name: link.media, offset: (link.offset_ms / 1000).toString() }),
            " ",
            remove,
          );
        }),
      )
    : h("p", { class: "muted small" }, t("sign.none"));
  const lang = h(
    "select",
    { id: `${id}-lang`, "data-field": "lang" },
    h("option", { value: "" }, t("sign.both")),
    h("option", { value: "pt" }, "PT"),
    h("option", { value: "en" }, "EN"),
  );
  const offset = h("input", { id: `${id}-offset`, type: "number", step: "0.1", value: "0", inputmode: "decimal", "data-field": "offset" });
  const chosenLang = (): Lang | null => (lang.value === "pt" || lang.value === "en" ? lang.value : null);
  const file = h("button", { type: "button", class: "button button-small", "data-action": "sign-file" }, t("sign.file"));
  file.addEventListener("click", () =>
    void host.run(async () => {
      const job = newId("sign-");
      const { row, update } = jobRow(job, t("media.copying"));
      host.jobArea.replaceChildren(row);
      try {
        await ipc.chooseInterpreter(host.courseId, item.name, chosenLang(), offsetMs(offset.value), t("sign.dialog"), job, (p) => {
          if (p.total) update(p.done, p.total);
        });
      } finally {
        host.jobArea.replaceChildren();
      }
    }),
  );
  const others = videos.filter((v) => v.kind === "video" && v.id !== item.id);
  const pick = h(
    "select",
    { id: `${id}-video`, "data-field": "video" },
    h("option", { value: "" }, t("sign.videoNone")),
    ...others.map((v) => h("option", { value: v.name }, v.name)),
  );
  const use = h("button", { type: "button", class: "button button-small", "data-action": "sign-video" }, t("sign.use"));
  use.addEventListener("click", () => {
    if (!pick.value) return;
    void host.run(() => ipc.setInterpreter(host.courseId, item.name, pick.value, chosenLang(), offsetMs(offset.value)));
  });
  return h(
    "details",
    { class: "sign-interpreter", "data-has": String(item.interpreters.length > 0) },
    h("summary", {}, `${t("sign.title")}${item.interpreters.length ? ` (${item.interpreters.length})` : ""}`),
    current,
    h(
      "div",
      { class: "sign-form" },
      h("label", { for: `${id}-lang` }, t("sign.lang")),
      lang,
      h("label", { for: `${id}-offset` }, t("sign.offset")),
      offset,
      file,
      h("label", { for: `${id}-video` }, t("sign.video")),
      pick,
      use,
    ),
  );
}

/** The course's "needs sign-language interpretation" checkbox. */
export function signRequiredToggle(host: SignHost, status: SignStatus): HTMLElement {
  const box = h("input", { type: "checkbox", id: "sign-required", checked: status.required });
  box.addEventListener("change", () => void host.run(() => ipc.setSignRequired(host.courseId, box.checked)));
  return h("p", { class: "sign-required" }, box, " ", h("label", { for: "sign-required" }, t("sign.required")));
}
