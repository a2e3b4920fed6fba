// The media panel of a course: attach a video, image or sound with the native
// file dialog (a progress bar and cancel while it copies), insert a
// reference at the cursor of the lesson editor, captions per language, and
// the warnings that matter on a USB stick: no captions, not faststart, a
// codec browsers cannot play.
import type { ErrorReport, Lang, MediaItem, MediaItemStatus, MediaStatus, MediaWarning } from "../bindings";
import { jobRow } from "../components/job";
import { mountPreparePanel } from "../components/prepare-panel";
import { signInterpreterSection, signRequiredToggle, type SignHost } from "../components/sign-interpreter";
import { confirmDialog, promptDialog } from "../components/modal";
import { h } from "../dom";
import { describeError, localeTag, t } from "../i18n";
import * as ipc from "../ipc";
import { formatBytes, newId } from "../util";
import { banner } from "./library";

export interface MediaPanel {
  root: HTMLElement;
  refresh(): Promise<void>;
}

export function warningText(warning: MediaWarning): string {
  switch (warning.code) {
    case "missing_captions":
      return t("media.warning.missing_captions", { lang: t(`lang.${warning.lang}.inline`) });
    case "not_faststart":
      return t("media.warning.not_faststart");
    case "unsupported_codec":
      return t("media.warning.unsupported_codec", { codec: warning.codec });
    case "missing_interpreter":
      return t("media.warning.missing_interpreter", { lang: t(`lang.${warning.lang}.inline`) });
  }
}

export function mediaReference(item: Pick<MediaItem, "name">): string {
  const title = item.name.replace(/\.[^.]+$/, "").replace(/[-_]+/g, " ");
  return `\n![${title}](media:${item.name})\n`;
}

