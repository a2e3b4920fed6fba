// The SCORM 1.2 package under a real SCORM 1.2 runtime: scorm-again's
// Scorm12API in an LMS-like host page on 127.0.0.1, the package's
// index.html in a frame, Debian's Chromium driven by playwright-core.
// The package has one item per module; each is launched as an LMS does
// (the resource's href with the item's parameters, ?module=<id>), with its
// own API instance and its own CMI data, as an LMS keeps one record per
// SCO. What the LMS recorded is what is asserted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  SAMPLE_ROOT, courseScope, decode, encode, launch, lessonsOf, manifestItems, moduleScope, openPage, sleep, startServer, structure,
} from './support.mjs';

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close().catch(() => {});
  await server?.close();
});

function readCourse(pkg) {
  const js = fs.readFileSync(path.join(SAMPLE_ROOT, pkg, 'player', 'course-data.js'), 'utf8');
  return JSON.parse(js.slice(js.indexOf('= ') + 2).trim().replace(/;$/, ''));
}

// The sample course: module 1 "Porquê votar" (two lessons, no quiz) and
// module 2 "No dia da eleição" (a quiz lesson, then a lesson in Portuguese only).
const COURSE = readCourse('scorm');
const [M1, M2] = COURSE.modules;
const ITEMS = manifestItems('scorm');
const itemOf = (module) => ITEMS.find((i) => i.parameters === `?module=${encodeURIComponent(module.id)}`);

async function scoFrame(page, pkg = 'scorm') {
  for (let i = 0; i < 200; i++) {
    const frame = page.frames().find((f) => f.url().includes(`/pkg/${pkg}/index.html`));
    if (frame) {
      await frame.waitForSelector('#app.ready');
      return frame;
    }
    await sleep(50);
  }
  throw new Error(`the ${pkg} SCO never loaded`);
}

// A new API instance with what the LMS kept for this SCO, then the launch.
async function launchSco(page, cmi, parameters = '', pkg = 'scorm') {
  await page.goto(`${server.origin}/lms/host.html`);
  await page.evaluate(([c, p, q]) => window.LMS.start(c, p, false, q), [cmi, pkg, parameters]);
  return scoFrame(page, pkg);
}

const recorded = (page) => page.evaluate(() => window.LMS.recorded());
const resumeCmi = (kept) => ({
  core: { entry: 'resume', lesson_status: kept.lesson_status, score: { raw: kept.raw, min: kept.raw === '' ? '' : '0', max: kept.raw === '' ? '' : '100' } },
  suspend_data: kept.suspend_data,
});

async function expectH1(frame, text) {
  await frame.waitForFunction((t) => { const h = document.querySelector('main h1'); return h && h.textContent === t; }, text, { timeout: 5000 }).catch(() => {});
  assert.equal(await frame.locator('main h1').first().innerText(), text);
}

async function leave(page) {
  await page.evaluate(() => window.LMS.leave());
  await page.waitForFunction(() => window.LMS.calls.some((c) => c.name === 'LMSFinish'));
  return recorded(page);
}

function onlyOurServer(seen) {
  const outside = seen.requests.filter((u) => !u.startsWith(server.origin + '/') && u !== 'about:blank');
  assert.deepEqual(outside, [], 'nothing but the test server is asked for anything');
}

async function answer(frame, labels) {
  const quiz = frame.locator('.quiz');
  for (const label of labels) await quiz.getByLabel(label, { exact: true }).check();
  await quiz.locator('.quiz-check').click();
}

const scoreSets = (rec) => Object.keys(rec.last).filter((k) => k.startsWith('cmi.core.score.'));

test('the manifest has one item per module, launching the player with ?module=<id>', () => {
  assert.equal(ITEMS.length, 2);
  assert.deepEqual(ITEMS.map((i) => i.title), [M1.title.pt, M2.title.pt]);
  assert.deepEqual(ITEMS.map((i) => i.href), ['index.html', 'index.html']);
  assert.ok(itemOf(M1) && itemOf(M2) && ITEMS[0] === itemOf(M1));
});

