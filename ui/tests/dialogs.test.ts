import { beforeEach, describe, expect, it, vi } from "vitest";

import type { ExportPreflight, ImportPreview, JobProgress, MediaItem } from "../src/bindings";
import { initLanguage } from "../src/i18n";
import * as ipc from "../src/ipc";
import { openExportDialog } from "../src/views/export";
import { openImportDialog } from "../src/views/import";
import { mediaReference, mountMediaPanel } from "../src/views/media";
import { settle } from "./fixtures";

vi.mock("../src/ipc");
const mocked = vi.mocked(ipc);
const click = (css: string) => (document.querySelector(css) as HTMLElement).click();

const video: MediaItem = {
  id: "m1",
  course_id: "c1",
  name: "entrevista.mp4",
  kind: "video",
  format: "mp4",
  mime: "video/mp4",
  size: 12_500_000,
  sha256: "a".repeat(64),
  duration_ms: 95_000,
  width: 1280,
  height: 720,
  video_codec: "h264",
  audio_codec: "aac",
  faststart: false,
  captions: ["pt"],
  interpreters: [],
  original_name: "Entrevista.MP4",
  created_at: "2026-11-28T05:30:00Z",
};

beforeEach(() => {
  localStorage.clear();
  initLanguage();
  vi.resetAllMocks();
  mocked.removableDrives.mockResolvedValue([]);
  document.body.replaceChildren();
});

describe("media panel", () => {
  beforeEach(() => {
    mocked.listMedia.mockResolvedValue([video]);
    mocked.mediaStatus.mockResolvedValue({
      items: [{ name: "entrevista.mp4", kind: "video", warnings: [{ code: "missing_captions", lang: "en" }, { code: "not_faststart" }], used_in: [] }],
      videos_captioned: 0,
      videos: 1,
      sign_required: false,
      videos_interpreted: 0,
    });
  });

  it("lists media with captions per language and translated warnings, and inserts a reference", async () => {
    const insert = vi.fn();
    const panel = mountMediaPanel("c1", insert, vi.fn());
    document.body.append(panel.root);
    await panel.refresh();
    const item = document.querySelector('.media-item[data-name="entrevista.mp4"]')!;
    expect(item.querySelector('[data-lang="pt"]')?.getAttribute("data-has")).toBe("true");
    expect(item.querySelector('[data-lang="en"]')?.getAttribute("data-has")).toBe("false");
    const warnings = [...item.querySelectorAll(".warning")].map((w) => w.textContent);
    expect(warnings[0]).toBe("Sem legendas em inglês: os formandos surdos não o podem seguir.");
    expect(warnings[1]).toContain("pen USB");
    expect(item.textContent).toContain("1:35");
    (item.querySelector('[data-action="insert"]') as HTMLElement).click();
    expect(insert).toHaveBeenCalledWith("\n![entrevista](media:entrevista.mp4)\n");
    expect(mediaReference({ name: "a_b-c.png" })).toBe("\n![a b c](media:a_b-c.png)\n");
  });

  it("captions from a Windows tool are converted and the panel says what was assumed", async () => {
    mocked.chooseCaptions.mockResolvedValue({ media_name: "entrevista.mp4", lang: "en", cues: 2, source_name: "legendas.srt", encoding: "windows-1252", encoding_assumed: true });
    const panel = mountMediaPanel("c1", vi.fn(), vi.fn());
    document.body.append(panel.root);
    await panel.refresh();
    click('.media-item [data-action="captions-en"]');
    await settle();
    const note = document.querySelector('.media-messages [data-encoding="windows-1252"]');
    expect(note?.textContent).toContain("foi lido como windows-1252");
  });

  it("attaching shows progress and can be cancelled", async () => {
    let progress: ((p: JobProgress) => void) | undefined;
    let finish: (e: unknown) => void = () => {};
    mocked.attachMedia.mockImplementation((_c, _t, _job, onProgress) => {
      progress = onProgress;
      return new Promise((_resolve, reject) => (finish = reject));
    });
    mocked.cancelJob.mockResolvedValue(true);
    const panel = mountMediaPanel("c1", null, vi.fn());
    document.body.append(panel.root);
    click("#attach-media");
    await settle();
    progress!({ done: 50, total: 200 });
    expect((document.querySelector("progress") as HTMLProgressElement).value).toBe(25);
    click("#cancel-job");
    expect(mocked.cancelJob).toHaveBeenCalledWith(mocked.attachMedia.mock.calls[0][2]);
    finish({ code: "cancelled", message_pt: "", message_en: "" });
    await settle();
    expect(document.querySelector(".media-messages")?.textContent).toBe("Cancelado: nada foi anexado.");
    expect(document.querySelector("progress")).toBeNull();
  });
});