function duration(ms: number | undefined): string | null {
  if (ms === undefined) return null;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function mountMediaPanel(courseId: string, insert: ((text: string) => void) | null, onChanged: () => void): MediaPanel {
  const list = h("div", { class: "media-list" });
  const jobArea = h("div", { class: "job-area" });
  const messages = h("div", { class: "media-messages" });
  const attach = h("button", { type: "button", class: "button button-primary", id: "attach-media" }, t("media.attach"));
  const root = h(
    "aside",
    { class: "media-panel", "aria-label": t("media.title"), id: "media-panel" },
    h("div", { class: "section-head" }, h("h2", {}, t("media.title")), attach),
    h("p", { class: "muted" }, t("media.hint")),
    jobArea,
    messages,
    list,
  );
  // prepare-ui: "Preparar para partilhar" (issue 12), its own component.
  const prepare = mountPreparePanel(courseId, () => {
    onChanged();
    void refresh();
  });
  root.append(prepare.root);
  let busy = false;
  // sign-language interpreter of each video (issue 16), its own component.
  const signHost: SignHost = { courseId, run: (action) => run(action), jobArea };
  let courseItems: MediaItem[] = [];

  attach.addEventListener("click", async () => {
    if (busy) return;
    busy = true;
    attach.disabled = true;
    messages.replaceChildren();
    const job = newId("attach-");
    const { row, label, update } = jobRow(job, t("media.copying"), t("media.waiting"));
    jobArea.replaceChildren(row);
    try {
      const item = await ipc.attachMedia(courseId, t("media.dialog.title"), job, (p) => {
        label.textContent = t("media.copying");
        if (p.total) {
          update(p.done, p.total);
          label.textContent = `${t("media.copying")} ${formatBytes(p.done, localeTag())} / ${formatBytes(p.total, localeTag())}`;
        }
      });
      if (item) {
        messages.replaceChildren(h("p", { class: "notice", role: "status" }, t("media.attached", { name: item.name })));
        onChanged();
      }
    } catch (error) {
      const report = error as ErrorReport;
      messages.replaceChildren(report.code === "cancelled" ? h("p", { class: "notice", role: "status" }, t("media.cancelled")) : banner(report));
    } finally {
      busy = false;
      attach.disabled = false;
      jobArea.replaceChildren();
      await refresh();
    }
  });

  function itemCard(item: MediaItem, status: MediaItemStatus | undefined): HTMLElement {
    const facts = [
      t(`media.kind.${item.kind}`),
      item.format.toUpperCase(),
      formatBytes(item.size, localeTag()),
      duration(item.duration_ms),
      item.width && item.height ? `${item.width}×${item.height}` : null,
    ].filter(Boolean) as string[];
    const insertButton = h("button", { type: "button", class: "button button-small", "data-action": "insert", disabled: !insert }, t("media.insert"));
    insertButton.addEventListener("click", () => insert?.(mediaReference(item)));
    const rename = h("button", { type: "button", class: "link-button", "data-action": "rename" }, t("media.rename"));
    rename.addEventListener("click", async () => {
      const name = await promptDialog(t("media.rename"), t("media.rename.label"), item.name);
      if (!name || name === item.name) return;
      await run(() => ipc.renameMedia(courseId, item.name, name));
    });
    const remove = h("button", { type: "button", class: "link-button link-danger", "data-action": "detach" }, t("media.detach"));
    remove.addEventListener("click", async () => {
      if (await confirmDialog(t("media.detach"), t("media.detach.body", { name: item.name }), t("media.detach"), { danger: true })) {
        await run(() => ipc.detachMedia(courseId, item.name));
      }
    });
    const captions =
      item.kind === "image"
        ? null
        : h(
            "ul",
            { class: "captions" },
            ...(["pt", "en"] as Lang[]).map((lang) => {
              const has = item.captions.includes(lang);
              const add = h("button", { type: "button", class: "link-button", "data-action": `captions-${lang}` }, has ? t("media.captions.replace") : t("media.captions.add"));
              add.addEventListener("click", () =>
                run(async () => {
                  const info = await ipc.chooseCaptions(courseId, item.name, lang, t("media.captions.dialog", { lang: t(`lang.${lang}.inline`) }));
                  // A file from a Windows tool ("ANSI"): converted, and the person is told what was assumed.
                  if (info?.encoding_assumed) {
                    messages.append(h("p", { class: "notice notice-warn", role: "status", "data-encoding": info.encoding }, t("media.captions.converted", { encoding: info.encoding })));
                  }
                }),
              );
              const del = has ? h("button", { type: "button", class: "link-button link-danger" }, t("media.captions.remove")) : null;
              del?.addEventListener("click", () => run(() => ipc.removeCaptions(courseId, item.name, lang)));
              return h(
                "li",
                { "data-lang": lang, "data-has": String(has) },
                h("span", { class: has ? "badge badge-complete" : "badge badge-missing" }, `${t("media.captions")} ${lang.toUpperCase()}`),
                add,
                del,
              );
            }),
          );
    const warnings = status?.warnings ?? [];
    return h(
      "li",
      { class: "media-item", "data-name": item.name, "data-kind": item.kind },
      h("div", { class: "media-item-head" }, h("code", { class: "media-name" }, item.name), insertButton),
      h("p", { class: "muted" }, facts.join(" · ")),
      captions,
      signInterpreterSection(signHost, item, courseItems),
      warnings.length
        ? h("ul", { class: "warnings" }, ...warnings.map((w) => h("li", { class: "warning", "data-code": w.code }, warningText(w))))
        : null,
      status && status.used_in.length
        ? h("p", { class: "muted small" }, t("media.usedIn", { lessons: status.used_in.join(", ") }))
        : h("p", { class: "muted small" }, t("media.unused")),
      h("div", { class: "media-actions" }, rename, remove),
    );
  }

  async function run(action: () => Promise<unknown>) {
    messages.replaceChildren();
    try {
      await action();
      onChanged();
    } catch (error) {
      messages.replaceChildren(banner(error as ErrorReport));
    }
    await refresh();
  }

  async function refresh() {
    void prepare.refresh();
    let items: MediaItem[];
    let status: MediaStatus | null = null;
    try {
      [items, status] = await Promise.all([ipc.listMedia(courseId), ipc.mediaStatus(courseId)]);
    } catch (error) {
      list.replaceChildren(h("p", {}, describeError(error as ErrorReport).title));
      return;
    }
    if (items.length === 0) {
      list.replaceChildren(h("div", { class: "empty empty-small" }, h("p", {}, t("media.empty")), h("p", { class: "muted" }, t("media.empty.hint"))));
      return;
    }
    const summary = status.videos > 0 ? h("p", { class: "muted" }, t("media.captioned", { n: status.videos_captioned, total: status.videos })) : null;
    courseItems = items;
    const signToggle = signRequiredToggle(signHost, { required: status.sign_required, missing: [] });
    list.replaceChildren(signToggle, summary ?? "", h("ul", { class: "media-items" }, ...items.map((i) => itemCard(i, status!.items.find((s) => s.name === i.name)))));
  }

  return { root, refresh };
}
