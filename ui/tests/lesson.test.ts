import { beforeEach, describe, expect, it, vi } from "vitest";

import type { ErrorReport, TranslationStatus } from "../src/bindings";
import { initLanguage } from "../src/i18n";
import * as ipc from "../src/ipc";
import { Saver } from "../src/saver";
import { mountLessonEditor } from "../src/views/lesson";
import { course, lesson, settle } from "./fixtures";

vi.mock("../src/ipc");
vi.mock("../src/components/markdown-editor", () => import("./editor-mock"));
const mocked = vi.mocked(ipc);

const stale: TranslationStatus = {
  source_lang: "pt",
  pt_percent: 100,
  en_percent: 66,
  fields: [{ location: "lesson 1.1", owner_id: "l1", field: "body", pt: "complete", en: "stale" }],
};
const fine: TranslationStatus = { ...stale, en_percent: 100, fields: [{ ...stale.fields[0], en: "complete" }] };

function mount(saver = new Saver(20)) {
  const onSaved = vi.fn();
  const error = vi.fn();
  const editor = mountLessonEditor({ course, lesson: lesson("l1", "Objetivo", "Goal"), position: "1.1", saver, layout: "side", onSaved, onDelete: vi.fn(), error });
  document.body.replaceChildren(editor.root);
  return { editor, saver, onSaved, error, root: editor.root };
}

const body = (root: HTMLElement, lang: string) => root.querySelector<HTMLTextAreaElement>(`textarea[data-field="body"][data-lang="${lang}"]`)!;
function type(el: HTMLTextAreaElement | HTMLInputElement, text: string) {
  el.value = text;
  el.dispatchEvent(new Event("input"));
}

