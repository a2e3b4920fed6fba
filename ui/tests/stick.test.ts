// The "Pen USB" dialog (views/stick*.ts) over a mocked shell: the pre-flight
// is shown and checked before anything is written (space, FAT32 4 GiB, the
// size per language choice), the write runs as a job then verifies, a
// cancel says the stick is as it was; the import side lists the stick's
// courses against the library, ticks new and newer ones, and asks to trust
// an unknown organisation only when the import says so.
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { StickListing, StickPreflight, StickVerifyReport, StickWriteReport } from "../src/bindings";
import { initLanguage } from "../src/i18n";
import * as ipc from "../src/ipc";
import { openStickDialog } from "../src/views/stick";
import { canWrite, FAT32_LIMIT, importOrder, preflightChecks, tickedAtFirst } from "../src/views/stick-logic";
import { englishOnly, sample, settle } from "./fixtures";

vi.mock("../src/ipc");
const mocked = vi.mocked(ipc);
const click = (css: string) => (document.querySelector(css) as HTMLElement).click();
const $ = (css: string) => document.querySelector(css) as HTMLElement | null;

const course = (id: string, title: string, bytes = 1_000_000) => ({ id, slug: id, revision: 2, title: { pt: title, en: "" }, bytes });

const fine: StickPreflight = {
  root: "/media/ana/KINGSTON/Juntos",
  courses: [course("c1", "Apresentações eficazes"), course("c2", "Budgeting")],
  languages: ["pt", "en"],
  files: 40,
  total_bytes: 300_000_000,
  files_to_write: 40,
  bytes_to_write: 300_000_000,
  bytes_by_choice: { pt: 180_000_000, en: 170_000_000, both: 300_000_000 },
  available: 3_100_000_000,
  fat32: true,
  largest_file: "media/ab.mp4",
  largest_size: 120_000_000,
  problem: null,
};

const written: StickWriteReport = {
  root: "/media/ana/KINGSTON/Juntos",
  generation: 1,
  courses: fine.courses,
  languages: ["pt", "en"],
  files: 40,
  total_bytes: 300_000_000,
  files_written: 41,
  bytes_written: 300_100_000,
  files_removed: 0,
};

const verified: StickVerifyReport = {
  root: "/media/ana/KINGSTON/Juntos",
  ok: true,
  format_version: "1.0",
  generation: 1,
  written_at: "2026-12-02T14:00:00Z",
  organisation: "Associação Kuyakana",
  fingerprint: "ab".repeat(32),
  languages: ["pt", "en"],
  courses: 2,
  files: 40,
  bytes: 300_000_000,
  interrupted: false,
  leftovers: 0,
  problems: [],
};

const entry = (id: string, state: StickListing["courses"][number]["state"], local: number | null = null) => ({
  id,
  slug: id,
  revision: 4,
  title: { pt: `Curso ${id}`, en: `Course ${id}` },
  state,
  local_course_id: local === null ? null : id,
  local_revision: local,
});

const listing: StickListing = {
  root: "/media/ana/PEN/Juntos",
  organisation: "Liga dos Direitos",
  fingerprint: "cd".repeat(32),
  languages: ["pt", "en"],
  written_at: "2026-12-01T10:00:00Z",
  courses: [entry("same1", "same", 4), entry("new1", "new"), entry("edited1", "local_edits", 6), entry("newer1", "newer", 3)],
};

beforeEach(() => {
  localStorage.clear();
  initLanguage();
  vi.resetAllMocks();
  document.body.replaceChildren();
  mocked.removableDrives.mockResolvedValue([{ name: "KINGSTON", path: "/media/ana/KINGSTON", available: 3_100_000_000, fat32: true }]);
  mocked.listCourses.mockResolvedValue([sample, englishOnly]);
  mocked.cancelJob.mockResolvedValue(true);
});

describe("stick rules", () => {
  it("ticks new and newer courses at first, and lists what can be imported first", () => {
    expect(listing.courses.filter(tickedAtFirst).map((c) => c.id)).toEqual(["new1", "newer1"]);
    expect(importOrder(listing.courses).map((c) => c.state)).toEqual(["new", "newer", "local_edits", "same"]);
  });

  it("says whether the set fits, the FAT32 rule and what an update writes", () => {
    const keys = (p: StickPreflight) => preflightChecks(p, "pt-PT").map((c) => `${c.ok ? "+" : "-"}${c.key}`);
    expect(keys(fine)).toEqual(["+stick.check.space.ok", "+stick.check.fat32.ok"]);
    expect(keys({ ...fine, available: 100_000_000 })).toEqual(["-stick.check.space.no", "+stick.check.fat32.ok"]);
    expect(keys({ ...fine, largest_size: FAT32_LIMIT, largest_file: "media/big.mp4" })).toEqual(["+stick.check.space.ok", "-stick.check.fat32.no"]);
    expect(keys({ ...fine, fat32: false, available: null, files_to_write: 3, bytes_to_write: 20_000 })).toEqual([
      "+stick.check.space.unknown",
      "+stick.check.update",
    ]);
    expect(canWrite(fine)).toBe(true);
    expect(canWrite({ ...fine, problem: { code: "export_too_big_for_fat32", message_pt: "", message_en: "", fields: {} } })).toBe(false);
    expect(canWrite(null)).toBe(false);
  });
});