test('a passing learner, module by module: completed without a score, then passed 100; a relaunch resumes', async () => {
  const { page, seen } = await openPage(browser, { locale: 'pt-MZ' });

  // Module 1, no quiz: its own SCO, its lessons only.
  let sco = await launchSco(page, { core: { student_id: 'ana', student_name: 'Ana', entry: 'ab-initio' } }, itemOf(M1).parameters);
  let rec = await recorded(page);
  assert.equal(rec.calls[0], 'LMSInitialize');
  assert.equal(rec.last['cmi.core.lesson_status'], 'incomplete', 'attempted from the first launch');
  assert.equal(await sco.locator('.storage-note').count(), 0);
  await expectH1(sco, M1.title.pt);
  // In an LMS the learner and the results are the LMS's (issue 17): no learner dialog, bar or save buttons.
  assert.deepEqual(await sco.evaluate(() => document.querySelectorAll('[role="dialog"], .learner-bar, .save-mine').length), 0);
  assert.ok((await sco.locator('.hero').innerText()).includes('0 de 2 lições concluídas'));
  assert.equal(await sco.locator('.toc-link').count(), M1.lessons.length, 'the contents are the module\'s lessons');
  await sco.locator('.hero .btn.primary').click();
  await expectH1(sco, M1.lessons[0].title.pt);
  await sco.locator('.pager-next').click();
  await expectH1(sco, M1.lessons[1].title.pt);
  rec = await recorded(page);
  assert.equal(rec.cmi.lesson_status, 'completed', 'every lesson of the module seen, no quiz');
  assert.deepEqual(scoreSets(rec), [], 'a module without a quiz sends no score');
  assert.equal(rec.cmi.raw, '');
  await sco.locator('.pager-next').click();
  await expectH1(sco, 'Módulo concluído!');
  const next = await sco.locator('.done').innerText();
  assert.ok(next.includes(`Concluiu o módulo «${M1.title.pt}».`) && next.includes('Continue com o módulo seguinte no conteúdo do curso'), next);
  assert.equal(await sco.getByRole('button', { name: 'Apagar o progresso' }).count(), 0);
  rec = await leave(page);
  assert.equal(rec.calls.filter((c) => c === 'LMSFinish').length, 1);
  assert.equal(rec.last['cmi.core.exit'], '', 'a finished module is not suspended');
  assert.match(rec.last['cmi.core.session_time'], /^\d{4}:\d{2}:\d{2}\.\d{2}$/);
  assert.deepEqual(decode(moduleScope(COURSE, M1.id), rec.cmi.suspend_data), { lang: 'pt', last: 1, states: [2, 2], scores: [] });
  assert.equal(decode(courseScope(COURSE), rec.cmi.suspend_data), null, 'the module\'s own structure, not the course\'s');
  assert.deepEqual(rec.errors, [], 'the runtime accepted every call');

  // Module 2, with the quiz: a fresh SCO record.
  sco = await launchSco(page, { core: { student_id: 'ana', student_name: 'Ana', entry: 'ab-initio' } }, itemOf(M2).parameters);
  await expectH1(sco, M2.title.pt);
  await sco.locator('.hero .btn.primary').click();
  await expectH1(sco, M2.lessons[0].title.pt);
  await answer(sco, ['O cartão de eleitor', 'Ir cedo', 'Saber onde votar', 'Verdadeiro']);
  assert.ok((await sco.locator('.quiz-result').innerText()).includes('100%'));
  rec = await recorded(page);
  assert.equal(rec.cmi.lesson_status, 'incomplete', 'the module\'s last lesson is still unseen');
  assert.deepEqual([rec.cmi.raw, rec.cmi.min, rec.cmi.max], ['100', '0', '100']);
  await sco.locator('.pager-next').click();
  await expectH1(sco, M2.lessons[1].title.pt);
  rec = await recorded(page);
  assert.equal(rec.cmi.lesson_status, 'passed');
  assert.ok(rec.calls.filter((c) => c === 'LMSCommit').length >= 3, 'commits as the learner goes');
  await sco.locator('.pager-next').click();
  await expectH1(sco, 'Módulo concluído!');
  assert.ok((await sco.locator('.next-module').innerText()).includes(`Era o último módulo do curso «${COURSE.title.pt}»`));
  assert.ok((await sco.locator('.results').innerText()).includes('100%'));
  // The learner switches to English, then leaves: saved, committed, finished.
  await sco.getByRole('button', { name: 'English' }).click();
  await expectH1(sco, 'Module finished!');
  rec = await leave(page);
  const kept = rec.cmi;
  assert.equal(rec.last['cmi.core.exit'], '');
  assert.deepEqual(decode(moduleScope(COURSE, M2.id), kept.suspend_data), { lang: 'en', last: 1, states: [2, 2], scores: [100] }, kept.suspend_data);
  assert.deepEqual(rec.errors, []);

  // Relaunch module 2 with what the LMS kept: progress and language come back.
  const sco2 = await launchSco(page, resumeCmi(kept), itemOf(M2).parameters);
  assert.equal(await sco2.evaluate(() => document.documentElement.lang), 'en');
  await expectH1(sco2, M2.title.en);
  assert.ok((await sco2.locator('.hero').innerText()).includes('2 of 2 lessons completed'));
  await sco2.locator('.hero .btn.primary').click();
  await expectH1(sco2, 'Module finished!');
  assert.ok((await sco2.locator('.results').innerText()).includes('100%'));
  rec = await recorded(page);
  assert.equal(rec.cmi.lesson_status, 'passed');
  assert.equal(rec.cmi.raw, '100');
  assert.deepEqual(rec.errors, []);
  onlyOurServer(seen);
  assert.deepEqual(seen.errors, [], 'no console errors');
  await page.context().close();
});

