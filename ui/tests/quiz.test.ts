import { beforeEach, describe, expect, it, vi } from "vitest";

import type { Lesson, Question } from "../src/bindings";
import { initLanguage } from "../src/i18n";
import * as ipc from "../src/ipc";
import { Saver } from "../src/saver";
import { draftProblems, newQuestion, renderQuizEditor } from "../src/views/quiz";
import { lesson } from "./fixtures";

vi.mock("../src/ipc");
const mocked = vi.mocked(ipc);

const question = (patch: Partial<Question>): Question => ({ ...newQuestion("single_choice"), ...patch });

describe("quiz drafts: the rules", () => {
  it("a new question is a draft until its prompt is written", () => {
    expect(draftProblems(newQuestion("single_choice"))).toEqual(["prompt"]);
    expect(draftProblems(question({ prompt: { pt: "Quanto tempo?", en: "" } }))).toEqual([]);
  });

  it("too few options and no right answer are what is missing, not errors", () => {
    const q = question({ prompt: { pt: "", en: "How long?" } });
    q.options = [{ ...q.options[1], correct: false }];
    expect(draftProblems(q)).toEqual(["options", "correct"]);
  });
});

describe("quiz editor", () => {
  beforeEach(() => {
    initLanguage();
    vi.resetAllMocks();
  });

  function mount(l: Lesson) {
    const saver = new Saver(10);
    mocked.setQuiz.mockImplementation(async (_id, quiz) => ({ ...l, quiz: quiz ?? undefined }));
    const root = renderQuizEditor({ lesson: l, source: "pt", saver, badge: () => document.createElement("span"), onSaved: vi.fn() });
    document.body.replaceChildren(root);
    return { root, saver };
  }

  it("adding a question saves it at once as a marked draft, and the mark goes when it is complete", async () => {
    const { root, saver } = mount(lesson("l1", "Objetivo", "Goal"));
    (root.querySelector("#add-question") as HTMLElement).click();
    expect(await saver.flush()).toBe(true);
    expect(saver.state.kind).toBe("saved");
    expect(mocked.setQuiz).toHaveBeenCalledTimes(1);
    const item = root.querySelector(".quiz-question")!;
    expect(item.classList.contains("is-draft")).toBe(true);
    const hint = item.querySelector<HTMLElement>(".quiz-draft")!;
    expect(hint.hidden).toBe(false);
    expect(hint.textContent).toContain("Rascunho");
    expect(hint.textContent).toContain("falta escrever a pergunta");

    const prompt = item.querySelector<HTMLTextAreaElement>('.bi-prompt textarea[lang="pt"]')!;
    prompt.value = "Quanto tempo se ferve a água?";
    prompt.dispatchEvent(new Event("input"));
    expect(hint.hidden).toBe(true);
    expect(item.classList.contains("is-draft")).toBe(false);
    expect(await saver.flush()).toBe(true);
    expect(mocked.setQuiz.mock.lastCall?.[1]?.questions[0].prompt.pt).toBe("Quanto tempo se ferve a água?");
  });

  it("options and feedback are several lines, and the right-answer mark has a visible label", () => {
    const { root } = mount({ ...lesson("l1", "Objetivo", "Goal"), quiz: { pass_mark: 70, questions: [newQuestion("single_choice")] } });
    const option = root.querySelector(".quiz-option")!;
    expect(option.querySelector("textarea")).not.toBeNull();
    expect(option.querySelector(".correct-label")?.textContent).toBe("Certa");
  });
});