describe("writing a stick", () => {
  it("shows the pre-flight for the drive chosen before writing: space, FAT32 and the size of each language choice", async () => {
    mocked.stickPreflight.mockResolvedValue(fine);
    void openStickDialog(vi.fn());
    await settle();
    expect((document.querySelector("#stick-write") as HTMLButtonElement).disabled).toBe(true);
    expect($("#stick-reason")?.textContent).toBe("Escolha primeiro a pen.");
    click('.stick[data-path="/media/ana/KINGSTON"]');
    await settle();
    expect(mocked.stickPreflight).toHaveBeenLastCalledWith("/media/ana/KINGSTON", ["c1", "c2"], "both");
    expect($("#stick-checks")?.textContent).toContain("cabe");
    expect($("#stick-checks")?.textContent).toContain("FAT32");
    expect($('[data-langs="pt"]')?.textContent).toContain("180 MB");
    expect($('[data-langs="both"]')?.textContent).toContain("300 MB");
    expect($("#stick-ok")).not.toBeNull();
    expect((document.querySelector("#stick-write") as HTMLButtonElement).disabled).toBe(false);
    expect(mocked.writeStick).not.toHaveBeenCalled();
    // Fewer courses and one language: asked again.
    (document.querySelector('[data-course="c2"] input') as HTMLInputElement).click();
    (document.querySelector('input[name="stick-langs"][value="pt"]') as HTMLInputElement).click();
    await settle();
    expect(mocked.stickPreflight).toHaveBeenLastCalledWith("/media/ana/KINGSTON", ["c1"], "pt");
  });

  it("refuses what does not fit, saying why beside the button", async () => {
    mocked.stickPreflight.mockResolvedValue({
      ...fine,
      largest_size: 5_000_000_000,
      problem: { code: "export_too_big_for_fat32", message_pt: "…", message_en: "…", fields: {} },
    });
    void openStickDialog(vi.fn());
    await settle();
    click('.stick[data-path="/media/ana/KINGSTON"]');
    await settle();
    expect((document.querySelector("#stick-write") as HTMLButtonElement).disabled).toBe(true);
    expect($('[data-check="stick.check.fat32.no"]')?.textContent).toContain("media/ab.mp4");
    expect($('[data-code="export_too_big_for_fat32"]')).not.toBeNull();
    expect($("#stick-reason")?.textContent).toContain("FAT32");
  });

  it("writes as a job with progress, then verifies every file", async () => {
    mocked.stickPreflight.mockResolvedValue(fine);
    mocked.writeStick.mockImplementation(async (_to, _courses, _langs, _job, onProgress) => {
      onProgress({ done: 150_000_000, total: 300_000_000, phase: "writing" } as never);
      expect($(".job progress")?.getAttribute("value")).toBe("50");
      return written;
    });
    mocked.verifyStick.mockResolvedValue(verified);
    void openStickDialog(vi.fn());
    await settle();
    click('.stick[data-path="/media/ana/KINGSTON"]');
    await settle();
    click("#stick-write");
    await settle();
    expect(mocked.writeStick.mock.calls[0].slice(0, 3)).toEqual(["/media/ana/KINGSTON", ["c1", "c2"], "both"]);
    expect(mocked.verifyStick.mock.calls[0][0]).toBe("/media/ana/KINGSTON/Juntos");
    expect($("#stick-done")?.textContent).toContain("2 cursos");
    expect($("#stick-verified")?.textContent).toContain("os 40 ficheiros estão certos");
  });

  it("cancels: the job is cancelled and the stick said to open as before", async () => {
    mocked.stickPreflight.mockResolvedValue(fine);
    let fail: (e: unknown) => void = () => {};
    mocked.writeStick.mockImplementation(() => new Promise((_, reject) => (fail = reject)));
    void openStickDialog(vi.fn());
    await settle();
    click('.stick[data-path="/media/ana/KINGSTON"]');
    await settle();
    click("#stick-write");
    await settle();
    click("#cancel-job");
    expect(mocked.cancelJob).toHaveBeenCalledWith(mocked.writeStick.mock.calls[0][3]);
    fail({ code: "cancelled", message_pt: "", message_en: "", fields: {} });
    await settle();
    expect($("#stick-cancelled")?.textContent).toContain("abre como estava");
    expect(mocked.verifyStick).not.toHaveBeenCalled();
  });
});

