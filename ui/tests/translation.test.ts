import { beforeEach, describe, expect, it, vi } from "vitest";

import type { ErrorReport } from "../src/bindings";
import { initLanguage } from "../src/i18n";
import * as ipc from "../src/ipc";
import { Saver } from "../src/saver";
import { renderCourseSettings, unitLabel } from "../src/views/course-settings";
import { course, info, settle } from "./fixtures";

vi.mock("../src/ipc");
const mocked = vi.mocked(ipc);

beforeEach(() => {
  localStorage.clear();
  initLanguage();
  vi.resetAllMocks();
  mocked.listMedia.mockResolvedValue([]);
  document.body.replaceChildren();
});

function mount() {
  const saver = new Saver(20);
  const reload = vi.fn(async () => {
    // The editor draws the page again after reloading: so does this test.
    document.body.replaceChildren(renderCourseSettings(ctx));
    return course;
  });
  const ctx = { course, saver, info, status: null, changed: vi.fn(), reload, error: vi.fn() };
  document.body.append(renderCourseSettings(ctx));
  return { saver, reload };
}

describe("translation with XLIFF", () => {
  it("names every kind of unit in words", () => {
    expect(unitLabel(course, "course/title")).toBe("Curso · título");
    expect(unitLabel(course, "course/summary")).toBe("Curso · resumo");
    expect(unitLabel(course, "module/m2/title")).toBe("Módulo 2 · título");
    expect(unitLabel(course, "lesson/l2/body")).toBe("1.2 Público · texto");
    expect(unitLabel(course, "lesson/l3/notes")).toBe("2.1 Voz · notas para o facilitador");
    expect(unitLabel(course, "lesson/l1/quiz/q1/prompt")).toBe("1.1 Objetivo · questionário");
    expect(unitLabel(course, "lesson/gone/body")).toBe("lesson/gone/body");
  });

  it("exports into the other language, saving pending edits first", async () => {
    const { saver } = mount();
    const write = vi.fn(async () => undefined);
    saver.schedule("course:c1:title:pt", write);
    mocked.exportXliff.mockResolvedValue("/home/ana/apresentacoes-eficazes.en.xlf");
    const button = document.querySelector<HTMLButtonElement>("#xliff-export")!;
    expect(button.textContent).toContain("inglês");
    button.click();
    await settle();
    expect(write).toHaveBeenCalled();
    expect(mocked.exportXliff).toHaveBeenCalledWith("c1", expect.any(String));
    expect(document.querySelector("#xliff-result")?.textContent).toContain("apresentacoes-eficazes.en.xlf");
  });

  it("imports a translation, reloads the course and says what changed", async () => {
    const { reload } = mount();
    mocked.importXliff.mockResolvedValue({
      course_id: "c1",
      target: "en",
      updated: ["lesson/l1/title", "lesson/l2/body"],
      still_stale: ["lesson/l2/body"],
      unchanged: 7,
    });
    document.querySelector<HTMLButtonElement>("#xliff-import")!.click();
    await settle();
    expect(reload).toHaveBeenCalledOnce();
    const result = document.querySelector("#xliff-result")!;
    expect(result.textContent).toContain("Traduções atualizadas: 2 (7 sem alterações).");
    expect([...result.querySelectorAll("li")].map((li) => li.textContent)).toEqual(["1.1 Objetivo · título", "1.2 Público · texto"]);
    expect(result.textContent).toContain("1 destes textos mudaram no original");
  });

  it("a refused file changes nothing and says why; a cancelled dialog says nothing", async () => {
    const { reload } = mount();
    const refused: ErrorReport = { code: "xliff_wrong_course", message_pt: "Este ficheiro é de outro curso.", message_en: "This file is for another course.", fields: {} };
    mocked.importXliff.mockRejectedValue(refused);
    document.querySelector<HTMLButtonElement>("#xliff-import")!.click();
    await settle();
    expect(reload).not.toHaveBeenCalled();
    expect(document.querySelector('#xliff-result [data-code="xliff_wrong_course"]')).not.toBeNull();

    mocked.importXliff.mockResolvedValue(null);
    document.querySelector<HTMLButtonElement>("#xliff-import")!.click();
    await settle();
    expect(reload).not.toHaveBeenCalled();
  });
});