test('a failing learner: the quiz module stays incomplete with 0 (not failed: Moodle would lock it in review), the other incomplete; a relaunch resumes at the quiz', async () => {
  const { page, seen } = await openPage(browser, { locale: 'en-GB' });

  // Module 1: an English-language browser, a Portuguese course: it opens in
  // Portuguese; the learner switches to English.
  let sco = await launchSco(page, { core: { student_id: 'joao', student_name: 'João', entry: 'ab-initio' } }, itemOf(M1).parameters);
  await expectH1(sco, M1.title.pt);
  assert.equal(await sco.evaluate(() => document.documentElement.lang), 'pt');
  await sco.locator('button[data-lang="en"]').click();
  await expectH1(sco, M1.title.en);
  // One lesson seen, then away: incomplete, no score, suspended.
  await sco.locator('.hero .btn.primary').click();
  await expectH1(sco, M1.lessons[0].title.en);
  let rec = await leave(page);
  assert.equal(rec.cmi.lesson_status, 'incomplete');
  assert.equal(rec.cmi.raw, '');
  assert.deepEqual(scoreSets(rec), []);
  assert.equal(rec.last['cmi.core.exit'], 'suspend');
  assert.deepEqual(decode(moduleScope(COURSE, M1.id), rec.cmi.suspend_data), { lang: 'en', last: 0, states: [2, 0], scores: [] });

  // Module 2, first launch: the choice made in module 1 holds for the course.
  sco = await launchSco(page, { core: { student_id: 'joao', student_name: 'João', entry: 'ab-initio' } }, itemOf(M2).parameters);
  await expectH1(sco, M2.title.en);
  // The quiz failed.
  await sco.locator('.hero .btn.primary').click();
  await expectH1(sco, M2.lessons[0].title.en);
  await answer(sco, ['A photograph', 'Carrying a party flag', 'False']);
  assert.ok((await sco.locator('.quiz-result').innerText()).includes('Score: 0%'));
  rec = await recorded(page);
  assert.equal(rec.cmi.lesson_status, 'incomplete', 'the module\'s quiz tried and not passed: incomplete, so the learner can retry');
  assert.notEqual(rec.last['cmi.core.lesson_status'], 'failed', 'failed is never sent');
  assert.deepEqual([rec.cmi.raw, rec.cmi.min, rec.cmi.max], ['0', '0', '100']);
  assert.equal(rec.last['cmi.core.exit'], 'suspend');
  rec = await leave(page);
  const kept = rec.cmi;
  assert.equal(rec.last['cmi.core.exit'], 'suspend', 'left unfinished: the LMS will resume');
  assert.deepEqual(decode(moduleScope(COURSE, M2.id), kept.suspend_data), { lang: 'en', last: 0, states: [1, 0], scores: [0] });

  // Relaunch: "Continue" goes back to the quiz; passing it, then the last lesson, is recorded.
  const sco2 = await launchSco(page, resumeCmi(kept), itemOf(M2).parameters);
  const hero = await sco2.locator('.hero').innerText();
  assert.ok(hero.includes('0 of 2 lessons completed') && hero.includes(`Continue: ${M2.lessons[0].title.en}`), hero);
  await sco2.locator('.hero .btn.primary').click();
  await expectH1(sco2, M2.lessons[0].title.en);
  assert.ok((await sco2.locator('.quiz-best').innerText()).includes('Your best score: 0%'));
  await answer(sco2, ['Your voter card', 'Going early', 'Knowing where to vote', 'True']);
  rec = await recorded(page);
  assert.equal(rec.cmi.raw, '100');
  assert.equal(rec.cmi.lesson_status, 'incomplete', 'passed only once the last lesson is seen');
  await sco2.locator('.pager-next').click();
  await expectH1(sco2, M2.lessons[1].title.pt);
  rec = await recorded(page);
  assert.equal(rec.cmi.lesson_status, 'passed');
  assert.equal(rec.last['cmi.core.exit'], '');
  rec = await leave(page);
  assert.deepEqual(decode(moduleScope(COURSE, M2.id), rec.cmi.suspend_data).states, [2, 2]);
  assert.deepEqual(rec.errors, []);
  onlyOurServer(seen);
  assert.deepEqual(seen.errors, []);
  await page.context().close();
});