describe("importing from a stick", () => {
  const openImport = async () => {
    mocked.stickList.mockResolvedValue(listing);
    const onImported = vi.fn();
    void openStickDialog(onImported, "import");
    await settle();
    click('.stick[data-path="/media/ana/KINGSTON"]');
    await settle();
    return onImported;
  };

  it("lists the stick's courses against the library, new and newer ticked", async () => {
    await openImport();
    expect(mocked.stickList).toHaveBeenCalledWith("/media/ana/KINGSTON");
    expect($("#stick-org")?.textContent).toBe("Liga dos Direitos");
    const rows = [...document.querySelectorAll<HTMLElement>(".stick-course")];
    expect(rows.map((r) => r.dataset.state)).toEqual(["new", "newer", "local_edits", "same"]);
    expect(rows.map((r) => (r.querySelector("input") as HTMLInputElement).checked)).toEqual([true, true, false, false]);
    expect(rows[2].textContent).toContain("Alterado aqui");
    expect(rows[2].textContent).toContain("como cópia");
    expect(rows[1].textContent).toContain("(revisão 4 na pen, 3 aqui)");
    expect($("#stick-import")?.textContent).toBe("Importar 2 cursos");
  });

  it("imports the chosen courses as a job and reports each", async () => {
    const onImported = await openImport();
    const report = (id: string, kind: "added" | "updated") => ({
      outcome: kind === "added" ? { kind } : { kind, previous_revision: 3 },
      course_id: id,
      slug: id,
      title: { pt: `Curso ${id}`, en: "" },
      organisation: "Liga dos Direitos",
      fingerprint: "cd".repeat(32),
      trust: "trusted",
      package_revision: 4,
      changes: {},
    });
    mocked.stickImport.mockResolvedValue([report("new1", "added"), report("newer1", "updated")] as never);
    click("#stick-import");
    await settle();
    expect(mocked.stickImport.mock.calls[0].slice(0, 4)).toEqual(["/media/ana/KINGSTON", ["new1", "newer1"], false, false]);
    expect($("#stick-imported")?.textContent).toContain("«Curso new1» foi adicionado");
    expect($("#stick-imported")?.textContent).toContain("«Curso newer1» foi atualizado");
    expect(onImported).toHaveBeenCalledTimes(1);
    expect(mocked.stickList).toHaveBeenCalledTimes(2); // listed again after
  });

  it("asks to trust an unknown organisation, with its fingerprint, only when the import says so", async () => {
    await openImport();
    expect($("#stick-trust-ask")).toBeNull();
    mocked.stickImport.mockRejectedValueOnce({ code: "org_not_trusted", message_pt: "…", message_en: "…", fields: {} });
    click("#stick-import");
    await settle();
    expect($("#stick-trust-ask")?.textContent).toContain("CDCD CDCD");
    expect((document.querySelector("#stick-import") as HTMLButtonElement).disabled).toBe(true);
    (document.querySelector("#stick-trust") as HTMLInputElement).click();
    expect((document.querySelector("#stick-import") as HTMLButtonElement).disabled).toBe(false);
    mocked.stickImport.mockResolvedValue([]);
    click("#stick-import");
    await settle();
    expect(mocked.stickImport.mock.calls[1].slice(0, 4)).toEqual(["/media/ana/KINGSTON", ["new1", "newer1"], true, false]);
  });
});

describe("a library whose organisation has no name yet", () => {
  it.each([
    ["refused by the shell", () => mocked.stickPreflight.mockRejectedValueOnce({ code: "org_name_missing", message_pt: "…", message_en: "…", fields: {} })],
    ["said by the pre-flight", () => mocked.stickPreflight.mockResolvedValueOnce({ ...fine, problem: { code: "org_name_missing", message_pt: "…", message_en: "…", fields: {} } })],
  ])("asks for the name right in the dialog, then checks again (%s)", async (_how, first) => {
    first();
    mocked.stickPreflight.mockResolvedValue(fine);
    mocked.setOrgName.mockResolvedValue({ name: "Liga", id: "o1", fingerprint: "ab".repeat(32), public_key: "" } as never);
    void openStickDialog(vi.fn());
    await settle();
    click('.stick[data-path="/media/ana/KINGSTON"]');
    await settle();
    expect($("#stick-need-org")).not.toBeNull();
    expect((document.querySelector("#stick-write") as HTMLButtonElement).disabled).toBe(true);
    const input = document.querySelector("#stick-org-name") as HTMLInputElement;
    input.value = "Liga";
    input.dispatchEvent(new Event("input"));
    input.dispatchEvent(new Event("blur"));
    input.dispatchEvent(new Event("change"));
    await new Promise((r) => setTimeout(r, 700));
    await settle();
    expect(mocked.setOrgName).toHaveBeenCalledWith("Liga");
    expect($("#stick-ok")).not.toBeNull();
    expect((document.querySelector("#stick-write") as HTMLButtonElement).disabled).toBe(false);
  });
});
