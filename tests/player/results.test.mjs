// Learners and results files (issue 17), in the real player from file://:
// in Chromium (playwright-core, downloads into a folder of the session)
// three learners on one device answer the quiz right and wrong and switch
// between them, one more on another device (a fresh profile) skips the
// prompt; in Firefox ESR (puppeteer-core over WebDriver BiDi, its download
// folder set by preferences) one learner saves. Every file comes through the
// browser's download, and is checked against the contract
// (docs/results-format.md): the outer keys in order, the checksum (node
// crypto over the body's exact text), the ids of the course data, and
// scores computed here. The files are kept in target/results-player/; once
// the CLI has `juntos results import`, they are imported with it and
// `juntos results show --json` is held to numbers computed here
// (results-cli.mjs).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS, FIREFOX, SCREENSHOTS, freshProfile, isNetwork, pageUrl, sleep } from './support.mjs';
import { cliHasResults, importAndCheck } from './results-cli.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where the files the browsers saved are kept (for a look, and for the CLI import). */
export const OUT = path.join(ROOT, 'target', 'results-player');

const closers = [];
/** What the Chromium test saved, for the CLI test. */
let saved = null;
after(async () => {
  for (const close of closers) await close().catch(() => {});
});

/** Reads a saved file and checks it against the contract; returns its body. */
export function checkFile(file, course) {
  const text = fs.readFileSync(file, 'utf8');
  const m = /^\{"format":"juntos-results","version":1,"checksum":"([0-9a-f]{64})","body":/.exec(text);
  assert.ok(m, `outer object and key order: ${text.slice(0, 120)}`);
  assert.ok(text.endsWith('}'));
  const bodyText = text.slice(m[0].length, -1);
  assert.equal(crypto.createHash('sha256').update(bodyText, 'utf8').digest('hex'), m[1], 'checksum of the body text');
  const parsed = JSON.parse(text);
  assert.deepEqual(Object.keys(parsed), ['format', 'version', 'checksum', 'body']);
  const body = parsed.body;
  assert.equal(JSON.stringify(body), bodyText, 'the body is JSON.stringify output');
  assert.deepEqual(Object.keys(body), ['course', 'device', 'saved_at', 'scope', 'learners', 'lessons', 'attempts']);
  assert.deepEqual(body.course, { id: course.id, revision: course.revision, slug: course.slug, title: { pt: course.title.pt, en: course.title.en } });
  assert.match(body.device.id, /^[0-9a-f]{32}$/);
  assert.ok(['learner', 'device'].includes(body.scope));
  assert.equal(new Date(body.saved_at).toISOString(), body.saved_at);
  const iso = (s) => assert.equal(new Date(s).toISOString(), s, `ISO time ${s}`);
  const lessonIds = new Set(course.modules.flatMap((mod) => mod.lessons.map((l) => l.id)));
  const learnerIds = new Set();
  for (const l of body.learners) {
    assert.deepEqual(Object.keys(l), ['id', 'name', 'group', 'created_at']);
    assert.match(l.id, /^[0-9a-f]{32}$/);
    iso(l.created_at);
    learnerIds.add(l.id);
  }
  for (const r of body.lessons) {
    assert.deepEqual(Object.keys(r), ['learner', 'lesson', 'opened_at', 'completed_at', 'seconds']);
    assert.ok(learnerIds.has(r.learner) && lessonIds.has(r.lesson), JSON.stringify(r));
    iso(r.opened_at);
    if (r.completed_at !== null) iso(r.completed_at);
    assert.ok(Number.isInteger(r.seconds) && r.seconds >= 0);
  }
  for (const a of body.attempts) {
    assert.deepEqual(Object.keys(a), ['id', 'learner', 'lesson', 'started_at', 'finished_at', 'lang', 'score', 'max_score', 'passed', 'answers']);
    assert.match(a.id, /^[0-9a-f]{32}$/);
    assert.ok(learnerIds.has(a.learner));
    iso(a.started_at);
    iso(a.finished_at);
    assert.ok(a.started_at <= a.finished_at);
    const quiz = course.modules.flatMap((mod) => mod.lessons).find((l) => l.id === a.lesson).quiz;
    assert.ok(quiz, 'an attempt is on a quiz lesson');
    assert.deepEqual(a.answers.map((x) => x.question), quiz.questions.map((q) => q.id));
    let right = 0;
    for (const x of a.answers) {
      const q = quiz.questions.find((qq) => qq.id === x.question);
      const want = q.options.filter((o) => o.correct).map((o) => o.id).sort();
      for (const c of x.chosen) assert.ok(q.options.some((o) => o.id === c), `option ${c} of ${q.id}`);
      const ok = JSON.stringify([...new Set(x.chosen)].sort()) === JSON.stringify(want);
      assert.equal(x.correct, ok, `${q.id}: ${x.chosen}`);
      if (ok) right++;
    }
    assert.equal(a.score, right);
    assert.equal(a.max_score, quiz.questions.length);
    assert.equal(a.passed, Math.floor((right * 100) / quiz.questions.length) >= quiz.pass_mark);
  }
  return body;
}

/** The answers (option ids per question) that are all right, or all wrong. */
function answersFor(quiz, right) {
  const out = {};
  for (const q of quiz.questions) {
    const good = q.options.filter((o) => o.correct).map((o) => o.id);
    out[q.id] = right ? good : [q.options.find((o) => !o.correct).id];
  }
  return out;
}

/** Answers the quiz on the page (the lesson is shown) and checks it; `retry` first when it was checked. */
async function answerQuiz(page, quiz, right) {
  const retry = page.locator('.quiz-retry');
  if (await retry.isVisible()) await retry.click();
  const answers = answersFor(quiz, right);
  for (const q of quiz.questions) {
    for (const id of answers[q.id]) {
      await page.locator(`fieldset[data-question="${q.id}"] input[value="${id}"]`).check();
    }
  }
  await page.locator('.quiz-check').click();
  await page.waitForSelector('.quiz-result.passed, .quiz-result.failed');
  return answers;
}

/** Fills the learner dialog with a new learner. */
async function newLearner(page, name, group) {
  await page.waitForSelector('[role="dialog"]');
  await page.fill('#learner-name', name);
  await page.fill('#learner-group', group);
  await page.click('.learner-start');
  await page.waitForSelector('[role="dialog"]', { state: 'detached' });
}

async function downloadVia(page, selector, dir) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const name = download.suggestedFilename();
  const file = path.join(dir, name);
  await download.saveAs(file);
  return { name, file };
}

