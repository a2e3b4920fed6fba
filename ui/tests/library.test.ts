import { beforeEach, describe, expect, it, vi } from "vitest";

import type { ErrorReport } from "../src/bindings";
import { initLanguage, setLanguage } from "../src/i18n";
import * as ipc from "../src/ipc";
import { mountLibrary } from "../src/views/library";
import { englishOnly, info, sample, status } from "./fixtures";

vi.mock("../src/ipc", () => ({
  listCourses: vi.fn(),
  getCourse: vi.fn(),
  translationStatus: vi.fn(),
  appInfo: vi.fn(),
}));

const mocked = vi.mocked(ipc);

async function mount(): Promise<HTMLElement> {
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  const view = mountLibrary(root);
  await view.refresh();
  return root;
}

const titles = (root: HTMLElement) => [...root.querySelectorAll(".card-title")].map((e) => e.textContent);

beforeEach(() => {
  localStorage.clear();
  initLanguage();
  mocked.appInfo.mockResolvedValue(info);
  mocked.translationStatus.mockImplementation(async (id) => (id === "c1" ? status(100, 80) : status(0, 100)));
});

describe("library view", () => {
  it("renders a card per course from IPC", async () => {
    mocked.listCourses.mockResolvedValue([sample, englishOnly]);
    const root = await mount();

    expect(titles(root)).toEqual(["Apresentações eficazes", "Budgeting for small groups"]);
    const card = root.querySelector<HTMLElement>('[data-course-id="c1"]')!;
    expect(card.textContent).toContain("Juntos");
    expect(card.textContent).toContain("Revisão 3");
    expect(card.textContent).toContain("2 módulos");
    expect(card.textContent).toContain("5 lições");
    expect(card.querySelector('.meter-row[data-lang="pt"]')!.textContent).toContain("100%");
    expect(card.querySelector('.meter-row[data-lang="en"]')!.textContent).toContain("80%");
    expect(mocked.translationStatus).toHaveBeenCalledWith("c1");

    // A title missing in the interface language falls back to the other one, and says so.
    const other = root.querySelector<HTMLElement>('[data-course-id="c2"]')!;
    expect(other.querySelector(".card-title")!.getAttribute("lang")).toBe("en");
    expect(other.textContent).toContain("Título só em inglês");
    expect(other.textContent).toContain("1 módulo");
    expect(other.textContent).toContain("Organização não indicada");
    expect(root.querySelector(".count")!.textContent).toBe("2 cursos");
    expect(root.querySelector(".footer")!.textContent).toContain(info.library_path);
    expect(card.querySelector(".card-updated")!.textContent).toBe("Atualizado em 28 de novembro de 2026");
  });

  it("says what to do when the library is empty", async () => {
    mocked.listCourses.mockResolvedValue([]);
    const root = await mount();

    expect(root.querySelector(".cards")).toBeNull();
    expect(root.querySelector(".empty h2")!.textContent).toBe("Ainda não há cursos nesta biblioteca");
    expect(root.querySelector(".empty code")!.textContent).toContain("juntos new course");
  });

  it("switches language: text, <html lang> and the remembered choice", async () => {
    mocked.listCourses.mockResolvedValue([sample]);
    const root = await mount();
    expect(document.documentElement.lang).toBe("pt");
    expect(root.querySelector("h1")!.textContent).toBe("Os seus cursos");
    expect(root.querySelector('[data-lang="pt"][aria-pressed]')!.getAttribute("aria-pressed")).toBe("true");

    root.querySelector<HTMLButtonElement>('button[data-lang="en"]')!.click();

    expect(document.documentElement.lang).toBe("en");
    expect(root.querySelector("h1")!.textContent).toBe("Your courses");
    expect(titles(root)).toEqual(["Effective presentations"]);
    expect(root.querySelector(".card")!.textContent).toContain("Revision 3");
    expect(root.querySelector('button[data-lang="en"]')!.getAttribute("aria-pressed")).toBe("true");
    expect(localStorage.getItem("juntos.lang")).toBe("en");
    expect(initLanguage()).toBe("en");
    expect(mocked.listCourses).toHaveBeenCalledTimes(1); // a switch re-renders, it does not refetch
  });

  it("shows a translated error banner for a known code", async () => {
    const report: ErrorReport = {
      code: "library_corrupt",
      message_pt: "O ficheiro /x/library.db não é uma base de dados do Juntos.",
      message_en: "The file /x/library.db is not a Juntos database.",
    };
    mocked.listCourses.mockRejectedValue(report);
    const root = await mount();

    const banner = root.querySelector<HTMLElement>('[role="alert"]')!;
    expect(banner.dataset.code).toBe("library_corrupt");
    expect(banner.querySelector(".banner-title")!.textContent).toBe(
      "Não foi possível abrir a biblioteca: a base de dados está danificada ou não é do Juntos.",
    );
    expect(banner.querySelector(".banner-detail")!.textContent).toBe(report.message_pt);

    setLanguage("en");
    const english = root.querySelector<HTMLElement>('[role="alert"]')!;
    expect(english.querySelector(".banner-title")!.textContent).toContain("Cannot open the library");
    expect(english.querySelector(".banner-detail")!.textContent).toBe(report.message_en);
  });

  it("falls back to the core's message for an unknown code, and can retry", async () => {
    mocked.listCourses.mockRejectedValueOnce({ code: "brand_new_code", message_pt: "Mensagem do núcleo.", message_en: "Core message." });
    const root = await mount();
    expect(root.querySelector(".banner-title")!.textContent).toBe("Mensagem do núcleo.");

    mocked.listCourses.mockResolvedValueOnce([sample]);
    root.querySelector<HTMLButtonElement>(".banner .button")!.click();
    await vi.waitFor(() => expect(titles(root)).toEqual(["Apresentações eficazes"]));
    expect(root.querySelector('[role="alert"]')).toBeNull();
  });

  it("keeps the other cards when one translation status fails", async () => {
    mocked.listCourses.mockResolvedValue([sample]);
    mocked.translationStatus.mockRejectedValue({ code: "database_error", message_pt: "x", message_en: "x" });
    const root = await mount();
    expect(titles(root)).toEqual(["Apresentações eficazes"]);
    expect(root.querySelector(".card-status-missing")!.textContent).toBe("Estado da tradução indisponível");
  });
});
