// End-to-end: learners' results come back into the app. Results files are
// written here the way the player writes them (docs/results-format.md: the
// exact body text, its SHA-256, the envelope's key order): three learners on
// one device (one with markup in their name), one on another device with the
// same name as the first. They are imported through the Results view's file
// dialog (answered by the test), and every figure shown is checked against
// numbers computed here from what was written. Importing the same files
// again changes nothing; the CSV export goes through the save dialog; a
// group filter narrows the figures; the two Anas are merged and a learner's
// data deleted, each after a confirmation in words. The printable report opens in one click (the print
// call is recorded instead of opening the system dialog) and is captured to
// docs/screenshots/results-report.png (and its time-per-lesson chart,
// results-report-time.png) with scripts/test-e2e.sh --screenshots.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { scratch, startApp, waitFor } from "./driver.mjs";

const hex = () => randomBytes(16).toString("hex");
const HOSTILE = '<img src=x onerror="window.__xss=1">Beto';

/** A results file exactly as the contract says: the body's text, its checksum, the envelope in order. */
function resultsFile(body) {
  const text = JSON.stringify(body);
  const checksum = createHash("sha256").update(text, "utf8").digest("hex");
  return `{"format":"juntos-results","version":1,"checksum":"${checksum}","body":${text}}`;
}

const iso = (minutesAgo) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

/** One attempt at the quiz: `right` is the set of question ids answered right. */
function attempt(learner, quizLesson, quiz, right, lang, minutesAgo) {
  const answers = quiz.questions.map((q) => {
    const good = q.options.filter((o) => o.correct).map((o) => o.id);
    const bad = q.options.filter((o) => !o.correct).map((o) => o.id);
    const correct = right.has(q.id);
    return { question: q.id, chosen: correct ? good : [bad[0] ?? good[0]], correct };
  });
  const score = answers.filter((a) => a.correct).length;
  const max = quiz.questions.length;
  return {
    id: hex(),
    learner,
    lesson: quizLesson,
    started_at: iso(minutesAgo + 5),
    finished_at: iso(minutesAgo),
    lang,
    score,
    max_score: max,
    passed: (score * 100) / max >= quiz.pass_mark,
    answers,
  };
}

