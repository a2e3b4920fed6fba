import { beforeEach, describe, expect, it, vi } from "vitest";

import type { ErrorReport } from "../src/bindings";
import { initLanguage, setLanguage } from "../src/i18n";
import * as ipc from "../src/ipc";
import { mountLibrary, PAGE } from "../src/views/library";
import { englishOnly, info, sample, settle } from "./fixtures";

vi.mock("../src/ipc");
const mocked = vi.mocked(ipc);

const actions = { open: vi.fn(), importPackage: vi.fn(), exportCourse: vi.fn() };

async function mount(): Promise<HTMLElement> {
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  const view = mountLibrary(root, actions, info);
  await view.refresh();
  await settle();
  return root;
}

const click = (el: Element | null) => (el as HTMLElement).click();

describe("library view", () => {
  beforeEach(() => {
    localStorage.clear();
    initLanguage();
    vi.resetAllMocks();
    mocked.listCourses.mockResolvedValue([sample, englishOnly]);
    mocked.courseCards.mockImplementation(async (ids) =>
      ids.map((id) => ({ id, pt_percent: id === "c1" ? 100 : 0, en_percent: id === "c1" ? 60 : 100, stale: id === "c1" ? 2 : 0, cover: id === "c1" ? "media/abc.png" : undefined })),
    );
  });

  it("shows a card per course with organisation, completeness and cover", async () => {
    const root = await mount();
    const cards = root.querySelectorAll(".card");
    expect(cards).toHaveLength(2);
    const first = cards[0];
    expect(first.querySelector(".card-title")?.textContent).toBe("Apresentações eficazes");
    expect(first.querySelector(".card-org")?.textContent).toBe("Juntos");
    // A revision number means nothing to a trainer: not shown.
    expect(first.querySelector('[data-fact="revision"]')).toBeNull();
    expect(first.textContent).not.toContain("Revisão");
    expect(first.querySelector('[data-lang="en"] .meter-value')?.textContent).toBe("60%");
    expect(first.querySelector(".badge-stale")?.textContent).toBe("2 traduções por rever");
    expect(first.querySelector("img.card-cover")?.getAttribute("src")).toBe("juntos-media://localhost/abc.png");
    expect(cards[1].querySelector(".card-note")?.textContent).toBe("Título só em inglês");
    expect(cards[1].querySelector(".card-cover-none")).not.toBeNull();
    expect(mocked.courseCards).toHaveBeenCalledWith(["c1", "c2"]);
  });

  it("asks completeness only for the first page of a large library", async () => {
    const many = Array.from({ length: PAGE + 10 }, (_, i) => ({ ...sample, id: `c${i}` }));
    mocked.listCourses.mockResolvedValue(many);
    const root = await mount();
    expect(root.querySelectorAll(".card")).toHaveLength(PAGE);
    expect(mocked.courseCards.mock.calls[0][0]).toHaveLength(PAGE);
    click(root.querySelector("#show-more"));
    await settle();
    expect(root.querySelectorAll(".card")).toHaveLength(PAGE + 10);
    expect(mocked.courseCards.mock.calls[1][0]).toHaveLength(10);
  });

  it("searches as you type and shows snippets with the matches marked", async () => {
    vi.useFakeTimers();
    mocked.search.mockResolvedValue([
      { course_id: "c1", course_slug: "apresentacoes-eficazes", owner_kind: "lesson", owner_id: "l9", lang: "pt", title: "A voz", snippet: "usar a voz com calma", matches: [{ start: 7, end: 10 }] },
    ]);
    const root = document.createElement("div");
    document.body.replaceChildren(root);
    const view = mountLibrary(root, actions, info);
    await view.refresh();
    const input = root.querySelector<HTMLInputElement>("#library-search")!;
    input.value = "vo";
    input.dispatchEvent(new Event("input"));
    input.value = "voz";
    input.dispatchEvent(new Event("input"));
    await vi.advanceTimersByTimeAsync(200);
    vi.useRealTimers();
    await settle();
    expect(mocked.search).toHaveBeenCalledTimes(1);
    expect(mocked.search).toHaveBeenCalledWith("voz");
    const hit = root.querySelector(".hit")!;
    expect(hit.querySelector("mark")?.textContent).toBe("voz");
    expect(hit.querySelector(".hit-course")?.textContent).toBe("Apresentações eficazes");
    expect((root.querySelector(".grid-region") as HTMLElement).hidden).toBe(true);
    click(hit);
    expect(actions.open).toHaveBeenCalledWith("c1", "l9");
  });

  it("highlights the ranges the core found, not a lesson's own ** text", async () => {
    vi.useFakeTimers();
    // "𝄞" is two UTF-16 units: the ranges count them, as JavaScript does.
    const text = "o **grupo** 𝄞 e a água do grupo";
    mocked.search.mockResolvedValue([
      { course_id: "c1", course_slug: "x", owner_kind: "lesson", owner_id: "l1", lang: "pt", title: "Água", snippet: text, matches: [{ start: 19, end: 23 }, { start: 27, end: 32 }] },
    ]);
    const root = document.createElement("div");
    document.body.replaceChildren(root);
    await mountLibrary(root, actions, info).refresh();
    const input = root.querySelector<HTMLInputElement>("#library-search")!;
    input.value = "agua grupo";
    input.dispatchEvent(new Event("input"));
    await vi.advanceTimersByTimeAsync(200);
    vi.useRealTimers();
    await settle();
    const marks = [...root.querySelectorAll(".hit-snippet mark")].map((m) => m.textContent);
    expect(marks).toEqual(["água", "grupo"]);
    expect(root.querySelector(".hit-snippet")?.textContent).toBe(text);
  });

  it("snippets never become markup", async () => {
    vi.useFakeTimers();
    mocked.search.mockResolvedValue([
      { course_id: "c1", course_slug: "x", owner_kind: "course", owner_id: "c1", lang: "pt", title: "<img src=x onerror=alert(1)>", snippet: "<b>x</b>", matches: [{ start: 0, end: 8 }] },
    ]);
    const root = document.createElement("div");
    document.body.replaceChildren(root);
    await mountLibrary(root, actions, info).refresh();
    const input = root.querySelector<HTMLInputElement>("#library-search")!;
    input.value = "x";
    input.dispatchEvent(new Event("input"));
    await vi.advanceTimersByTimeAsync(200);
    vi.useRealTimers();
    await settle();
    expect(root.querySelector(".hit img")).toBeNull();
    expect(root.querySelector(".hit mark b")).toBeNull();
    expect(root.querySelector(".hit mark")?.textContent).toBe("<b>x</b>");
  });

  it("creates a course from the dialog and opens it", async () => {
    mocked.createCourse.mockResolvedValue({ id: "new1" } as never);
    const root = await mount();
    click(root.querySelector("#new-course"));
    const input = document.querySelector<HTMLInputElement>("#new-course-title")!;
    input.value = "Educação cívica";
    document.querySelector<HTMLFormElement>('[data-testid="new-course"] form')!.requestSubmit();
    await settle();
    expect(mocked.createCourse).toHaveBeenCalledWith("Educação cívica", "pt");
    expect(actions.open).toHaveBeenCalledWith("new1");
  });

  it("deletes a course only after confirmation", async () => {
    mocked.deleteCourse.mockResolvedValue(undefined);
    const root = await mount();
    click(root.querySelector('.card [data-action="delete"]'));
    const dialog = document.querySelector('[data-testid="confirm"]')!;
    expect(dialog.textContent).toContain("Apresentações eficazes");
    click(dialog.querySelector("button:not([data-action])"));
    await settle();
    expect(mocked.deleteCourse).not.toHaveBeenCalled();

    click(root.querySelector('.card [data-action="delete"]'));
    click(document.querySelector('[data-testid="confirm"] [data-action="confirm"]'));
    await settle();
    expect(mocked.deleteCourse).toHaveBeenCalledWith("c1");
    expect(mocked.listCourses).toHaveBeenCalledTimes(2);
  });

  it("says a deleted course went to the bin and undoes the delete", async () => {
    mocked.deleteCourse.mockResolvedValue(undefined);
    mocked.restoreDeletedCourse.mockResolvedValue({ id: "c1" } as never);
    const root = await mount();
    click(root.querySelector('.card [data-action="delete"]'));
    expect(document.querySelector('[data-testid="confirm"]')?.textContent).toContain("reciclagem");
    click(document.querySelector('[data-testid="confirm"] [data-action="confirm"]'));
    await settle();
    const notice = root.querySelector("#library-notice")!;
    expect(notice.textContent).toContain("«Apresentações eficazes» foi para a reciclagem.");
    const undo = notice.querySelector<HTMLButtonElement>("#undo-delete")!;
    expect(undo.textContent).toBe("Desfazer");
    click(undo);
    await settle();
    expect(mocked.restoreDeletedCourse).toHaveBeenCalledWith("c1");
    expect(mocked.listCourses).toHaveBeenCalledTimes(3);
    expect(notice.textContent).toContain("«Apresentações eficazes» foi restaurado.");
    expect(notice.querySelector("#undo-delete")).toBeNull();
  });

  it("a refused delete offers no undo", async () => {
    const gone: ErrorReport = { code: "course_not_found", message_pt: "…", message_en: "…", fields: { query: "c1" } };
    mocked.deleteCourse.mockRejectedValue(gone);
    const root = await mount();
    click(root.querySelector('.card [data-action="delete"]'));
    click(document.querySelector('[data-testid="confirm"] [data-action="confirm"]'));
    await settle();
    expect(root.querySelector("#undo-delete")).toBeNull();
    expect(root.querySelector('[data-code="course_not_found"]')).not.toBeNull();
  });

  it("the bin lists deleted courses, restores one, and empties only after confirmation", async () => {
    mocked.binnedCourses.mockResolvedValue([
      { course_id: "c7", slug: "saude", title: { pt: "Saúde", en: "Health" }, deleted_at: "2026-12-01T10:00:00Z" },
      { course_id: "c8", slug: "agua", title: { pt: "Água", en: "" }, deleted_at: "2026-11-30T10:00:00Z" },
    ]);
    mocked.restoreDeletedCourse.mockResolvedValue({ id: "c7" } as never);
    mocked.emptyBin.mockResolvedValue(1);
    const root = await mount();
    click(root.querySelector("#open-bin"));
    await settle();
    const dialog = document.querySelector('[data-testid="bin"]')!;
    const rows = [...dialog.querySelectorAll<HTMLElement>("li[data-course]")];
    expect(rows.map((r) => r.dataset.course)).toEqual(["c7", "c8"]);
    expect(rows[0].textContent).toContain("Saúde");

    mocked.binnedCourses.mockResolvedValue([{ course_id: "c8", slug: "agua", title: { pt: "Água", en: "" }, deleted_at: "2026-11-30T10:00:00Z" }]);
    click(rows[0].querySelector('[data-action="restore"]'));
    await settle();
    expect(mocked.restoreDeletedCourse).toHaveBeenCalledWith("c7");
    expect(mocked.listCourses).toHaveBeenCalledTimes(2);
    expect(dialog.querySelectorAll("li[data-course]")).toHaveLength(1);

    click(dialog.querySelector("#bin-empty"));
    click(document.querySelector('[data-testid="confirm"] button:not([data-action])'));
    await settle();
    expect(mocked.emptyBin).not.toHaveBeenCalled();

    mocked.binnedCourses.mockResolvedValue([]);
    click(dialog.querySelector("#bin-empty"));
    click(document.querySelector('[data-testid="confirm"] [data-action="confirm"]'));
    await settle();
    expect(mocked.emptyBin).toHaveBeenCalledOnce();
    expect(dialog.textContent).toContain("A reciclagem está vazia.");
    expect(dialog.querySelector<HTMLButtonElement>("#bin-empty")!.disabled).toBe(true);
  });

  it("duplicates a course and lists it again", async () => {
    mocked.duplicateCourse.mockResolvedValue({ id: "c9" } as never);
    const root = await mount();
    click(root.querySelector('.card [data-action="duplicate"]'));
    await settle();
    expect(mocked.duplicateCourse).toHaveBeenCalledWith("c1");
    expect(mocked.listCourses).toHaveBeenCalledTimes(2);
  });

  it("says what to do when the library is empty", async () => {
    mocked.listCourses.mockResolvedValue([]);
    const root = await mount();
    expect(root.querySelector(".empty h2")?.textContent).toBe("Ainda não há cursos nesta biblioteca");
    expect(root.querySelector(".empty .button-primary")?.textContent).toBe("Novo curso");
  });

  it("shows a translated error banner when the library cannot be read", async () => {
    const corrupt: ErrorReport = { code: "library_corrupt", message_pt: "O ficheiro library.db …", message_en: "The file library.db …", fields: {} };
    mocked.listCourses.mockRejectedValue(corrupt);
    const root = await mount();
    const banner = root.querySelector('[role="alert"]')!;
    expect(banner.getAttribute("data-code")).toBe("library_corrupt");
    expect(banner.querySelector(".banner-title")?.textContent).toContain("danificada");
  });

  it("re-renders in English on the switch", async () => {
    const root = await mount();
    setLanguage("en");
    expect(root.querySelector("h1")?.textContent).toBe("Your courses");
    expect(root.querySelector(".card-title")?.textContent).toBe("Effective presentations");
    setLanguage("pt");
  });
});