test('an unknown ?module, or none, in an LMS: the whole course is the SCO', async () => {
  const { page, seen } = await openPage(browser, { locale: 'en-GB' });
  for (const parameters of ['?module=no-such-module', '']) {
    const sco = await launchSco(page, { core: { entry: 'ab-initio' } }, parameters);
    await expectH1(sco, COURSE.title.pt); // the source language, not the browser's
    assert.equal(await sco.locator('.toc-link').count(), lessonsOf(COURSE).length);
    await sco.locator('.hero .btn.primary').click();
    // The first lesson is shown (and its opened state saved) before leaving:
    // leaving at once raced the save and found state 0 (seen once in a full run).
    await expectH1(sco, lessonsOf(COURSE)[0].title.pt);
    const rec = await leave(page);
    assert.deepEqual(decode(courseScope(COURSE), rec.cmi.suspend_data).states, [2, 0, 0, 0], parameters);
    assert.equal(rec.cmi.lesson_status, 'incomplete');
    assert.deepEqual(rec.errors, []);
  }
  onlyOurServer(seen);
  assert.deepEqual(seen.errors, []);
  await page.context().close();
});

test('the API is found through window.opener when the SCO opens in a new window', async () => {
  const { context, page, seen } = await openPage(browser, { locale: 'pt-MZ' });
  await page.goto(`${server.origin}/lms/popup-host.html`);
  const [popup] = await Promise.all([
    context.waitForEvent('page'),
    page.evaluate((q) => window.LMS.start(null, 'scorm', true, q), itemOf(M2).parameters),
  ]);
  await popup.waitForSelector('#app.ready');
  await popup.locator('.hero .btn.primary').click();
  let rec = await recorded(page);
  assert.equal(rec.calls[0], 'LMSInitialize');
  assert.deepEqual(decode(moduleScope(COURSE, M2.id), rec.cmi.suspend_data), { lang: 'pt', last: 0, states: [1, 0], scores: [null] }, rec.cmi.suspend_data);
  await popup.close({ runBeforeUnload: true });
  await page.waitForFunction(() => window.LMS.calls.some((c) => c.name === 'LMSFinish'));
  rec = await recorded(page);
  assert.deepEqual(rec.errors, []);
  onlyOurServer(seen);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('without an LMS the SCO is the standalone player, the whole course even with ?module', async () => {
  const { page, seen } = await openPage(browser, { locale: 'en-GB' });
  // The second visit (with module 2's parameters) continues the course in
  // this browser's storage: its second lesson, which is module 1's.
  const lessons = lessonsOf(COURSE);
  // Standalone, the player asks who is learning on first start (issue 17): answered already on this "device".
  await page.context().addInitScript(() => window.localStorage.setItem('juntos.learners.asked', '1'));
  for (const [visit, parameters] of ['', itemOf(M2).parameters].entries()) {
    await page.goto(`${server.origin}/pkg/scorm/index.html${parameters}`);
    await page.waitForSelector('#app.ready');
    await expectH1(page, COURSE.title.pt);
    assert.equal(await page.locator('.toc-link').count(), lessons.length);
    await page.locator('.hero .btn.primary').click();
    await expectH1(page, lessons[visit].title.pt);
    const key = await page.evaluate(() => `juntos.progress.${window.JUNTOS_COURSE.id}.${window.JUNTOS_COURSE.revision}`);
    const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key));
    assert.deepEqual(Object.keys(stored.done).sort(), lessons.slice(0, visit + 1).map((l) => l.id).sort());
  }
  onlyOurServer(seen);
  assert.deepEqual(seen.errors, []);
  await page.context().close();
});