describe("export dialog", () => {
  const fine: ExportPreflight = { path: "/media/stick/curso.juntos", size: 2_000_000, available: 8_000_000_000, fat32: true, exists: false };

  it("checks size and space before starting, and refuses what does not fit on FAT32", async () => {
    mocked.chooseFolder.mockResolvedValue("/media/stick");
    mocked.exportPreflight.mockResolvedValue({
      ...fine,
      problem: { code: "export_too_big_for_fat32", message_pt: "…", message_en: "…", fields: {} },
    });
    void openExportDialog("c1", "Curso");
    click("#export-choose-folder");
    await settle();
    expect(mocked.exportPreflight).toHaveBeenCalledWith("c1", "/media/stick", "both", "juntos");
    expect(document.querySelector('[data-code="export_too_big_for_fat32"] .banner-title')?.textContent).toContain("FAT32");
    expect((document.querySelector("#export-start") as HTMLButtonElement).disabled).toBe(true);
  });

  it("offers the USB sticks plugged in", async () => {
    mocked.removableDrives.mockResolvedValue([{ name: "KINGSTON", path: "/media/ana/KINGSTON", available: 3_100_000_000, fat32: true }]);
    mocked.exportPreflight.mockResolvedValue(fine);
    void openExportDialog("c1", "Curso");
    await settle();
    const stick = document.querySelector<HTMLElement>('.stick[data-path="/media/ana/KINGSTON"]')!;
    expect(stick.textContent).toContain("KINGSTON");
    expect(stick.textContent).toContain("3,1 GB livres · FAT32");
    stick.click();
    await settle();
    expect(mocked.exportPreflight).toHaveBeenCalledWith("c1", "/media/ana/KINGSTON", "both", "juntos");
  });

  it("exports with progress once the check passes, in the languages chosen", async () => {
    mocked.chooseFolder.mockResolvedValue("/media/stick");
    mocked.exportPreflight.mockResolvedValue(fine);
    mocked.exportCourse.mockImplementation(async (_c, _f, _l, _fmt, _o, _j, onProgress) => {
      onProgress({ done: 1, total: 2, phase: "writing" });
      return { path: "/media/stick/curso.pt.juntos", size: 1_500_000, entries: 5, media: 1, languages: ["pt"], fingerprint: "ab".repeat(32) };
    });
    void openExportDialog("c1", "Curso");
    click("#export-choose-folder");
    await settle();
    (document.querySelector('input[name="export-langs"][value="pt"]') as HTMLInputElement).click();
    await settle();
    expect(mocked.exportPreflight).toHaveBeenLastCalledWith("c1", "/media/stick", "pt", "juntos");
    expect(document.querySelector("#export-ok")).not.toBeNull();
    click("#export-start");
    await settle();
    expect(mocked.exportCourse.mock.calls[0].slice(0, 5)).toEqual(["c1", "/media/stick", "pt", "juntos", false]);
    expect(document.querySelector("#export-done")?.textContent).toContain("/media/stick/curso.pt.juntos");
    expect(document.querySelector("#export-done")?.textContent).toContain("Assinado com a chave ABAB ABAB ABAB");
  });

  it("makes a SCORM zip for Moodle when that is chosen, and says how to use it", async () => {
    mocked.chooseFolder.mockResolvedValue("/home/ana");
    mocked.exportPreflight.mockResolvedValue({ ...fine, path: "/home/ana/curso.scorm12.zip", fat32: false });
    mocked.exportCourse.mockResolvedValue({
      path: "/home/ana/curso.scorm12.zip",
      size: 900_000,
      entries: 6,
      media: 1,
      languages: ["pt", "en"],
      fingerprint: "ab".repeat(32),
    });
    void openExportDialog("c1", "Curso");
    (document.querySelector('input[name="export-format"][value="scorm12"]') as HTMLInputElement).click();
    expect(document.querySelector("#export-intro")?.textContent).toContain("Moodle");
    click("#export-choose-folder");
    await settle();
    expect(mocked.exportPreflight).toHaveBeenLastCalledWith("c1", "/home/ana", "both", "scorm12");
    expect(document.querySelector("#export-preflight")?.textContent).toContain("curso.scorm12.zip");
    click("#export-start");
    await settle();
    expect(mocked.exportCourse.mock.calls[0].slice(0, 5)).toEqual(["c1", "/home/ana", "both", "scorm12", false]);
    expect(mocked.exportCourse.mock.calls[0][7]).toBe(false);
    const done = document.querySelector("#export-done")?.textContent ?? "";
    expect(done).toContain("Pacote SCORM");
    expect(done).not.toContain("Assinado");
  });

  it("asks for 'failed' on a failed quiz only for SCORM, off by default (Moodle's review mode)", async () => {
    mocked.chooseFolder.mockResolvedValue("/home/ana");
    mocked.exportPreflight.mockResolvedValue({ ...fine, path: "/home/ana/curso.scorm12.zip", fat32: false });
    mocked.exportCourse.mockResolvedValue({ path: "/home/ana/curso.scorm12.zip", size: 1, entries: 6, media: 0, languages: ["pt"], fingerprint: "" });
    void openExportDialog("c1", "Curso");
    const row = () => (document.querySelector("#export-scorm-failed") as HTMLInputElement).closest("label") as HTMLElement;
    expect(row().hidden).toBe(true);
    (document.querySelector('input[name="export-format"][value="scorm12"]') as HTMLInputElement).click();
    expect(row().hidden).toBe(false);
    expect(row().textContent).toContain("reprovado");
    expect((document.querySelector("#export-scorm-failed") as HTMLInputElement).checked).toBe(false);
    (document.querySelector("#export-scorm-failed") as HTMLInputElement).click();
    click("#export-choose-folder");
    await settle();
    click("#export-start");
    await settle();
    expect(mocked.exportCourse.mock.calls[0][3]).toBe("scorm12");
    expect(mocked.exportCourse.mock.calls[0][7]).toBe(true);
    (document.querySelector('input[name="export-format"][value="html5"]') as HTMLInputElement).click();
    expect(row().hidden).toBe(true);
  });

  it("offers the three formats in both languages", async () => {
    void openExportDialog("c1", "Curso");
    const labels = [...document.querySelectorAll('input[name="export-format"]')].map((i) => i.parentElement?.textContent ?? "");
    expect(labels).toHaveLength(3);
    expect(labels[0]).toContain(".juntos");
    expect(labels[1]).toContain("Moodle");
    expect(labels[2]).toContain("Kolibri");
  });
});

