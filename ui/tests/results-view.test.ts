// The Results view with the shell mocked: dashboard as charts with the
// numbers given, filters passed to the core, the import report in words,
// a refused batch naming its file, dropped files, merge and delete each
// confirmed in words, CSV export, and the printable report.
import { beforeEach, describe, expect, it, vi } from "vitest";

import { formatDuration, renderDashboard } from "../src/components/results/dashboard";
import type { ResultsDashboard, ResultsImportReport, ResultsLearner } from "../src/bindings";
import { filterText, openReport } from "../src/components/results/report";
import { initLanguage, setLanguage } from "../src/i18n";
import * as ipc from "../src/ipc";
import { csvName, mountResults, resultsFiles } from "../src/views/results";
import { renderTree } from "../src/views/tree";
import { mountEditor, RESULTS_PLACE } from "../src/views/editor";
import { Saver } from "../src/saver";
import { course, settle } from "./fixtures";

vi.mock("../src/ipc");
const mocked = vi.mocked(ipc);

const learner = (id: string, name: string | null, group: string | null, device: string, more: Partial<ResultsLearner> = {}): ResultsLearner => ({
  id: id.padEnd(32, "0"),
  name,
  group,
  device_id: device.padEnd(32, "a"),
  created_at: "2026-12-01T09:00:00.000Z",
  merged: [],
  lessons_completed: 2,
  attempts: 1,
  last_activity: "2026-12-01T10:00:00.000Z",
  same_name: [],
  ...more,
});

const ana = learner("a1", "Ana", "CSO X", "d1", { same_name: ["a4".padEnd(32, "0")] });
const beto = learner("b2", "<img src=x onerror=alert(1)>", "CSO X", "d1");
const anon = learner("c3", null, null, "d1");
const ana2 = learner("a4", "ana", "CSO Y", "d2", { same_name: ["a1".padEnd(32, "0")] });
const all = [ana, beto, anon, ana2];

const dashboard: ResultsDashboard = {
  course_id: "c1",
  course_title: { pt: "Apresentações eficazes", en: "Effective presentations" },
  revision: 3,
  file_revisions: [3],
  filter: { group: null, from: null, to: null },
  groups: ["CSO X", "CSO Y"],
  first_day: "2026-12-01",
  last_day: "2026-12-02",
  learners: 4,
  anonymous_learners: 1,
  modules: [
    {
      module_id: "m1",
      title: { pt: "Preparar", en: "Prepare" },
      completed: 1,
      lessons: [
        { lesson_id: "l1", title: { pt: "Objetivo", en: "Goal" }, is_quiz: false, opened: 4, completed: 3, median_seconds: 600 },
        { lesson_id: "l2", title: { pt: "Teste", en: "Test" }, is_quiz: true, opened: 4, completed: 1, median_seconds: 240 },
      ],
    },
  ],
  quizzes: [{ lesson_id: "l2", title: { pt: "Teste", en: "Test" }, pass_mark: 60, attempts: 5, takers: 4, passed: 3, pass_rate: 0.75, score_histogram: [0, 0, 0, 0, 0, 1, 0, 0, 0, 3] }],
  pass_rate: 0.75,
  quiz_takers: 4,
  quiz_passes: 3,
  score_histogram: [0, 0, 0, 0, 0, 1, 0, 0, 0, 3],
  questions: [
    { lesson_id: "l2", question_id: "q2", lesson_title: { pt: "Teste", en: "Test" }, prompt: { pt: "O que é <b>cidadania</b>?", en: "What is citizenship?" }, answered: 5, right: 1, right_share: 0.2 },
    { lesson_id: "l2", question_id: "q1", lesson_title: { pt: "Teste", en: "Test" }, prompt: { pt: "Verdadeiro ou falso?", en: "True or false?" }, answered: 5, right: 5, right_share: 1 },
  ],
  removed_questions: [{ lesson_id: "l2", question_id: "q0", lesson_title: null, prompt: null, answered: 2, right: 1, right_share: 0.5 }],
  attempts_pt: 4,
  attempts_en: 1,
  total_seconds: 4 * 3600 + 5 * 60,
  median_seconds: 3725,
};