test('a 2,000-lesson module keeps cmi.suspend_data within 4,096 characters', async () => {
  const course = readCourse('big');
  const big = course.modules[0];
  const scope = moduleScope(course, big.id);
  const lessons = scope.lessons;
  assert.equal(lessons.length, 2000);
  const item = manifestItems('big')[0];
  assert.equal(item.parameters, `?module=${big.id}`);
  // What an LMS kept after a learner passed every quiz of the module: every
  // lesson done, the scores of the first 1,500 quizzes (the rest did not fit).
  const bests = lessons.map((_, i) => 50 + (i % 51));
  const kept = encode(scope, { states: lessons.map(() => 2), scores: bests.slice(0, 1500), last: 1999 });
  assert.ok(kept.length <= 4096, `${kept.length}`);
  const raw = String(Math.floor((bests.slice(0, 1500).reduce((a, b) => a + b, 0) + 500 * 50) / 2000));

  const { page, seen } = await openPage(browser, { locale: 'pt-MZ' });
  const sco = await launchSco(page, { core: { entry: 'resume', lesson_status: 'passed', score: { raw, min: '0', max: '100' } }, suspend_data: kept }, item.parameters, 'big');
  assert.ok((await sco.locator('.hero').innerText()).includes('2000 de 2000 lições concluídas'));
  await sco.evaluate((id) => { window.location.hash = '#/lesson/' + id; }, lessons[0].id);
  await expectH1(sco, lessons[0].title.pt);
  await page.waitForFunction(() => window.LMS.calls.some((c) => c.name === 'LMSSetValue' && c.args[0] === 'cmi.suspend_data'));
  const rec = await recorded(page);
  const saved = rec.last['cmi.suspend_data'];
  assert.ok(saved.length <= 4096 && saved.length >= 4090, `uses the room and no more: ${saved.length}`);
  assert.equal(rec.cmi.suspend_data, saved, 'the runtime took it');
  const data = decode(scope, saved);
  assert.ok(data.states.every((s) => s === 2), 'every lesson stays completed');
  assert.deepEqual(data.scores.slice(0, 1500), bests.slice(0, 1500));
  assert.ok(data.scores.slice(1500).every((s) => s === null || s === 50), 'scores that did not fit count as the pass mark');
  assert.equal(data.last, 0);
  assert.equal(rec.cmi.lesson_status, 'passed');
  assert.ok(Number(rec.cmi.raw) >= Number(raw), `${rec.cmi.raw} >= ${raw}`);
  assert.deepEqual(rec.errors, []);
  assert.notEqual(structure(scope), structure(courseScope(course)));
  onlyOurServer(seen);
  assert.deepEqual(seen.errors, []);
  await page.context().close();
});