test('Chromium: three learners on one device and one on another save their results through the download', async () => {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const downloads = freshProfile('juntos-downloads-');
  const context = await chromium.launchPersistentContext(freshProfile('juntos-results-a-'), {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, locale: 'pt-MZ', viewport: { width: 1280, height: 800 },
    acceptDownloads: true, downloadsPath: downloads,
  });
  closers.push(() => context.close());
  const page = context.pages()[0] || (await context.newPage());
  const network = [];
  const errors = [];
  page.on('request', (r) => isNetwork(r.url()) && network.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));

  await page.goto(pageUrl());
  await page.waitForSelector('#app.ready');
  const course = await page.evaluate(() => window.JUNTOS_COURSE);
  const quizLesson = course.modules.flatMap((m) => m.lessons).find((l) => l.quiz && l.quiz.questions.length);
  const quiz = quizLesson.quiz;
  const firstLesson = course.modules[0].lessons[0];

  // First start: the prompt, in the course's language, with focus in its first field.
  await page.waitForSelector('[role="dialog"][aria-modal="true"]');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'learner-name');
  assert.equal(await page.locator('#learner-title').innerText(), 'Quem está a aprender?');
  assert.equal(await page.evaluate(() => document.getElementById('app').hasAttribute('inert')), true);
  // Tab stays in the dialog: back from the first field to its last button, and round again.
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'btn learner-out');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'learner-name');
  // An empty name is said, not taken.
  await page.click('.learner-start');
  assert.match(await page.locator('#learner-error').innerText(), /Escreva um nome/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'learner-name');
  await newLearner(page, 'Ana', 'CSO X');
  assert.equal(await page.evaluate(() => document.getElementById('app').hasAttribute('inert')), false);
  assert.match(await page.locator('.learner-now').innerText(), /Ana · CSO X/);

  // Ana: the first lesson for a while, then the quiz wrong, then right.
  await page.goto(pageUrl('sample', `#/lesson/${firstLesson.id}`));
  await page.waitForSelector('main h1');
  await sleep(2200);
  await page.goto(pageUrl('sample', `#/lesson/${quizLesson.id}`));
  await page.waitForSelector('.quiz-check');
  const expected = [];
  expected.push({ who: 'Ana', answers: await answerQuiz(page, quiz, false), lang: 'pt' });
  // The second attempt in English: the language used is kept.
  await page.click('button[data-lang="en"]');
  expected.push({ who: 'Ana', answers: await answerQuiz(page, quiz, true), lang: 'en' });
  await page.click('button[data-lang="pt"]');

  // Someone else: Bruno, wrong once. Focus goes back to the button after the dialog.
  await page.click('.learner-switch');
  await page.waitForSelector('[role="dialog"]');
  assert.deepEqual(await page.locator('.learner-choice').allInnerTexts(), ['Ana · CSO X', 'Sem nome']);
  await page.keyboard.press('Escape');
  await page.waitForSelector('[role="dialog"]', { state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.className), 'btn learner-switch', 'focus returned');
  assert.match(await page.locator('.learner-now').innerText(), /Ana/, 'Escape changes nobody');
  await page.click('.learner-switch');
  if (SCREENSHOTS) {
    await page.setViewportSize({ width: 900, height: 700 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'player-learners.png') });
    await page.setViewportSize({ width: 1280, height: 800 });
  }
  await newLearner(page, 'Bruno', 'CSO X');
  assert.match(await page.locator('.learner-now').innerText(), /Bruno/);
  assert.equal(await page.locator('.quiz-check').isVisible(), true, 'his own quiz, not Ana\'s checked one');
  assert.match(await page.locator('.quiz-best').innerText(), /passe o questionário/, 'no best score of his yet');
  expected.push({ who: 'Bruno', answers: await answerQuiz(page, quiz, false), lang: 'pt' });

  // Célia (accents in the file name are folded), right at once.
  await page.click('.learner-switch');
  await newLearner(page, 'Célia', 'CSO Y');
  expected.push({ who: 'Célia', answers: await answerQuiz(page, quiz, true), lang: 'pt' });

  // Back to Ana from the list: her progress (the quiz passed) is hers.
  await page.click('.learner-switch');
  await page.click('.learner-choice:has-text("Ana")');
  await page.waitForSelector('[role="dialog"]', { state: 'detached' });
  assert.match(await page.locator('.quiz-best').innerText(), /100%/);

  const mine = await downloadVia(page, '.save-mine', OUT);
  assert.match(mine.name, new RegExp(`^${course.slug}-ana-\\d{4}-\\d{2}-\\d{2}\\.juntos-results$`));
  assert.match(await page.locator('.save-status').innerText(), /Guardado/);
  assert.equal(await page.locator('.collect-all').count(), 0, 'collecting is for facilitators');
  await page.click('.facilitator-toggle');
  const all = await downloadVia(page, '.collect-all', OUT);
  assert.match(all.name, new RegExp(`^${course.slug}-dispositivo-\\d{4}-\\d{2}-\\d{2}\\.juntos-results$`));

  // Device B: a fresh profile; the learner skips the prompt (anonymous), wrong then right.
  const contextB = await chromium.launchPersistentContext(freshProfile('juntos-results-b-'), {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, locale: 'pt-MZ', viewport: { width: 1280, height: 800 },
    acceptDownloads: true, downloadsPath: downloads,
  });
  closers.push(() => contextB.close());
  const pageB = contextB.pages()[0] || (await contextB.newPage());
  pageB.on('pageerror', (e) => errors.push(String(e)));
  await pageB.goto(pageUrl('sample', `#/lesson/${quizLesson.id}`));
  await pageB.waitForSelector('[role="dialog"]');
  await pageB.click('.learner-out');
  await pageB.waitForSelector('[role="dialog"]', { state: 'detached' });
  assert.match(await pageB.locator('.learner-now').innerText(), /Sem nome/);
  expected.push({ who: null, answers: await answerQuiz(pageB, quiz, false), lang: 'pt' });
  expected.push({ who: null, answers: await answerQuiz(pageB, quiz, true), lang: 'pt' });
  // (Its anonymous learner's file has the device file's name: another folder.)
  fs.mkdirSync(path.join(OUT, 'device-b'), { recursive: true });
  const other = await downloadVia(pageB, '.save-mine', path.join(OUT, 'device-b'));
  assert.match(other.name, /-dispositivo-/);
  // Reopened, the prompt is not asked again on that device.
  await pageB.reload();
  await pageB.waitForSelector('#app.ready main h1');
  assert.equal(await pageB.locator('[role="dialog"]').count(), 0);

  // The files.
  const a = checkFile(mine.file, course);
  assert.equal(a.scope, 'learner');
  assert.deepEqual(a.learners.map((l) => [l.name, l.group]), [['Ana', 'CSO X']]);
  const d = checkFile(all.file, course);
  assert.equal(d.scope, 'device');
  assert.deepEqual(d.learners.map((l) => l.name).sort(), ['Ana', 'Bruno', 'Célia']);
  assert.equal(d.device.id, a.device.id, 'one device');
  const b = checkFile(other.file, course);
  assert.notEqual(b.device.id, a.device.id, 'another device');
  assert.deepEqual(b.learners.map((l) => [l.name, l.group]), [[null, null]]);

  // Every attempt, in order per learner, with the answers given here.
  const byName = new Map([...d.learners, ...b.learners].map((l) => [l.id, l.name]));
  const got = [...d.attempts, ...b.attempts].map((x) => ({
    who: byName.get(x.learner),
    answers: Object.fromEntries(x.answers.map((y) => [y.question, y.chosen])),
    lang: x.lang,
  }));
  const order = (list) => [...list].sort((x, y) => String(x.who).localeCompare(String(y.who)));
  assert.deepEqual(order(got), order(expected));
  // The same attempts in Ana's own file and in the device's: same ids, same content.
  const anaId = a.learners[0].id;
  assert.deepEqual(a.attempts, d.attempts.filter((x) => x.learner === anaId));
  // Ana's lessons: the first one opened, completed (no quiz) and seen for ~2 s; the quiz completed when passed.
  const first = a.lessons.find((l) => l.lesson === firstLesson.id);
  assert.ok(first && first.completed_at && first.seconds >= 2 && first.seconds < 60, JSON.stringify(first));
  const quizRow = a.lessons.find((l) => l.lesson === quizLesson.id);
  assert.ok(quizRow.completed_at >= a.attempts[0].finished_at, 'completed by the second (passed) attempt');
  const bruno = d.lessons.find((l) => byName.get(l.learner) === 'Bruno' && l.lesson === quizLesson.id);
  assert.equal(bruno.completed_at, null, 'Bruno did not pass');

  assert.deepEqual(network, []);
  assert.deepEqual(errors, []);
  saved = { files: [mine.file, all.file, other.file], bodies: [a, d, b], course };
});