const report: ResultsImportReport = {
  files: [
    { path: "/media/usb/a.juntos-results", course_id: "c1", course_title: dashboard.course_title, course_revision: 3, device_id: "d".repeat(32), already_imported: false, learners: 3, new_learners: 3, attempts: 4, new_attempts: 4, skipped_deleted_learners: 0 },
    { path: "/media/usb/b.juntos-results", course_id: "c1", course_title: dashboard.course_title, course_revision: 3, device_id: "e".repeat(32), already_imported: true, learners: 1, new_learners: 0, attempts: 1, new_attempts: 0, skipped_deleted_learners: 0 },
  ],
  new_learners: 3,
  new_attempts: 4,
};

const $ = (root: ParentNode, css: string) => root.querySelector(css) as HTMLElement;
const texts = (root: ParentNode, css: string) => [...root.querySelectorAll(css)].map((e) => e.textContent);

async function mount() {
  const view = mountResults(course, null);
  document.body.replaceChildren(view.root);
  await view.refresh();
  await settle();
  return view;
}

async function confirmModal(testId: string) {
  await settle();
  $(document, `[data-testid="${testId}"] [data-action="confirm"]`).click();
  await settle();
}

describe("results dashboard", () => {
  beforeEach(() => {
    localStorage.clear();
    initLanguage();
  });

  it("draws every figure the core gave, in words and pictures", () => {
    const root = renderDashboard(dashboard, all, "pt");
    expect(texts(root, ".stat-value")).toEqual(["4", "5", "75%", "4 h 05 min"]);
    expect($(root, '[data-stat="time"] .stat-detail').textContent).toBe("mediana por participante: 1 h 02 min");
    expect($(root, '[data-stat="learners"] .stat-detail').textContent).toBe("1 sem nome");
    // Completion: module row then lessons, each a share of the 4 learners.
    const completion = $(root, '[data-chart="completion"]');
    expect([...completion.querySelectorAll("g.chart-row")].map((g) => g.getAttribute("data-share"))).toEqual(["25", "75", "25"]);
    expect(texts(completion, "text.chart-label")).toEqual(["Módulo 1: Preparar", "1.1 Objetivo", "1.2 Teste"]);
    expect(texts(completion, ".chart-value")[1]).toBe("75% (3 de 4; abriram: 4)");
    // Questions: most missed first, as the core sorted them; markup in a prompt is text.
    const questions = $(root, '[data-chart="questions"]');
    expect(texts(questions, "text.chart-label")).toEqual(["O que é <b>cidadania</b>?", "Verdadeiro ou falso?"]);
    expect(questions.querySelector("b")).toBeNull();
    expect(questions.querySelector(".chart-bar")?.getAttribute("class")).toContain("chart-bar-low");
    expect(texts($(root, '[data-chart="removed-questions"]'), "text.chart-label")).toEqual(["Pergunta q0 (já não está no curso)"]);
    // Scores histogram and languages.
    expect(texts($(root, '[data-chart="scores"]'), ".chart-column .chart-value")).toEqual(["1", "3"]);
    expect(texts($(root, '[data-chart="languages"]'), ".chart-legend li")).toEqual(["Português: 4 (80%)", "Inglês: 1 (20%)"]);
    expect(texts($(root, '[data-chart="quizzes"]'), ".chart-value")).toEqual(["75% (3 de 4)"]);
    // Groups from the learners list; a hostile name never becomes an element.
    expect(texts($(root, '[data-chart="groups"]'), "text.chart-label")).toEqual(["CSO X", "CSO Y", "Sem grupo"]);
    expect(root.querySelector("img, script")).toBeNull();
    // Every chart has its text alternative.
    for (const fig of root.querySelectorAll("figure.chart")) expect(fig.querySelector("table.chart-table, .chart-empty")).not.toBeNull();
  });

  it("time spent per lesson: each lesson's median as a bar on the longest median's scale", () => {
    const root = renderDashboard(dashboard, all, "pt");
    const time = $(root, '[data-chart="time"]');
    expect($(time, "figcaption").textContent).toBe("Tempo por lição");
    expect(texts(time, "text.chart-label")).toEqual(["Módulo 1: Preparar", "1.1 Objetivo", "1.2 Teste"]);
    // 600 s is the longest (the whole 380 track); 240 s is 40 % of it. The module heading has no bar.
    const bars = [...time.querySelectorAll("rect.chart-bar")];
    expect(bars.map((b) => Number(b.getAttribute("width")))).toEqual([380, 152]);
    expect(texts(time, ".chart-value")).toEqual(["10 min", "4 min"]);
    expect([...time.querySelectorAll("tbody td")].map((td) => td.textContent)).toEqual(["10 min", "4 min"]);
    expect([...time.querySelectorAll("thead th")].map((th) => th.textContent)).toEqual(["Lição", "Tempo (mediana)"]);

    // A lesson nobody opened: an empty bar that says so; a second module gets its own heading.
    const more: ResultsDashboard = {
      ...dashboard,
      modules: [
        ...dashboard.modules,
        {
          module_id: "m2",
          title: { pt: "Apresentar", en: "Present" },
          completed: 0,
          lessons: [
            { lesson_id: "l3", title: { pt: "Voz", en: "Voice" }, is_quiz: false, opened: 2, completed: 0, median_seconds: 1500 },
            { lesson_id: "l4", title: { pt: "Fim", en: "End" }, is_quiz: false, opened: 0, completed: 0, median_seconds: 0 },
          ],
        },
      ],
    };
    const time2 = $(renderDashboard(more, all, "pt"), '[data-chart="time"]');
    expect(texts(time2, "text.chart-label")).toEqual(["Módulo 1: Preparar", "1.1 Objetivo", "1.2 Teste", "Módulo 2: Apresentar", "2.1 Voz", "2.2 Fim"]);
    expect([...time2.querySelectorAll("rect.chart-bar")].map((b) => Number(b.getAttribute("width")))).toEqual([152, 60.8, 380, 0]);
    expect(texts(time2, ".chart-value")).toEqual(["10 min", "4 min", "25 min", "não aberta"]);

    // No time counted anywhere: the chart says there is nothing to show.
    const none: ResultsDashboard = { ...dashboard, modules: dashboard.modules.map((m) => ({ ...m, lessons: m.lessons.map((l) => ({ ...l, median_seconds: 0 })) })) };
    const empty = $(renderDashboard(none, all, "pt"), '[data-chart="time"]');
    expect(empty.querySelector("svg")).toBeNull();
    expect(empty.querySelector(".chart-empty")?.textContent).toBe("Nada a mostrar ainda.");
  });

  it("in English too, and durations read naturally", () => {
    setLanguage("en");
    const root = renderDashboard(dashboard, all, "en");
    expect(texts($(root, '[data-chart="questions"]'), "text.chart-label")).toEqual(["What is citizenship?", "True or false?"]);
    expect(formatDuration(40)).toBe("40 s");
    expect(formatDuration(12 * 60 + 10)).toBe("12 min");
    expect(formatDuration(2 * 3600 + 5 * 60)).toBe("2 h 05 min");
    setLanguage("pt");
  });

  it("the report's filters in words", () => {
    expect(filterText({ group: null, from: null, to: null }, dashboard)).toEqual({ group: "Todos os grupos", dates: "1 de dezembro de 2026 – 2 de dezembro de 2026" });
    expect(filterText({ group: "CSO X", from: "2026-12-02", to: null }, dashboard).group).toBe("CSO X");
    expect(filterText({ group: null, from: null, to: null }, { ...dashboard, first_day: null, last_day: null }).dates).toBe("Sem datas");
  });
});

