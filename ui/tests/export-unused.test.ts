// Issue 13 item 10: media attached but shown by no lesson stay out of the
// export, and the dialog says which before starting.
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { ExportPreflight } from "../src/bindings";
import { initLanguage, setLanguage } from "../src/i18n";
import * as ipc from "../src/ipc";
import { openExportDialog, unusedNote } from "../src/views/export";
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