test('the saved files, imported with the real CLI, give the dashboard the numbers computed here; again, nothing changes', async (t) => {
  assert.ok(saved, 'the Chromium test saved its files');
  if (!cliHasResults()) {
    // Helper results-core's CLI is not in this build yet: said, not hidden.
    t.todo('`juntos results import` is not in this build of the CLI yet');
    return;
  }
  importAndCheck(saved.files, saved.bodies, saved.course);
});

test('Firefox ESR: a learner saves their results through the download', async () => {
  const downloads = freshProfile('juntos-downloads-firefox-');
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: freshProfile('juntos-results-firefox-'),
    extraPrefsFirefox: {
      // The session's download folder, and no question asked.
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.helperApps.neverAsk.saveToDisk': 'application/octet-stream',
      'browser.download.start_downloads_in_tmp_dir': false,
    },
  });
  closers.push(() => browser.close());
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pageUrl());
  await page.waitForSelector('[role="dialog"]');
  const course = await page.evaluate(() => window.JUNTOS_COURSE);
  const quizLesson = course.modules.flatMap((m) => m.lessons).find((l) => l.quiz && l.quiz.questions.length);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'learner-name');
  await page.type('#learner-name', 'Dúlio');
  await page.type('#learner-group', 'Sessão 2');
  await page.click('.learner-start');
  await page.waitForFunction(() => !document.querySelector('[role="dialog"]'));
  await page.goto(pageUrl('sample', `#/lesson/${quizLesson.id}`));
  await page.waitForSelector('.quiz-check');
  const answers = answersFor(quizLesson.quiz, true);
  for (const q of quizLesson.quiz.questions) {
    for (const id of answers[q.id]) await page.click(`fieldset[data-question="${q.id}"] input[value="${id}"]`);
  }
  await page.click('.quiz-check');
  await page.waitForSelector('.quiz-result.passed');
  await page.click('.save-mine');
  let file = null;
  for (let i = 0; i < 100 && !file; i++) {
    await sleep(100);
    const done = fs.readdirSync(downloads).filter((n) => n.endsWith('.juntos-results'));
    if (done.length) file = path.join(downloads, done[0]);
  }
  assert.ok(file, `a .juntos-results file in the download folder: ${fs.readdirSync(downloads)}`);
  assert.match(path.basename(file), new RegExp(`^${course.slug}-dulio-\\d{4}-\\d{2}-\\d{2}\\.juntos-results$`));
  await sleep(300);
  const body = checkFile(file, course);
  assert.deepEqual(body.learners.map((l) => [l.name, l.group]), [['Dúlio', 'Sessão 2']]);
  assert.equal(body.attempts.length, 1);
  assert.equal(body.attempts[0].passed, true);
  fs.mkdirSync(OUT, { recursive: true });
  fs.copyFileSync(file, path.join(OUT, `firefox-${path.basename(file)}`));
  assert.deepEqual(errors, []);
});