describe("lesson editor", () => {
  beforeEach(() => {
    initLanguage();
    vi.resetAllMocks();
    mocked.lessonStatus.mockResolvedValue(fine);
    mocked.renderPreview.mockImplementation(async (_c, md) => `<p>${md}</p>`);
    mocked.setLessonText.mockImplementation(async (id, field, lang, _base, text) => {
      const l = lesson(id, "Objetivo", "Goal");
      l[field][lang] = text;
      return l;
    });
  });

  it("shows Portuguese and English side by side, with a sandboxed preview of each", async () => {
    const { root } = mount();
    await settle();
    const columns = [...root.querySelectorAll(".columns > .lang-column")].map((c) => c.getAttribute("data-lang"));
    expect(columns.slice(0, 2)).toEqual(["pt", "en"]);
    const frames = root.querySelectorAll("iframe");
    expect(frames).toHaveLength(2);
    for (const frame of frames) {
      expect(frame.getAttribute("sandbox")).toBe("");
      expect(frame.getAttribute("sandbox")).not.toContain("allow");
    }
    expect(frames[0].getAttribute("srcdoc")).toContain("<p># Objetivo</p>");
    expect(frames[0].getAttribute("srcdoc")).toContain('href="preview.css"');
  });

  it("autosaves typing, updates the preview, and marks the English stale after the Portuguese changes", async () => {
    const { root, saver } = mount();
    await settle();
    mocked.lessonStatus.mockResolvedValue(stale);
    type(body(root, "pt"), "Texto novo");
    await new Promise((r) => setTimeout(r, 200));
    await saver.flush();
    await new Promise((r) => setTimeout(r, 150));
    expect(mocked.setLessonText).toHaveBeenCalledWith("l1", "body", "pt", "# Objetivo", "Texto novo");
    expect(mocked.renderPreview).toHaveBeenLastCalledWith("c1", "Texto novo", "pt");
    expect(root.querySelector('iframe[data-lang="pt"]')?.getAttribute("srcdoc")).toContain("Texto novo");
    const marker = root.querySelector('.field-state[data-field="body"][data-lang="en"]')!;
    expect(marker.getAttribute("data-state")).toBe("stale");
    expect(marker.textContent).toContain("Desatualizada");

    mocked.markLessonReviewed.mockResolvedValue(lesson("l1", "Objetivo", "Goal"));
    mocked.lessonStatus.mockResolvedValue(fine);
    (marker.querySelector('[data-action="mark-reviewed"]') as HTMLElement).click();
    await new Promise((r) => setTimeout(r, 150));
    expect(mocked.markLessonReviewed).toHaveBeenCalledWith("l1", "body");
    expect(marker.getAttribute("data-state")).toBe("complete");
  });

  it("a failed save keeps the text in the editor and reports the error", async () => {
    const locked: ErrorReport = { code: "library_locked", message_pt: "…", message_en: "…", fields: {} };
    const { root, saver } = mount();
    await settle();
    mocked.setLessonText.mockRejectedValue(locked);
    type(body(root, "en"), "New English text");
    expect(await saver.flush()).toBe(false);
    expect(saver.state).toEqual({ kind: "error", error: locked });
    expect(body(root, "en").value).toBe("New English text");
  });

  it("each save is based on the text saved before; a text changed elsewhere is never overwritten, both are shown", async () => {
    const conflict: ErrorReport = { code: "edit_conflict", message_pt: "…", message_en: "…", fields: {} };
    const { root, saver } = mount();
    await settle();
    type(body(root, "pt"), "Primeira");
    expect(await saver.flush()).toBe(true);
    type(body(root, "pt"), "Segunda");
    expect(await saver.flush()).toBe(true);
    expect(mocked.setLessonText.mock.calls.map((c) => [c[3], c[4]])).toEqual([
      ["# Objetivo", "Primeira"],
      ["Primeira", "Segunda"],
    ]);

    // Another window saved "Deles" meanwhile: the core refuses, the editor keeps "Terceira".
    mocked.setLessonText.mockRejectedValue(conflict);
    const stored = structuredClone(course);
    stored.modules[0].lessons[0] = lesson("l1", "Objetivo", "Goal");
    stored.modules[0].lessons[0].body.pt = "Deles";
    mocked.getCourse.mockResolvedValue(stored);
    type(body(root, "pt"), "Terceira");
    expect(await saver.flush()).toBe(false);
    await settle();
    expect(saver.state).toEqual({ kind: "error", error: conflict });
    expect(body(root, "pt").value).toBe("Terceira");
    const panel = root.querySelector('.conflict-slot[data-field="body"][data-lang="pt"] .conflict')!;
    expect(panel.querySelector("textarea")!.value).toBe("Deles");

    // "Keep my text": saved on top of theirs, knowingly.
    mocked.setLessonText.mockReset();
    mocked.setLessonText.mockImplementation(async (id, field, lang, _base, text) => {
      const l = lesson(id, "Objetivo", "Goal");
      l[field][lang] = text;
      return l;
    });
    (panel.querySelector('[data-action="keep-mine"]') as HTMLElement).click();
    await settle();
    await saver.flush();
    expect(mocked.setLessonText).toHaveBeenLastCalledWith("l1", "body", "pt", "Deles", "Terceira");
    expect(root.querySelector(".conflict")).toBeNull();
    expect(saver.state.kind).toBe("saved");
  });

  it("inserts a media reference on a line of its own, in both languages, after the same paragraph", async () => {
    const { root, editor, saver } = mount();
    await settle();
    type(body(root, "pt"), "Primeiro.\n\nSegundo parágrafo.\n\nTerceiro.");
    type(body(root, "en"), "First.\n\nSecond paragraph.\n\nThird.");
    await saver.flush();
    body(root, "pt").dispatchEvent(new Event("focus"));
    body(root, "pt").setSelectionRange(16, 16); // inside "Segundo parágrafo."
    editor.insert("\n![v](media:v.mp4)\n");
    await settle();
    expect(body(root, "pt").value).toBe("Primeiro.\n\nSegundo parágrafo.\n\n![v](media:v.mp4)\n\nTerceiro.");
    expect(body(root, "en").value).toBe("First.\n\nSecond paragraph.\n\n![v](media:v.mp4)\n\nThird.");
    // The source is saved before the translation, so the translation stays up to date.
    await saver.flush();
    const saved = mocked.setLessonText.mock.calls.filter((c) => String(c[4]).includes("media:v.mp4")).map((c) => c[2]);
    expect(saved).toEqual(["pt", "en"]);
    // Again from the English side: the English gets a second one, the Portuguese has it already.
    body(root, "en").dispatchEvent(new Event("focus"));
    body(root, "en").setSelectionRange(0, 0);
    editor.insert("![v](media:v.mp4)");
    await settle();
    expect(body(root, "en").value.startsWith("First.\n\n![v](media:v.mp4)\n\nSecond")).toBe(true);
    expect(body(root, "pt").value.match(/media:v\.mp4/g)).toHaveLength(1);
  });

  it("leaves a stale translation alone when inserting media (the translator updates it)", async () => {
    mocked.lessonStatus.mockResolvedValue(stale);
    const { root, editor } = mount();
    await settle();
    body(root, "pt").dispatchEvent(new Event("focus"));
    body(root, "pt").setSelectionRange(0, 0);
    editor.insert("![v](media:v.mp4)");
    await settle();
    expect(body(root, "pt").value).toBe("# Objetivo\n\n![v](media:v.mp4)\n");
    expect(body(root, "en").value).toBe("# Goal");
  });

  it("lays out text only, side by side, or preview only", async () => {
    const { root, editor } = mount();
    await settle();
    const onLayout = vi.fn();
    expect(root.dataset.layout).toBe("side");
    editor.setLayout("text");
    expect(root.dataset.layout).toBe("text");
    expect([...root.querySelectorAll<HTMLElement>(".preview")].every((p) => p.hidden)).toBe(true);
    editor.setLayout("side");
    expect([...root.querySelectorAll<HTMLElement>(".preview")].every((p) => !p.hidden)).toBe(true);
    expect([...root.querySelectorAll<HTMLElement>(".text-pane")].every((p) => !p.hidden)).toBe(true);
    root.querySelector<HTMLButtonElement>('.segmented [data-layout="preview"]')!.click();
    expect(root.dataset.layout).toBe("preview");
    expect([...root.querySelectorAll<HTMLElement>(".text-pane")].every((p) => p.hidden)).toBe(true);
    expect(root.querySelector('.segmented [data-layout="preview"]')?.getAttribute("aria-pressed")).toBe("true");
    expect(onLayout).not.toHaveBeenCalled();
  });

  it("the quiz editor saves a new single-choice question", async () => {
    const { root, saver } = mount();
    await settle();
    mocked.setQuiz.mockImplementation(async (id, quiz) => ({ ...lesson(id, "Objetivo", "Goal"), quiz: quiz ?? undefined }));
    (root.querySelector("#add-question") as HTMLElement).click();
    const prompt = root.querySelector<HTMLTextAreaElement>('.bi-prompt textarea[lang="pt"]')!;
    type(prompt, "Qual é o objetivo?");
    await saver.flush();
    const quiz = mocked.setQuiz.mock.calls.at(-1)![1]!;
    expect(quiz.questions).toHaveLength(1);
    expect(quiz.questions[0].kind).toBe("single_choice");
    expect(quiz.questions[0].prompt.pt).toBe("Qual é o objetivo?");
    expect(quiz.questions[0].options.filter((o) => o.correct)).toHaveLength(1);
  });
});
