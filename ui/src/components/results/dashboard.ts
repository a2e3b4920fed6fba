// The Results dashboard as pictures: the core's aggregates (ResultsDashboard)
// turned into the charts of charts.ts, in the order a trainer reads them:
// who took part, how far they got, how the quizzes went, which questions
// were missed most, in which language, and for how long (figures as the
// core defines them on ResultsDashboard, src/results/mod.rs). The Results view
// and the printable report draw the same thing.
import type { Lang, QuestionResults, ResultsDashboard, ResultsLearner } from "../../bindings";
import { h } from "../../dom";
import { localeTag, plural, t } from "../../i18n";
import { pick } from "../../util";
import { barChart, columnChart, shareChart, statTiles, type BarDatum } from "./charts";
import { percent } from "./geometry";

/** 40 s, 12 min, 2 h 05 min. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t("results.duration.s", { n: s });
  const minutes = Math.round(s / 60);
  if (minutes < 60) return t("results.duration.min", { n: minutes });
  return t("results.duration.h", { h: Math.floor(minutes / 60), min: String(minutes % 60).padStart(2, "0") });
}

function number(n: number): string {
  return new Intl.NumberFormat(localeTag()).format(n);
}

/** The tone of a share of right answers: most learners missed it, about half, most got it. */
function tone(share: number): BarDatum["tone"] {
  return share < 50 ? "low" : share < 75 ? "mid" : "high";
}

function questionRows(questions: QuestionResults[], lang: Lang): BarDatum[] {
  return questions.map((q) => {
    const text = q.prompt ? pick(q.prompt, lang) : null;
    const label = text?.text ? text.text : t("results.question.removed", { id: q.question_id });
    return {
      label,
      lang: text?.text ? text.lang : undefined,
      value: q.right,
      max: q.answered,
      detail: t("results.ofAnswers", { n: q.right, total: q.answered }),
      tone: tone(percent(q.right, q.answered)),
    };
  });
}

