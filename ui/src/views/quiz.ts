// The quiz editor of a lesson: single choice, multiple choice and true/false
// questions, each with a bilingual prompt, options (one or more correct) and
// feedback, and a pass mark. Changes are saved like typing (autosave).
// A question being written is a draft: it is saved as it is, marked, and
// the editor says what is still missing (the same rules as the core's
// `Quiz::missing`; the export pre-flight refuses a course with a draft).
import type { Bilingual, Lang, Lesson, Question, QuestionKind, Quiz, QuizOption } from "../bindings";
import { h } from "../dom";
import { t } from "../i18n";
import * as ipc from "../ipc";
import type { Saver } from "../saver";
import { newId } from "../util";

const LANGS: Lang[] = ["pt", "en"];

export interface QuizContext {
  lesson: Lesson;
  source: Lang;
  saver: Saver;
  badge(lang: Lang): HTMLElement;
  onSaved(lesson: Lesson): void;
}

const text = (pt = "", en = ""): Bilingual => ({ pt, en });

export function newQuestion(kind: QuestionKind): Question {
  const options: QuizOption[] =
    kind === "true_false"
      ? [
          { id: newId("o"), text: text("Verdadeiro", "True"), correct: true, feedback: text() },
          { id: newId("o"), text: text("Falso", "False"), correct: false, feedback: text() },
        ]
      : [
          { id: newId("o"), text: text(), correct: true, feedback: text() },
          { id: newId("o"), text: text(), correct: false, feedback: text() },
        ];
  return { id: newId("q"), kind, prompt: text(), options, feedback: text() };
}

export type DraftProblem = "prompt" | "options" | "correct";

/** What a question still needs before learners can take it (none: it is complete). */
export function draftProblems(q: Question): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (!q.prompt.pt.trim() && !q.prompt.en.trim()) problems.push("prompt");
  if (q.options.length < 2) problems.push("options");
  if (!q.options.some((o) => o.correct)) problems.push("correct");
  return problems;
}