test('Chromium without Blob URLs (old browsers): the file still comes as a download, through a data: URL', async () => {
  const downloads = freshProfile('juntos-downloads-old-');
  const context = await chromium.launchPersistentContext(freshProfile('juntos-results-old-'), {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, locale: 'pt-MZ', viewport: { width: 1280, height: 800 },
    acceptDownloads: true, downloadsPath: downloads,
  });
  closers.push(() => context.close());
  await context.addInitScript(() => {
    URL.createObjectURL = undefined;
  });
  const page = context.pages()[0] || (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pageUrl());
  const course = await page.evaluate(() => window.JUNTOS_COURSE);
  const quizLesson = course.modules.flatMap((m) => m.lessons).find((l) => l.quiz && l.quiz.questions.length);
  await newLearner(page, 'Eva Ñ', '');
  await page.goto(pageUrl('sample', `#/lesson/${quizLesson.id}`));
  await page.waitForSelector('.quiz-check');
  await answerQuiz(page, quizLesson.quiz, false);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.save-mine')]);
  assert.match(download.url(), /^data:application\/octet-stream;charset=utf-8,/);
  assert.match(download.suggestedFilename(), new RegExp(`^${course.slug}-eva-n-\\d{4}-\\d{2}-\\d{2}\\.juntos-results$`));
  const file = path.join(downloads, download.suggestedFilename());
  await download.saveAs(file);
  const body = checkFile(file, course);
  assert.deepEqual(body.learners.map((l) => [l.name, l.group]), [['Eva Ñ', null]]);
  assert.equal(body.attempts.length, 1);
  assert.equal(body.attempts[0].passed, false);
  assert.deepEqual(errors, []);
});
