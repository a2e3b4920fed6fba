// Issue 13 item 10: media attached but shown by no lesson stay out of the
// export, and the dialog says which before starting.
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { ExportPreflight } from "../src/bindings";
import { initLanguage, setLanguage } from "../src/i18n";
import * as ipc from "../src/ipc";
import { openExportDialog, unsignedNote, unusedNote } from "../src/views/export";
import { settle } from "./fixtures";

vi.mock("../src/ipc");
const mocked = vi.mocked(ipc);

const fine: ExportPreflight = { path: "/media/stick/curso.juntos", size: 2_000_000, available: 8_000_000_000, fat32: false, exists: false };

beforeEach(() => {
  localStorage.clear();
  initLanguage();
  vi.resetAllMocks();
  mocked.removableDrives.mockResolvedValue([]);
  document.body.replaceChildren();
});

describe("export pre-flight: unused media", () => {
  it("names the files left out, in the app's words, and still lets the export start", async () => {
    mocked.chooseFolder.mockResolvedValue("/media/stick");
    mocked.exportPreflight.mockResolvedValue({ ...fine, unused_media: ["sobra.mp4", "rascunho.png"] });
    void openExportDialog("c1", "Curso");
    (document.querySelector("#export-choose-folder") as HTMLElement).click();
    await settle();
    const note = document.querySelector("#export-unused")!;
    expect(note.textContent).toBe("2 ficheiros não usados em nenhuma lição ficam de fora: sobra.mp4, rascunho.png.");
    expect(document.querySelector("#export-ok")).not.toBeNull();
    expect((document.querySelector("#export-start") as HTMLButtonElement).disabled).toBe(false);
  });

  it("says nothing when every file is used, and speaks English too", () => {
    expect(unusedNote(fine)).toBe("");
    setLanguage("en");
    expect((unusedNote({ unused_media: ["sobra.mp4"] }) as HTMLElement).textContent).toBe("1 file used in no lesson is left out: sobra.mp4.");
    setLanguage("pt");
  });
});

// Issue 16: a video without a sign-language interpreter in a course that
// asks for one is said before the export starts, like missing captions.
describe("export pre-flight: videos without an interpreter", () => {
  it("names them, in the app's words, and still lets the export start", async () => {
    mocked.chooseFolder.mockResolvedValue("/media/stick");
    mocked.exportPreflight.mockResolvedValue({ ...fine, unsigned_videos: ["entrevista.mp4"] });
    void openExportDialog("c1", "Curso");
    (document.querySelector("#export-choose-folder") as HTMLElement).click();
    await settle();
    const note = document.querySelector("#export-unsigned")!;
    expect(note.textContent).toBe("O curso pede interpretação em língua gestual; sem intérprete: entrevista.mp4.");
    expect((document.querySelector("#export-start") as HTMLButtonElement).disabled).toBe(false);
  });

  it("says nothing when none lacks one, and speaks English too", () => {
    expect(unsignedNote(fine)).toBe("");
    setLanguage("en");
    expect((unsignedNote({ unsigned_videos: ["a.mp4", "b.mp4"] }) as HTMLElement).textContent).toBe(
      "The course asks for sign-language interpretation; without an interpreter: a.mp4, b.mp4.",
    );
    setLanguage("pt");
  });
});