export function renderQuizEditor(ctx: QuizContext): HTMLElement {
  let quiz: Quiz | null = ctx.lesson.quiz ? structuredClone(ctx.lesson.quiz) : null;
  const root = h("section", { class: "quiz", id: "quiz-editor" });

  const hints = new Map<string, { question: Question; el: HTMLElement }>();

  /** Marks each unfinished question and says what it lacks. */
  function paintDrafts() {
    for (const { question, el } of hints.values()) {
      const problems = draftProblems(question);
      el.hidden = problems.length === 0;
      el.closest(".quiz-question")?.classList.toggle("is-draft", problems.length > 0);
      el.replaceChildren(
        h("span", { class: "badge badge-missing" }, t("quiz.draft")),
        " ",
        problems.map((p) => t(`quiz.draft.${p}`)).join("; "),
      );
    }
  }

  function save() {
    paintDrafts();
    const snapshot = quiz ? structuredClone(quiz) : null;
    ctx.saver.schedule(`lesson:${ctx.lesson.id}:quiz`, async () => {
      ctx.onSaved(await ipc.setQuiz(ctx.lesson.id, snapshot));
    });
  }

  function bilingualInputs(value: Bilingual, label: string, onInput: () => void, cls = ""): HTMLElement {
    return h(
      "div",
      { class: `bi-inputs ${cls}` },
      ...LANGS.map((lang) => {
        // Several lines: options and feedback are often a sentence or two.
        const input = h("textarea", {
          class: "input input-short",
          rows: 2,
          lang,
          "aria-label": `${label} (${t(`lang.${lang}.name`)})`,
          placeholder: `${label} · ${lang.toUpperCase()}`,
        });
        input.value = value[lang];
        input.addEventListener("input", () => {
          value[lang] = input.value;
          onInput();
        });
        return input;
      }),
    );
  }

  function questionEditor(q: Question, n: number): HTMLElement {
    const kind = h(
      "select",
      { class: "input", "aria-label": t("quiz.kind") },
      ...(["single_choice", "multiple_choice", "true_false"] as QuestionKind[]).map((k) =>
        h("option", { value: k, selected: q.kind === k }, t(`quiz.kind.${k}`)),
      ),
    );
    kind.addEventListener("change", () => {
      const fresh = newQuestion(kind.value as QuestionKind);
      q.kind = fresh.kind;
      if (q.kind === "true_false") q.options = fresh.options;
      else if (q.kind === "single_choice") {
        let seen = false;
        for (const o of q.options) {
          o.correct = o.correct && !seen;
          seen ||= o.correct;
        }
      }
      save();
      draw();
    });
    const remove = h("button", { type: "button", class: "link-button link-danger" }, t("quiz.question.remove"));
    remove.addEventListener("click", () => {
      quiz!.questions.splice(n, 1);
      if (quiz!.questions.length === 0) quiz = null;
      save();
      draw();
    });
    const options = q.options.map((o, i) => {
      const correct = h("input", {
        type: q.kind === "multiple_choice" ? "checkbox" : "radio",
        name: `correct-${q.id}`,
        checked: o.correct,
        "aria-label": t("quiz.option.correct"),
      });
      correct.addEventListener("change", () => {
        if (q.kind !== "multiple_choice") for (const x of q.options) x.correct = false;
        o.correct = correct.checked;
        save();
      });
      const del = h("button", { type: "button", class: "icon-button", "aria-label": t("quiz.option.remove"), title: t("quiz.option.remove") }, "×");
      del.addEventListener("click", () => {
        q.options.splice(i, 1);
        save();
        draw();
      });
      return h(
        "li",
        { class: "quiz-option" },
        h("label", { class: "correct", title: t("quiz.option.correct") }, correct, h("span", { class: "correct-label" }, t("quiz.option.correct.short"))),
        bilingualInputs(o.text, t("quiz.option", { n: i + 1 }), save),
        q.kind === "true_false" ? null : del,
      );
    });
    const addOption = h("button", { type: "button", class: "link-button" }, t("quiz.option.add"));
    addOption.addEventListener("click", () => {
      q.options.push({ id: newId("o"), text: text(), correct: false, feedback: text() });
      save();
      draw();
    });
    const hint = h("p", { class: "quiz-draft small", "data-question": q.id, role: "status" });
    hints.set(q.id, { question: q, el: hint });
    return h(
      "li",
      { class: "quiz-question", "data-question": q.id },
      h("div", { class: "quiz-question-head" }, h("strong", {}, t("quiz.question.n", { n: n + 1 })), kind, remove),
      hint,
      bilingualInputs(q.prompt, t("quiz.prompt"), save, "bi-prompt"),
      h("ul", { class: "quiz-options" }, ...options),
      q.kind === "true_false" || q.options.length >= 10 ? null : addOption,
      bilingualInputs(q.feedback, t("quiz.feedback"), save),
    );
  }

  function draw() {
    hints.clear();
    const add = h("button", { type: "button", class: "button button-small", id: "add-question" }, quiz ? t("quiz.question.add") : t("quiz.add"));
    add.addEventListener("click", () => {
      quiz ??= { pass_mark: 70, questions: [] };
      quiz.questions.push(newQuestion("single_choice"));
      save();
      draw();
    });
    const head = h("div", { class: "section-head" }, h("h3", {}, t("quiz.title")), ...LANGS.map((lang) => ctx.badge(lang)));
    if (!quiz) {
      root.replaceChildren(head, h("p", { class: "muted" }, t("quiz.none")), add);
      return;
    }
    const pass = h("input", { type: "number", class: "input input-number", min: 0, max: 100, value: quiz.pass_mark, id: "quiz-pass-mark" });
    pass.addEventListener("input", () => {
      quiz!.pass_mark = Math.max(0, Math.min(100, Math.round(Number(pass.value) || 0)));
      save();
    });
    root.replaceChildren(
      head,
      h("label", { class: "inline-field" }, h("span", { class: "label" }, t("quiz.passMark")), pass, h("span", {}, "%")),
      h("ol", { class: "quiz-questions" }, ...quiz.questions.map(questionEditor)),
      add,
    );
    paintDrafts();
  }

  draw();
  return root;
}