describe("the course tree", () => {
  it("has a Resultados entry under the settings that selects the Results view", () => {
    initLanguage();
    const select = vi.fn();
    const noop = vi.fn();
    const handlers = { select, changed: async () => undefined, addModule: noop, addLesson: noop, renameModule: noop, deleteModule: noop, deleteLesson: noop, error: noop };
    const tree = renderTree(course, null, { kind: "results" }, "pt", handlers);
    const rows = [...tree.querySelectorAll(".tree-row")].slice(0, 2);
    expect(rows.map((r) => r.getAttribute("data-id"))).toEqual(["settings", "results"]);
    expect(rows[1].textContent).toBe("Resultados");
    expect(rows[1].getAttribute("aria-current")).toBe("true");
    (rows[1] as HTMLElement).click();
    expect(select).toHaveBeenCalledWith({ kind: "results" });
  });
});

describe("the course editor", () => {
  it("comes back to the Results view after a language switch (it reopens on RESULTS_PLACE)", async () => {
    localStorage.clear();
    initLanguage();
    vi.resetAllMocks();
    mocked.getCourse.mockResolvedValue(structuredClone(course));
    mocked.translationStatus.mockResolvedValue({ source_lang: "pt", pt_percent: 100, en_percent: 100, fields: [] });
    mocked.resultsDashboard.mockResolvedValue(dashboard);
    mocked.resultsLearners.mockResolvedValue(all);
    mocked.onFileDrop.mockResolvedValue(() => undefined);
    const editor = mountEditor("c1", new Saver(), null, { back: vi.fn(), exportCourse: vi.fn() });
    document.body.replaceChildren(editor.root);
    await settle();
    $(document, "#open-results").click();
    await settle();
    expect(document.querySelector("#results-view")).not.toBeNull();
    expect(editor.currentLesson()).toBe(RESULTS_PLACE);
    editor.destroy();
    const again = mountEditor("c1", new Saver(), null, { back: vi.fn(), exportCourse: vi.fn() }, RESULTS_PLACE);
    document.body.replaceChildren(again.root);
    await settle();
    expect(document.querySelector("#results-view .results-dashboard")).not.toBeNull();
    again.destroy();
  });
});