/** Learners per group, from the learners list: largest first, those without a group last. */
export function groupRows(learners: ResultsLearner[]): BarDatum[] {
  const counts = new Map<string, number>();
  for (const l of learners) counts.set(l.group ?? "", (counts.get(l.group ?? "") ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => Number(!a[0]) - Number(!b[0]) || b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([group, n]) => ({ label: group || t("results.group.none"), value: n, max: learners.length, detail: String(n) }));
}

/** Score bins as the core counts them: k/10 ≤ score < (k+1)/10, 100 % in the last. */
export function binLabels(): string[] {
  return Array.from({ length: 10 }, (_, i) => (i === 9 ? "90–100%" : `${i * 10}–${i * 10 + 9}%`));
}

/**
 * Time spent per lesson: each lesson's median time per learner who opened it
 * (LessonCompletion.median_seconds), under its module's heading, on one
 * scale whose longest bar is the longest median. Empty when no time was
 * counted in any lesson.
 */
export function timeRows(d: ResultsDashboard, lang: Lang): BarDatum[] {
  const longest = Math.max(0, ...d.modules.flatMap((m) => m.lessons.map((l) => l.median_seconds)));
  if (!(longest > 0)) return [];
  return d.modules.flatMap((m, i) => {
    const title = pick(m.title, lang);
    return [
      { label: t("results.module", { n: i + 1, title: title.text }), lang: title.lang, value: 0, max: 0, heading: true },
      ...m.lessons.map((l, j) => {
        const lt = pick(l.title, lang);
        return {
          label: `${i + 1}.${j + 1} ${lt.text}`,
          lang: lt.lang,
          value: l.median_seconds,
          max: longest,
          text: l.opened ? formatDuration(l.median_seconds) : t("results.time.notOpened"),
        };
      }),
    ];
  });
}

export function renderDashboard(d: ResultsDashboard, learners: ResultsLearner[], lang: Lang): HTMLElement {
  const labels = binLabels();
  const bins = d.score_histogram.map((value, i) => ({ label: labels[i] ?? String(i), value }));
  const lessonRows: BarDatum[] = d.modules.flatMap((m, i) => {
    const title = pick(m.title, lang);
    return [
      {
        label: t("results.module", { n: i + 1, title: title.text }),
        lang: title.lang,
        value: m.completed,
        max: d.learners,
        heading: true,
        detail: t("results.ofLearners", { n: m.completed, total: d.learners }),
      },
      ...m.lessons.map((l, j) => {
        const lt = pick(l.title, lang);
        return {
          label: `${i + 1}.${j + 1} ${lt.text}`,
          lang: lt.lang,
          value: l.completed,
          max: d.learners,
          detail: t("results.completedOpened", { n: l.completed, total: d.learners, opened: l.opened }),
        };
      }),
    ];
  });
  const quizRows: BarDatum[] = d.quizzes.map((q) => {
    const qt = pick(q.title, lang);
    return { label: qt.text, lang: qt.lang, value: q.passed, max: q.takers, detail: t("results.ofLearners", { n: q.passed, total: q.takers }), tone: tone(percent(q.passed, q.takers)) };
  });
  const attempts = d.attempts_pt + d.attempts_en;

  return h(
    "div",
    { class: "results-dashboard", "data-learners": d.learners },
    statTiles([
      {
        key: "learners",
        label: t("results.stat.learners"),
        value: number(d.learners),
        detail: d.anonymous_learners ? plural("results.stat.anonymous", d.anonymous_learners) : undefined,
      },
      { key: "attempts", label: t("results.stat.attempts"), value: number(attempts) },
      { key: "pass-rate", label: t("results.stat.passRate"), value: `${percent(d.quiz_passes, d.quiz_takers)}%`, detail: t("results.stat.passRate.detail", { n: d.quiz_passes, total: d.quiz_takers }) },
      { key: "time", label: t("results.stat.time"), value: formatDuration(d.total_seconds), detail: t("results.stat.median", { time: formatDuration(d.median_seconds) }) },
    ]),
    h(
      "div",
      { class: "chart-pair" },
      barChart({ id: "groups", title: t("results.chart.groups"), note: t("results.chart.groups.note"), heads: [t("results.head.group"), t("results.head.learners")], empty: t("results.chart.empty"), rows: groupRows(learners) }),
      shareChart({
        id: "languages",
        title: t("results.chart.languages"),
        note: t("results.chart.languages.note"),
        heads: [t("results.head.language"), t("results.head.attempts")],
        empty: t("results.chart.noQuiz"),
        parts: [
          { key: "pt", label: t("lang.pt.name"), value: d.attempts_pt },
          { key: "en", label: t("lang.en.name"), value: d.attempts_en },
        ],
      }),
    ),
    barChart({ id: "completion", title: t("results.chart.completion"), note: t("results.chart.completion.note"), heads: [t("results.head.lesson"), t("results.head.completed")], empty: t("results.chart.empty"), rows: lessonRows }),
    h(
      "div",
      { class: "chart-pair" },
      barChart({ id: "quizzes", title: t("results.chart.quizzes"), note: t("results.chart.quizzes.note"), heads: [t("results.head.quiz"), t("results.head.passed")], empty: t("results.chart.noQuiz"), rows: quizRows }),
      columnChart({ id: "scores", title: t("results.chart.scores"), note: t("results.chart.scores.note"), heads: [t("results.head.score"), t("results.head.learners")], empty: t("results.chart.noQuiz"), columns: bins }),
    ),
    barChart({ id: "questions", title: t("results.chart.questions"), note: t("results.chart.questions.note"), heads: [t("results.head.question"), t("results.head.right")], empty: t("results.chart.noQuiz"), rows: questionRows(d.questions, lang) }),
    d.removed_questions.length
      ? barChart({
          id: "removed-questions",
          title: t("results.chart.removed"),
          note: plural("results.chart.removed.note", d.removed_questions.length),
          heads: [t("results.head.question"), t("results.head.right")],
          empty: t("results.chart.empty"),
          rows: questionRows(d.removed_questions, lang),
        })
      : null,
    barChart({ id: "time", title: t("results.chart.time"), note: t("results.chart.time.note"), heads: [t("results.head.lesson"), t("results.head.time")], empty: t("results.chart.empty"), rows: timeRows(d, lang) }),
  );
}