test('with failed=failed in the item parameters, a failed quiz is reported failed', async () => {
  const { page, seen } = await openPage(browser, { locale: 'en-GB' });
  const sco = await launchSco(page, { core: { entry: 'ab-initio' } }, itemOf(M2).parameters + '&failed=failed');
  await sco.locator('button[data-lang="en"]').click();
  await expectH1(sco, M2.title.en);
  await sco.locator('.hero .btn.primary').click();
  await answer(sco, ['A photograph', 'Carrying a party flag', 'False']);
  const rec = await recorded(page);
  assert.equal(rec.cmi.lesson_status, 'failed');
  assert.equal(rec.cmi.raw, '0');
  assert.deepEqual(rec.errors, []);
  onlyOurServer(seen);
  await page.context().close();
});

test('review mode and no-credit: no status and no score are written; review writes nothing at all', async () => {
  const { page, seen } = await openPage(browser, { locale: 'en-GB' });
  const kept = { lesson_status: 'incomplete', raw: '40', suspend_data: encode(moduleScope(COURSE, M2.id), { states: [1, 0], scores: [40], lang: 'en', last: 0 }) };
  for (const mode of [{ lesson_mode: 'review' }, { credit: 'no-credit' }]) {
    const cmi = resumeCmi(kept);
    Object.assign(cmi.core, mode);
    const sco = await launchSco(page, cmi, itemOf(M2).parameters);
    await sco.locator('.hero .btn.primary').click();
    await expectH1(sco, M2.lessons[0].title.en);
    await answer(sco, ['Your voter card', 'Going early', 'Knowing where to vote', 'True']);
    await sco.locator('.pager-next').click();
    await expectH1(sco, M2.lessons[1].title.pt);
    const rec = await leave(page);
    const sets = Object.keys(rec.last);
    assert.ok(!sets.includes('cmi.core.lesson_status') && !sets.some((k) => k.startsWith('cmi.core.score.')), `${JSON.stringify(mode)}: ${sets}`);
    assert.equal(rec.cmi.lesson_status, 'incomplete');
    assert.equal(rec.cmi.raw, '40');
    if (mode.lesson_mode === 'review') {
      assert.deepEqual(sets, [], 'review mode writes nothing');
      assert.ok(!rec.calls.includes('LMSCommit'), 'and commits nothing');
    } else {
      assert.equal(rec.cmi.lesson_location, M2.lessons[1].id, 'no credit still keeps the place');
    }
    assert.deepEqual(rec.errors, []);
  }
  onlyOurServer(seen);
  assert.deepEqual(seen.errors, []);
  await page.context().close();
});

test('cmi.core.lesson_location is the lesson the learner is at, and a resumed attempt opens there', async () => {
  const { page, seen } = await openPage(browser, { locale: 'pt-MZ' });
  let sco = await launchSco(page, { core: { entry: 'ab-initio' } }, itemOf(M1).parameters);
  await sco.locator('.hero .btn.primary').click();
  await expectH1(sco, M1.lessons[0].title.pt);
  let rec = await recorded(page);
  assert.equal(rec.cmi.lesson_location, M1.lessons[0].id);
  await sco.locator('.pager-next').click();
  await expectH1(sco, M1.lessons[1].title.pt);
  rec = await leave(page);
  assert.equal(rec.cmi.lesson_location, M1.lessons[1].id);

  // Resumed by the LMS: straight back to that lesson.
  const cmi = resumeCmi(rec.cmi);
  cmi.core.lesson_location = rec.cmi.lesson_location;
  sco = await launchSco(page, cmi, itemOf(M1).parameters);
  await expectH1(sco, M1.lessons[1].title.pt);
  assert.ok(sco.url().endsWith(`#/lesson/${M1.lessons[1].id}`), sco.url());
  // A new attempt (entry ab-initio) starts at the module's home, whatever the location says.
  sco = await launchSco(page, { core: { entry: 'ab-initio', lesson_location: M1.lessons[1].id } }, itemOf(M1).parameters);
  await expectH1(sco, M1.title.pt);
  // A location that is no lesson of the module is ignored.
  const stale = resumeCmi(rec.cmi);
  stale.core.lesson_location = 'no-such-lesson';
  sco = await launchSco(page, stale, itemOf(M1).parameters);
  await expectH1(sco, M1.title.pt);
  rec = await recorded(page);
  assert.deepEqual(rec.errors, []);
  onlyOurServer(seen);
  assert.deepEqual(seen.errors, []);
  await page.context().close();
});