/** A time as the app writes it in Portuguese: 40 s, 12 min, 2 h 05 min. */
function duration(seconds) {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** The figures the dashboard must show, computed from the files' bodies alone. */
function expected(course, bodies) {
  const lessons = course.modules.flatMap((m) => m.lessons);
  const learners = bodies.flatMap((b) => b.learners);
  const rows = bodies.flatMap((b) => b.lessons);
  const attempts = bodies.flatMap((b) => b.attempts);
  const n = learners.length;
  const pct = (part, whole) => (whole > 0 ? Math.min(100, Math.round((part / whole) * 100)) : 0);
  const completedBy = (lessonId) => new Set(rows.filter((r) => r.lesson === lessonId && r.completed_at).map((r) => r.learner));
  const completion = course.modules.flatMap((m) => [
    pct(learners.filter((l) => m.lessons.length && m.lessons.every((x) => completedBy(x.id).has(l.id))).length, n),
    ...m.lessons.map((x) => pct(completedBy(x.id).size, n)),
  ]);
  const quizLesson = lessons.find((l) => l.quiz);
  const takers = new Set(attempts.map((a) => a.learner));
  const passers = new Set(attempts.filter((a) => a.passed).map((a) => a.learner));
  const histogram = Array(10).fill(0);
  for (const who of takers) {
    const best = Math.max(...attempts.filter((a) => a.learner === who).map((a) => a.score / a.max_score));
    histogram[Math.min(9, Math.floor(best * 10 + 1e-9))]++;
  }
  const questions = quizLesson.quiz.questions
    .map((q, i) => {
      const answers = attempts.flatMap((a) => a.answers.filter((x) => x.question === q.id));
      const right = answers.filter((x) => x.correct).length;
      return { i, prompt: q.prompt.pt, share: right / answers.length, text: `${pct(right, answers.length)}% (${right} de ${answers.length} respostas)` };
    })
    .sort((a, b) => a.share - b.share || a.i - b.i);
  const seconds = learners.map((l) => rows.filter((r) => r.learner === l.id).reduce((s, r) => s + r.seconds, 0));
  const pt = attempts.filter((a) => a.lang === "pt").length;
  // Time per lesson: the median of the seconds of the learners who opened it
  // (the mean of the two middle ones, rounded down, for an even count).
  const lessonTimes = lessons.map((x) => {
    const times = rows.filter((r) => r.lesson === x.id).map((r) => r.seconds).sort((a, b) => a - b);
    if (times.length === 0) return "não aberta";
    const mid = times.length >> 1;
    return duration(times.length % 2 ? times[mid] : Math.floor((times[mid - 1] + times[mid]) / 2));
  });
  return {
    learners: n,
    attempts: attempts.length,
    passRate: `${pct(passers.size, takers.size)}%`,
    completion: completion.map(String),
    histogram: histogram.filter((c) => c > 0).map(String),
    questionLabels: questions.map((q) => q.prompt),
    questionValues: questions.map((q) => q.text),
    languages: [`Português: ${pt} (${pct(pt, attempts.length)}%)`, `Inglês: ${attempts.length - pt} (${pct(attempts.length - pt, attempts.length)}%)`],
    time: duration(seconds.reduce((a, b) => a + b, 0)),
    lessonTimes,
  };
}

/** Scrolls `css` into the middle of its scroller first: the Results view is long, and WebKit refuses clicks on what is out of view. */
async function press(app, css) {
  await app.waitFind(css);
  await app.exec("document.querySelector(arguments[0]).scrollIntoView({ block: 'center' }); return 1", css);
  await app.click(css);
}

const texts = (app, css) => app.exec("return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent.normalize('NFC'))", css);

test("results files from two devices: imported, shown as the numbers say, re-import changes nothing, printable report", async () => {
  const dir = await scratch("results");
  const app = await startApp({ library: join(dir, "library"), home: join(dir, "home"), dialogs: join(dir, "dialogs.json") });
  try {
    await app.waitFind(".card");
    // The sample course's ids, as the player has them in its course data.
    const course = await app.exec(
      "const [c] = await window.__TAURI_INTERNALS__.invoke('list_courses'); return window.__TAURI_INTERNALS__.invoke('get_course', { id: c.id });",
    );
    const lessons = course.modules.flatMap((m) => m.lessons);
    const quizLesson = lessons.find((l) => l.quiz);
    assert.ok(quizLesson, "the sample course has a quiz");
    const quiz = quizLesson.quiz;
    const qids = quiz.questions.map((q) => q.id);
    const meta = { id: course.id, revision: course.revision, slug: course.slug, title: { pt: course.title.pt, en: course.title.en } };

    // Device A: three learners (a facilitator's "collect" file); device B: Ana again.
    const deviceA = hex();
    const deviceB = hex();
    const ana = { id: hex(), name: "Ana", group: "CSO X", created_at: iso(300) };
    const beto = { id: hex(), name: HOSTILE, group: "CSO X", created_at: iso(290) };
    const anon = { id: hex(), name: null, group: null, created_at: iso(280) };
    const ana2 = { id: hex(), name: "Ana", group: "CSO Y", created_at: iso(200) };
    const visit = (learner, lesson, done, seconds, minutesAgo) => ({ learner: learner.id, lesson: lesson.id, opened_at: iso(minutesAgo + 10), completed_at: done ? iso(minutesAgo) : null, seconds });
    const bodyA = {
      course: meta,
      device: { id: deviceA },
      saved_at: iso(30),
      scope: "device",
      learners: [ana, beto, anon],
      lessons: [
        ...lessons.map((l, i) => visit(ana, l, true, 300 + i * 60, 250 - i)),
        visit(beto, lessons[0], true, 120, 240),
        visit(beto, lessons[1], false, 45, 235),
        visit(beto, quizLesson, true, 200, 230),
        visit(anon, lessons[0], true, 600, 220),
      ],
      attempts: [
        attempt(ana.id, quizLesson.id, quiz, new Set(qids), "pt", 100),
        attempt(beto.id, quizLesson.id, quiz, new Set(qids.slice(0, 1)), "pt", 95),
        attempt(beto.id, quizLesson.id, quiz, new Set(qids.slice(0, Math.ceil(qids.length * 0.6))), "en", 90),
      ],
    };
    const bodyB = {
      course: meta,
      device: { id: deviceB },
      saved_at: iso(20),
      scope: "learner",
      learners: [ana2],
      lessons: [visit(ana2, lessons[0], true, 240, 60), visit(ana2, quizLesson, true, 180, 50)],
      attempts: [attempt(ana2.id, quizLesson.id, quiz, new Set(qids.slice(1)), "en", 45)],
    };
    const fileA = join(dir, "apresentacoes-eficazes-dispositivo-2026-12-02.juntos-results");
    const fileB = join(dir, "apresentacoes-eficazes-ana-2026-12-02.juntos-results");
    writeFileSync(fileA, resultsFile(bodyA));
    writeFileSync(fileB, resultsFile(bodyB));
    const want = expected(course, [bodyA, bodyB]);

    // Open the course's Results and import both files through the dialog.
    await app.click(".card-open, .card-title-button");
    await app.click("#open-results");
    await app.waitFind("#results-empty");
    // Dropping files is offered once the window's drop listener is in place (the capability allows it).
    await waitFor("the drop hint", () => app.exec("return document.querySelector('#results-drop').hidden === false"));
    await app.answerDialogs({ results: [fileA, fileB] });
    await press(app, "#results-import");
    await app.waitText("#results-import-report", "2 ficheiros importados");
    assert.equal(
      await app.text('#results-import-report [data-line="imported"]'),
      `2 ficheiros importados: 4 participantes novos, ${want.attempts} tentativas novas.`,
    );
    await app.waitFind(".results-dashboard");

    async function checkFigures() {
      assert.deepEqual(await texts(app, ".stat-tile .stat-value"), [String(want.learners), String(want.attempts), want.passRate, want.time]);
      assert.deepEqual(
        await app.exec("return [...document.querySelectorAll('[data-chart=\"completion\"] g.chart-row')].map((g) => g.getAttribute('data-share'))"),
        want.completion,
      );
      assert.deepEqual(await texts(app, '[data-chart="scores"] .chart-column .chart-value'), want.histogram);
      assert.deepEqual(await texts(app, '[data-chart="questions"] tbody th'), want.questionLabels);
      assert.deepEqual(await texts(app, '[data-chart="questions"] tbody td'), want.questionValues);
      assert.deepEqual(await texts(app, '[data-chart="languages"] .chart-legend li'), want.languages);
      assert.deepEqual(await texts(app, '[data-chart="time"] tbody td'), want.lessonTimes);
      // Groups: CSO X (Ana, Beto), CSO Y (Ana on the other device), none (the anonymous learner).
      assert.deepEqual(await texts(app, '[data-chart="groups"] tbody th'), ["CSO X", "CSO Y", "Sem grupo"]);
      assert.deepEqual(await texts(app, '[data-chart="groups"] tbody td'), ["50% (2)", "25% (1)", "25% (1)"]);
    }
    await checkFigures();
    await app.screenshot("results");

    // Learners: four, the markup in a name shown as text, the two Anas pointed out.
    assert.equal((await app.findAll("#learners tbody tr")).length, 4);
    assert.ok((await texts(app, "#learners .learner-name")).some((t) => t.startsWith(HOSTILE)));
    assert.equal(await app.exec("return document.querySelectorAll('#learners img').length"), 0);
    assert.equal(await app.exec("return window.__xss ?? null"), null);
    assert.equal((await app.findAll('#learners [data-twin="true"]')).length, 2);

    // The same files again: nothing changes.
    await press(app, "#results-import");
    await app.waitText("#results-import-report", "já tinham sido importados");
    assert.equal((await app.findAll('#results-import-report [data-line="imported"]')).length, 0);
    await checkFigures();
    assert.equal((await app.findAll("#learners tbody tr")).length, 4);

    // CSV through the save dialog (written by the core): UTF-8 with a BOM, the learners' names as they are.
    const csv = join(dir, "resultados.csv");
    await app.answerDialogs({ results: [fileA, fileB], save: csv });
    await press(app, "#results-export");
    await app.waitText("#results-exported", "resultados.csv");
    const bytes = readFileSync(csv);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "the CSV starts with a BOM");
    const rows = bytes.toString("utf8").slice(1).trim().split(/\r?\n/);
    assert.ok(rows.length > 4, `rows: ${rows.length}`);
    assert.ok(rows.some((r) => r.includes("Beto")), "the learner's name is in the CSV");

    // The printable report, in one click.
    await app.exec("window.__printed = 0; window.print = () => { window.__printed++; }; return 1");
    await press(app, "#results-print");
    await app.waitFind("#results-report .report-sheet");
    await waitFor("the print call", () => app.exec("return window.__printed === 1"));
    assert.equal(await app.text("#results-report h1"), course.title.pt);
    assert.equal(await app.text('#results-report [data-fact="group"]'), "Todos os grupos");
    assert.ok((await app.findAll("#results-report figure.chart svg")).length >= 6, "the report carries the charts");
    assert.deepEqual(await texts(app, '#results-report [data-chart="time"] tbody td'), want.lessonTimes, "time per lesson too");
    await app.screenshot("results-report");
    await app.exec("document.querySelector('#results-report [data-chart=\"time\"]').scrollIntoView({ block: 'center' }); return 1");
    await app.screenshot("results-report-time");
    await app.click("#report-close");
    await waitFor("the report closed", () => app.exec("return !document.querySelector('#results-report')"));

    // A group filter: only Ana's second device is in CSO Y.
    const learnersShown = () => app.exec("return document.querySelector('[data-stat=\"learners\"] .stat-value')?.textContent ?? ''");
    await app.exec("const g = document.querySelector('#results-group'); g.value = 'CSO Y'; g.dispatchEvent(new Event('change')); return 1");
    await waitFor("the CSO Y figures", async () => (await learnersShown()) === "1");
    await press(app, "#results-clear");
    await waitFor("every group again", async () => (await learnersShown()) === "4");

    // Merge the two Anas (confirmed in words), then delete the anonymous learner's data.
    await press(app, `tr[data-learner="${ana2.id}"] [data-action="merge"]`);
    await app.waitText("#merge-explain", "passam a contar como de Ana");
    assert.equal(await app.exec("return document.querySelector('#merge-target').value"), ana.id, "the same name on the other device is proposed");
    await app.click('[data-testid="merge-learner"] [data-action="confirm"]');
    await waitFor("three learners after the merge", async () => (await learnersShown()) === "3");
    assert.equal((await app.findAll("#learners tbody tr")).length, 3);
    assert.equal((await app.findAll('#learners [data-twin="true"]')).length, 0);
    await press(app, `tr[data-learner="${anon.id}"] [data-action="delete"]`);
    await app.waitText('[data-testid="confirm"]', "Não se desfaz");
    await app.click('[data-testid="confirm"] [data-action="confirm"]');
    await waitFor("two learners after the deletion", async () => (await learnersShown()) === "2");
    // Importing the files again does not bring the deleted learner back.
    await press(app, "#results-import");
    await app.waitText("#results-import-report", "já tinham sido importados");
    assert.equal(await learnersShown(), "2");
  } catch (error) {
    error.message += `\npage text: ${JSON.stringify(await app.bodyText())}`;
    throw error;
  } finally {
    await app.stop();
  }
});
