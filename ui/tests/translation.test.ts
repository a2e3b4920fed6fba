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
    expect(unitLabel(course, "course/topic/2")).toBe("Curso · tema 2");
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
      conflicts: [],
      kept_reviewed: [],
      revision_saved: 4,
    });
    document.querySelector<HTMLButtonElement>("#xliff-import")!.click();
    await settle();
    expect(reload).toHaveBeenCalledOnce();
    const result = document.querySelector("#xliff-result")!;
    expect(result.textContent).toContain("Traduções atualizadas: 2 (7 sem alterações).");
    expect([...result.querySelectorAll("li")].map((li) => li.textContent)).toEqual(["1.1 Objetivo · título", "1.2 Público · texto"]);
    expect(result.textContent).toContain("1 destes textos mudaram no original");
    expect(result.querySelector("#xliff-revision")?.textContent).toContain("revisão 4");
    expect(result.querySelector("#xliff-conflicts")).toBeNull();
  });

  it("lists conflicts in words (here vs the translator's) and re-applies the same file with the person's choice", async () => {
    const { reload } = mount();
    mocked.importXliff.mockResolvedValue({
      course_id: "c1",
      target: "en",
      updated: [],
      still_stale: [],
      unchanged: 3,
      conflicts: [
        { id: "lesson/l1/title", local: "Goal (corrected)", theirs: "Objective" },
        { id: "lesson/l2/body", local: "Audience here", theirs: "Their audience" },
      ],
      kept_reviewed: ["course/title"],
    });
    document.querySelector<HTMLButtonElement>("#xliff-import")!.click();
    await settle();
    const conflicts = document.querySelector("#xliff-conflicts")!;
    expect(conflicts.textContent).toContain("2 textos foram alterados aqui e também pelo tradutor");
    const items = [...conflicts.querySelectorAll<HTMLElement>("li[data-conflict]")];
    expect(items.map((li) => li.dataset.conflict)).toEqual(["lesson/l1/title", "lesson/l2/body"]);
    expect(items[0].textContent).toContain("1.1 Objetivo · título");
    expect(items[0].querySelector(".xliff-local")?.textContent).toBe("Goal (corrected)");
    expect(items[0].querySelector(".xliff-theirs")?.textContent).toBe("Objective");
    expect(items[0].textContent).toContain("Usar o texto do tradutor");
    expect(document.querySelector("#xliff-kept-reviewed")?.textContent).toContain("Curso · título");

    // One chosen: the same file again (no dialog) with that unit only.
    mocked.reimportXliff.mockResolvedValue({
      course_id: "c1",
      target: "en",
      updated: ["lesson/l2/body"],
      still_stale: [],
      unchanged: 3,
      conflicts: [{ id: "lesson/l1/title", local: "Goal (corrected)", theirs: "Objective" }],
      kept_reviewed: [],
      revision_saved: 9,
    });
    items[1].querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    document.querySelector<HTMLButtonElement>("#xliff-apply-choices")!.click();
    await settle();
    expect(mocked.reimportXliff).toHaveBeenCalledWith(expect.any(String), ["lesson/l2/body"], false);
    expect(mocked.importXliff).toHaveBeenCalledOnce();
    expect(reload).toHaveBeenCalledTimes(2);
    expect(document.querySelectorAll("#xliff-conflicts li[data-conflict]")).toHaveLength(1);
    expect(document.querySelector("#xliff-result")?.textContent).toContain("Traduções atualizadas: 1");

    // All: every conflict takes the translator's text.
    mocked.reimportXliff.mockResolvedValue({ course_id: "c1", target: "en", updated: ["lesson/l1/title"], still_stale: [], unchanged: 4, conflicts: [], kept_reviewed: [] });
    document.querySelector<HTMLButtonElement>("#xliff-take-all")!.click();
    await settle();
    expect(mocked.reimportXliff).toHaveBeenLastCalledWith(expect.any(String), [], true);
    expect(document.querySelector("#xliff-conflicts")).toBeNull();
  });

  it("applying choices with none ticked does nothing", async () => {
    mount();
    mocked.importXliff.mockResolvedValue({
      course_id: "c1", target: "en", updated: [], still_stale: [], unchanged: 0,
      conflicts: [{ id: "lesson/l1/title", local: "a", theirs: "b" }], kept_reviewed: [],
    });
    document.querySelector<HTMLButtonElement>("#xliff-import")!.click();
    await settle();
    document.querySelector<HTMLButtonElement>("#xliff-apply-choices")!.click();
    await settle();
    expect(mocked.reimportXliff).not.toHaveBeenCalled();
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

// Issue 16: topics in both languages, the source list and its translation by position.
describe("course settings: topics", () => {
  const topics = [
    { pt: "cidadania", en: "citizenship", source_hash: "x" },
    { pt: "eleições", en: "" },
  ];

  it("shows each language's topics, a blank kept in place, and saves each list", async () => {
    const saver = new Saver(5);
    const ctx = { course: { ...course, source_lang: "pt" as const, topics }, saver, info, status: null, changed: vi.fn(), reload: vi.fn(), error: vi.fn() };
    mocked.updateCourse.mockResolvedValue(ctx.course);
    document.body.append(renderCourseSettings(ctx));
    const pt = document.querySelector<HTMLInputElement>("#course-topics-pt")!;
    const en = document.querySelector<HTMLInputElement>("#course-topics-en")!;
    expect(pt.value).toBe("cidadania, eleições");
    expect(en.value).toBe("citizenship");
    expect(en.getAttribute("lang")).toBe("en");
    en.value = ", elections";
    en.dispatchEvent(new Event("input"));
    await saver.flush();
    expect(mocked.updateCourse).toHaveBeenCalledWith("c1", { topics_translation: ["", "elections"] });
    pt.value = "eleições, , cidadania";
    pt.dispatchEvent(new Event("input"));
    await saver.flush();
    expect(mocked.updateCourse).toHaveBeenCalledWith("c1", { topics: ["eleições", "cidadania"] });
  });

  it("marks the translation missing from the status", () => {
    const status = {
      source_lang: "pt" as const, pt_percent: 50, en_percent: 50,
      fields: [{ location: "course", owner_id: "c1", field: "topics", pt: "complete" as const, en: "missing" as const }],
    };
    const ctx = { course: { ...course, source_lang: "pt" as const, topics }, saver: new Saver(5), info, status, changed: vi.fn(), reload: vi.fn(), error: vi.fn() };
    document.body.append(renderCourseSettings(ctx));
    const label = document.querySelector("#course-topics-en")!.closest("label")!;
    expect(label.querySelector("[data-state]")?.getAttribute("data-state")).toBe("missing");
    expect(document.querySelector("#course-topics-pt")!.closest("label")!.querySelector("[data-state]")).toBeNull();
  });
});