describe("import dialog", () => {
  const preview: ImportPreview = {
    package: {
      format_version: "1.0",
      course_id: "c7",
      slug: "saude",
      revision: 4,
      title_pt: "Saúde",
      title_en: "Health",
      languages: ["pt", "en"],
      organisation: "Liga",
      fingerprint: "0123456789abcdef".repeat(4),
      entries: 6,
      bytes: 1000,
      media: 1,
      translation: { source_lang: "pt", fields: [], pt_percent: 100, en_percent: 100 },
    },
    local: { course_id: "c7", revision: 5, organisation: "Liga", made_here: false, edited_since_import: true },
    changes: { modules_added: [], modules_changed: [], modules_removed: [], lessons_added: ["2.1 Água"], lessons_changed: [], lessons_removed: [], media_added: [], media_changed: [], media_removed: [] },
  };

  it("shows who made it and what would change, and imports only after the organisation is trusted", async () => {
    mocked.choosePackage.mockResolvedValue("/media/stick/saude.juntos");
    mocked.importPreview.mockResolvedValue(preview);
    mocked.importPackage.mockResolvedValue({ outcome: { kind: "copied", reason: "local_edits", existing_course_id: "c7" } } as never);
    const imported = vi.fn();
    void openImportDialog(imported);
    click("#import-choose");
    await settle();
    expect(document.querySelector("#import-fingerprint")?.textContent).toBe("0123 4567 89AB CDEF 0123 4567 89AB CDEF 0123 4567 89AB CDEF 0123 4567 89AB CDEF");
    expect(document.querySelector("#import-trust-state")?.textContent).toBe("Organização desconhecida");
    expect(document.querySelector(".changes")?.textContent).toContain("2.1 Água");
    expect((document.querySelector("#import-as-copy") as HTMLInputElement).checked).toBe(true);
    const start = document.querySelector("#import-start") as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    (document.querySelector("#import-trust") as HTMLInputElement).click();
    expect(start.disabled).toBe(false);
    start.click();
    await settle();
    expect(mocked.importPackage.mock.calls[0].slice(0, 3)).toEqual(["/media/stick/saude.juntos", true, true]);
    expect(document.querySelector("#import-done")?.textContent).toBe("«Saúde» foi importado como cópia.");
    expect(imported).toHaveBeenCalled();
  });

  it("an update keeps the previous version, and one click puts it back", async () => {
    mocked.choosePackage.mockResolvedValue("/media/stick/saude.juntos");
    mocked.importPreview.mockResolvedValue({ ...preview, local: { ...preview.local!, edited_since_import: false } });
    mocked.importPackage.mockResolvedValue({ outcome: { kind: "updated", previous_revision: 5 }, course_id: "c7" } as never);
    mocked.restoreRevision.mockResolvedValue([]);
    const imported = vi.fn();
    void openImportDialog(imported);
    click("#import-choose");
    await settle();
    (document.querySelector("#import-trust") as HTMLInputElement).click();
    click("#import-start");
    await settle();
    expect(document.querySelector("#import-done")?.textContent).toContain("a versão anterior ficou guardada");
    click("#import-restore");
    await settle();
    expect(mocked.restoreRevision).toHaveBeenCalledWith("c7", 5);
    expect(document.querySelector("#import-restored")?.textContent).toContain("A versão anterior foi reposta");
    expect(imported).toHaveBeenCalledTimes(2);
  });

  it("a lookalike organisation shows both names and fingerprints and imports only as an explicitly different organisation", async () => {
    mocked.choosePackage.mockResolvedValue("/media/stick/saude.juntos");
    mocked.importPreview.mockRejectedValue({
      code: "org_lookalike",
      message_pt: "…",
      message_en: "…",
      fields: { entry: "manifest.json", name: "Associacao Kuyakana", known_name: "Associação Kuyakana", known: "AAAA BBBB", found: "CCCC DDDD" },
    });
    mocked.importPackage.mockResolvedValue({ outcome: { kind: "added" }, course_id: "c7", slug: "saude", title: { pt: "Saúde", en: "Health" } } as never);
    void openImportDialog(vi.fn());
    click("#import-choose");
    await settle();
    expect(document.querySelector('[data-code="org_lookalike"]')).not.toBeNull();
    expect(document.querySelector("#import-lookalike-name")?.textContent).toBe("Associacao Kuyakana");
    expect(document.querySelector("#import-lookalike-found")?.textContent).toBe("CCCC DDDD");
    expect(document.querySelector("#import-lookalike-known-name")?.textContent).toBe("Associação Kuyakana");
    expect(document.querySelector("#import-lookalike-known")?.textContent).toBe("AAAA BBBB");
    expect(document.querySelector("#import-lookalike")?.textContent).toContain("É uma organização diferente");
    const start = document.querySelector("#import-start") as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    start.click();
    await settle();
    expect(mocked.importPackage).not.toHaveBeenCalled();
    (document.querySelector("#import-different-org") as HTMLInputElement).click();
    expect(start.disabled).toBe(false);
    start.click();
    await settle();
    const call = mocked.importPackage.mock.calls[0];
    expect(call.slice(0, 3)).toEqual(["/media/stick/saude.juntos", false, false]);
    expect(call[5]).toBe("CCCC DDDD");
    expect(document.querySelector("#import-done")?.textContent).toContain("Saúde");
  });

  it("a refused package says why, translated", async () => {
    mocked.choosePackage.mockResolvedValue("/x.juntos");
    mocked.importPreview.mockRejectedValue({ code: "package_signature_invalid", message_pt: "…", message_en: "…" });
    void openImportDialog(vi.fn());
    click("#import-choose");
    await settle();
    expect(document.querySelector('[data-code="package_signature_invalid"] .banner-title')?.textContent).toContain("assinatura");
  });
});