describe("results view", () => {
  beforeEach(() => {
    localStorage.clear();
    initLanguage();
    vi.resetAllMocks();
    mocked.resultsDashboard.mockResolvedValue(dashboard);
    mocked.resultsLearners.mockResolvedValue(all);
    mocked.onFileDrop.mockResolvedValue(() => undefined);
  });

  it("shows the dashboard, the learners and the groups to filter by", async () => {
    const view = await mount();
    expect(mocked.resultsDashboard).toHaveBeenCalledWith("c1", { group: null, from: null, to: null });
    expect(view.root.querySelector(".results-dashboard")).not.toBeNull();
    expect(texts(view.root, "#results-group option")).toEqual(["Todos os grupos", "CSO X", "CSO Y"]);
    expect(view.root.querySelectorAll("#learners tbody tr")).toHaveLength(4);
    expect(texts(view.root, "#learners .learner-name")[2]).toBe("Anónimo (dispositivo d1aa)");
    expect(texts(view.root, "#learners .learner-name")[1]).toBe("<img src=x onerror=alert(1)>");
    expect(view.root.querySelector("#learners img")).toBeNull();
    expect(view.root.querySelectorAll('[data-twin="true"]')).toHaveLength(2);
  });

  it("passes the group and dates to the core", async () => {
    const view = await mount();
    const group = $(view.root, "#results-group") as HTMLSelectElement;
    group.value = "CSO Y";
    group.dispatchEvent(new Event("change"));
    const from = $(view.root, "#results-from") as HTMLInputElement;
    from.value = "2026-12-02";
    from.dispatchEvent(new Event("change"));
    await settle();
    expect(mocked.resultsDashboard).toHaveBeenLastCalledWith("c1", { group: "CSO Y", from: "2026-12-02", to: null });
    $(view.root, "#results-clear").click();
    await settle();
    expect(mocked.resultsDashboard).toHaveBeenLastCalledWith("c1", { group: null, from: null, to: null });
  });

  it("without a drop listener, the view does not offer dropping", async () => {
    mocked.onFileDrop.mockRejectedValue({ code: "ipc_failed", message_pt: "x", message_en: "x", fields: {} });
    const view = await mount();
    expect(($(view.root, "#results-drop") as HTMLElement).hidden).toBe(true);
  });

  it("when filters change quickly, only the last answer is drawn", async () => {
    const view = await mount();
    let first: (d: ResultsDashboard) => void = () => undefined;
    mocked.resultsDashboard.mockImplementationOnce(() => new Promise((r) => (first = r)));
    mocked.resultsDashboard.mockResolvedValueOnce({ ...dashboard, learners: 1 });
    const group = $(view.root, "#results-group") as HTMLSelectElement;
    group.value = "CSO X";
    group.dispatchEvent(new Event("change"));
    group.value = "CSO Y";
    group.dispatchEvent(new Event("change"));
    await settle();
    first({ ...dashboard, learners: 2 });
    await settle();
    expect($(view.root, ".results-dashboard").dataset.learners).toBe("1");
  });

  it("an empty course says how to get results", async () => {
    mocked.resultsLearners.mockResolvedValue([]);
    mocked.resultsDashboard.mockResolvedValue({ ...dashboard, learners: 0 });
    const view = await mount();
    expect($(view.root, "#results-empty").textContent).toContain("Guardar os meus resultados");
    expect(($(view.root, "#results-print") as HTMLButtonElement).disabled).toBe(true);
  });

  it("imports through the dialog and tells what happened in words", async () => {
    mocked.chooseResultsFiles.mockResolvedValue(report.files.map((f) => f.path));
    mocked.importResults.mockResolvedValue(report);
    const view = await mount();
    $(view.root, "#results-import").click();
    await settle();
    expect(mocked.importResults).toHaveBeenCalledWith(["/media/usb/a.juntos-results", "/media/usb/b.juntos-results"]);
    expect(texts(view.root, "#results-import-report p")).toEqual([
      "1 ficheiro importado: 3 participantes novos, 4 tentativas novas.",
      "1 ficheiro já tinha sido importado: nada mudou. (b.juntos-results)",
    ]);
    expect(mocked.resultsDashboard).toHaveBeenCalledTimes(2);
  });

  it("a refused batch names the file and offers to import the others", async () => {
    const paths = ["/x/a.juntos-results", "/x/bad.juntos-results", "/x/c.juntos-results"];
    mocked.chooseResultsFiles.mockResolvedValue(paths);
    mocked.importResults.mockRejectedValueOnce({ code: "results_checksum_mismatch", message_pt: "Soma errada.", message_en: "Bad sum.", fields: { path: "/x/bad.juntos-results" } });
    mocked.importResults.mockResolvedValueOnce({ ...report, files: [report.files[0]] });
    const view = await mount();
    $(view.root, "#results-import").click();
    await settle();
    const refused = $(view.root, ".results-import-refused");
    expect(refused.dataset.code).toBe("results_checksum_mismatch");
    expect(refused.querySelector(".banner-title")?.textContent).toBe("Nada foi importado: o ficheiro bad.juntos-results foi recusado.");
    $(view.root, "#results-import-others").click();
    await settle();
    expect(mocked.importResults).toHaveBeenLastCalledWith(["/x/a.juntos-results", "/x/c.juntos-results"]);
    expect($(view.root, "#results-import-report").textContent).toContain("3 participantes novos");
  });

  it("files dropped on the window: results files imported, others named", async () => {
    let handler: (e: ipc.FileDrop) => void = () => undefined;
    mocked.onFileDrop.mockImplementation(async (h) => {
      handler = h;
      return () => undefined;
    });
    mocked.importResults.mockResolvedValue(report);
    const view = await mount();
    expect(($(view.root, "#results-drop") as HTMLElement).hidden).toBe(false);
    handler({ type: "enter" });
    expect(view.root.classList.contains("drop-active")).toBe(true);
    handler({ type: "drop", paths: ["/d/foto.jpg"] });
    await settle();
    expect(view.root.classList.contains("drop-active")).toBe(false);
    expect(mocked.importResults).not.toHaveBeenCalled();
    expect($(view.root, "#results-messages").textContent).toContain("/d/foto.jpg");
    handler({ type: "drop", paths: ["/d/ANA.JUNTOS-RESULTS", "/d/foto.jpg"] });
    await settle();
    expect(mocked.importResults).toHaveBeenCalledWith(["/d/ANA.JUNTOS-RESULTS"]);
    expect(resultsFiles(["a.juntos-results", "b.juntos"])).toEqual({ files: ["a.juntos-results"], ignored: ["b.juntos"] });
  });

  it("merging asks who is the same person and says what happens", async () => {
    mocked.mergeLearners.mockResolvedValue(ana.id);
    const view = await mount();
    $(view.root, `tr[data-learner="${ana2.id}"] [data-action="merge"]`).click();
    await settle();
    const modal = $(document, '[data-testid="merge-learner"]');
    // The learner with the same name on another device is proposed first.
    expect(($(modal, "#merge-target") as HTMLSelectElement).value).toBe(ana.id);
    expect($(modal, "#merge-explain").textContent).toBe(
      "Os resultados de ana passam a contar como de Ana: lições, tentativas e tempo somam-se numa só pessoa. Ficheiros futuros de ana também contam para Ana.",
    );
    await confirmModal("merge-learner");
    expect(mocked.mergeLearners).toHaveBeenCalledWith("c1", ana.id, ana2.id);
    expect($(view.root, "#results-messages").textContent).toBe("ana foi junto a Ana.");
  });

  it("deleting a learner's data is confirmed in words first", async () => {
    mocked.deleteLearner.mockResolvedValue([beto.id]);
    const view = await mount();
    $(view.root, `tr[data-learner="${beto.id}"] [data-action="delete"]`).click();
    await settle();
    const modal = $(document, '[data-testid="confirm"]');
    expect(modal.textContent).toContain("Tudo o que <img src=x onerror=alert(1)> fez neste curso é apagado");
    expect(modal.querySelector("img")).toBeNull();
    await confirmModal("confirm");
    expect(mocked.deleteLearner).toHaveBeenCalledWith("c1", beto.id);
  });

  it("exports CSV through the save dialog with the filter shown", async () => {
    mocked.exportResultsCsv.mockResolvedValue("/home/ana/resultados.csv");
    const view = await mount();
    $(view.root, "#results-export").click();
    await settle();
    expect(mocked.exportResultsCsv).toHaveBeenCalledWith("c1", { group: null, from: null, to: null }, "Guardar os resultados como CSV", expect.stringMatching(/^apresentacoes-eficazes-resultados-\d{4}-\d{2}-\d{2}\.csv$/));
    expect(csvName("curso", { group: "Associação Ñ 2", from: null, to: null }, new Date("2026-12-02T10:00:00Z"))).toBe("curso-resultados-associacao-n-2-2026-12-02.csv");
    expect($(view.root, "#results-exported").textContent).toBe("Resultados exportados para /home/ana/resultados.csv.");
  });

  it("the printable report: one click opens the sheet and prints it", async () => {
    const print = vi.fn();
    const report = openReport(course, dashboard, all, { group: "CSO X", from: null, to: null }, "pt", print);
    await new Promise((r) => setTimeout(r, 60));
    expect(print).toHaveBeenCalledTimes(1);
    expect(document.body.classList.contains("printing-report")).toBe(true);
    const sheet = $(document, "#results-report .report-sheet");
    expect($(sheet, "h1").textContent).toBe("Apresentações eficazes");
    expect($(sheet, ".report-org").textContent).toBe("Juntos");
    expect($(sheet, '[data-fact="group"]').textContent).toBe("CSO X");
    expect(sheet.querySelectorAll("figure.chart svg").length).toBeGreaterThanOrEqual(6);
    expect(sheet.querySelectorAll('[data-chart="time"] rect.chart-bar')).toHaveLength(2);
    // No learner names in a report for funders.
    expect(sheet.textContent).not.toContain("onerror");
    $(document, "#report-print").click();
    expect(print).toHaveBeenCalledTimes(2);
    report.close();
    expect(document.querySelector("#results-report")).toBeNull();
    expect(document.body.classList.contains("printing-report")).toBe(false);
  });
});
