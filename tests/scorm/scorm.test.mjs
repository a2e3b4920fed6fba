// The SCORM 1.2 package under a real SCORM 1.2 runtime: scorm-again's
// Scorm12API in an LMS-like host page on 127.0.0.1, the package's
// index.html in a frame, Debian's Chromium driven by playwright-core.
// What the LMS recorded is what is asserted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SAMPLE_ROOT, decode, encode, launch, lessonsOf, openPage, sleep, startServer, structure } from './support.mjs';

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

async function launchSco(page, cmi, pkg = 'scorm') {
  await page.goto(`${server.origin}/lms/host.html`);
  await page.evaluate(([c, p]) => window.LMS.start(c, p), [cmi, pkg]);
  return scoFrame(page, pkg);
}

const recorded = (page) => page.evaluate(() => window.LMS.recorded());

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

test('a passing learner: the LMS records passed and 100; a relaunch resumes from suspend_data', async () => {
  const { page, seen } = await openPage(browser, { locale: 'pt-MZ' });
  const sco = await launchSco(page, { core: { student_id: 'ana', student_name: 'Ana', entry: 'ab-initio' } });
  let rec = await recorded(page);
  assert.equal(rec.calls[0], 'LMSInitialize');
  assert.equal(rec.last['cmi.core.lesson_status'], 'incomplete', 'attempted from the first launch');
  // In an LMS the progress is the LMS's: no "this browser does not keep it" note.
  assert.equal(await sco.locator('.storage-note').count(), 0);

  const course = await sco.evaluate(() => window.JUNTOS_COURSE);
  const lessons = lessonsOf(course);
  await sco.locator('.hero .btn.primary').click();
  await expectH1(sco, lessons[0].title.pt);
  for (let i = 1; i < lessons.length; i++) {
    await sco.locator('.pager-next').click();
    await expectH1(sco, lessons[i].title.pt || lessons[i].title.en);
    if (lessons[i].quiz) {
      await answer(sco, ['O cartão de eleitor', 'Ir cedo', 'Saber onde votar', 'Verdadeiro']);
      assert.ok((await sco.locator('.quiz-result').innerText()).includes('100%'));
    }
  }
  await sco.locator('.pager-next').click();
  await expectH1(sco, 'Parabéns!');
  rec = await recorded(page);
  assert.equal(rec.cmi.lesson_status, 'passed');
  assert.deepEqual([rec.cmi.raw, rec.cmi.min, rec.cmi.max], ['100', '0', '100']);
  assert.ok(rec.calls.filter((c) => c === 'LMSCommit').length >= 3, 'commits as the learner goes');
  // "Erase my progress" belongs to the standalone player: in an LMS, attempts are the LMS's.
  assert.equal(await sco.getByRole('button', { name: 'Apagar o progresso' }).count(), 0);

  // The learner switches to English, then leaves: saved, committed, finished.
  await sco.getByRole('button', { name: 'English' }).click();
  rec = await leave(page);
  const kept = rec.cmi;
  assert.equal(rec.calls.filter((c) => c === 'LMSFinish').length, 1);
  assert.equal(rec.last['cmi.core.exit'], '', 'a finished course is not suspended');
  assert.match(rec.last['cmi.core.session_time'], /^\d{4}:\d{2}:\d{2}\.\d{2}$/);
  const data = decode(course, kept.suspend_data);
  assert.deepEqual(data, { lang: 'en', last: lessons.length - 1, states: lessons.map(() => 2), scores: [100] }, kept.suspend_data);
  assert.deepEqual(rec.errors, [], 'the runtime accepted every call');

  // Relaunch with what the LMS kept: progress and language come back.
  const sco2 = await launchSco(page, { core: { entry: 'resume', lesson_status: kept.lesson_status, score: { raw: kept.raw, min: '0', max: '100' } }, suspend_data: kept.suspend_data });
  assert.equal(await sco2.evaluate(() => document.documentElement.lang), 'en');
  assert.ok((await sco2.locator('.hero').innerText()).includes('4 of 4 lessons completed'));
  await sco2.locator('.hero .btn.primary').click();
  await expectH1(sco2, 'Congratulations!');
  assert.ok((await sco2.locator('.results').innerText()).includes('100%'));
  rec = await recorded(page);
  assert.equal(rec.cmi.lesson_status, 'passed');
  assert.equal(rec.cmi.raw, '100');
  assert.deepEqual(rec.errors, []);
  onlyOurServer(seen);
  assert.deepEqual(seen.errors, [], 'no console errors');
  await page.context().close();
});

test('a failing learner: failed and 0; a relaunch resumes at the quiz and passing is recorded', async () => {
  const { page, seen } = await openPage(browser, { locale: 'en-GB' });
  const sco = await launchSco(page, { core: { student_id: 'joao', student_name: 'João', entry: 'ab-initio' } });
  const course = await sco.evaluate(() => window.JUNTOS_COURSE);
  const lessons = lessonsOf(course);
  await sco.locator('.hero .btn.primary').click();
  await sco.locator('.pager-next').click();
  await sco.locator('.pager-next').click();
  await expectH1(sco, lessons[2].title.en);
  await answer(sco, ['A photograph', 'Carrying a party flag', 'False']);
  assert.ok((await sco.locator('.quiz-result').innerText()).includes('Score: 0%'));
  let rec = await recorded(page);
  assert.equal(rec.cmi.lesson_status, 'failed', 'every quiz tried, one not passed');
  assert.deepEqual([rec.cmi.raw, rec.cmi.min, rec.cmi.max], ['0', '0', '100']);
  assert.equal(rec.last['cmi.core.exit'], 'suspend');

  rec = await leave(page);
  const kept = rec.cmi;
  assert.equal(rec.last['cmi.core.exit'], 'suspend', 'left unfinished: the LMS will resume');
  assert.deepEqual(decode(course, kept.suspend_data), { lang: 'en', last: 2, states: [2, 2, 1, 0], scores: [0] });

  // Relaunch: "Continue" goes back to the quiz; passing it, then the last lesson, is recorded.
  const sco2 = await launchSco(page, { core: { entry: 'resume', lesson_status: kept.lesson_status, score: { raw: kept.raw, min: '0', max: '100' } }, suspend_data: kept.suspend_data });
  const hero = await sco2.locator('.hero').innerText();
  assert.ok(hero.includes('2 of 4 lessons completed') && hero.includes(`Continue: ${lessons[2].title.en}`), hero);
  await sco2.locator('.hero .btn.primary').click();
  await expectH1(sco2, lessons[2].title.en);
  assert.ok((await sco2.locator('.quiz-best').innerText()).includes('Your best score: 0%'));
  await answer(sco2, ['Your voter card', 'Going early', 'Knowing where to vote', 'True']);
  rec = await recorded(page);
  assert.equal(rec.cmi.raw, '100');
  assert.equal(rec.cmi.lesson_status, 'failed', 'not lowered to incomplete while a lesson is still unseen');
  await sco2.locator('.pager-next').click();
  await expectH1(sco2, lessons[3].title.pt);
  rec = await recorded(page);
  assert.equal(rec.cmi.lesson_status, 'passed');
  assert.equal(rec.last['cmi.core.exit'], '');
  rec = await leave(page);
  assert.deepEqual(decode(course, rec.cmi.suspend_data).states, [2, 2, 2, 2]);
  assert.deepEqual(rec.errors, []);
  onlyOurServer(seen);
  assert.deepEqual(seen.errors, []);
  await page.context().close();
});

test('the API is found through window.opener when the SCO opens in a new window', async () => {
  const { context, page, seen } = await openPage(browser, { locale: 'pt-MZ' });
  await page.goto(`${server.origin}/lms/popup-host.html`);
  const [popup] = await Promise.all([context.waitForEvent('page'), page.evaluate(() => window.LMS.start(null, 'scorm', true))]);
  await popup.waitForSelector('#app.ready');
  await popup.locator('.hero .btn.primary').click();
  let rec = await recorded(page);
  assert.equal(rec.calls[0], 'LMSInitialize');
  assert.ok(rec.cmi.suspend_data.startsWith('J1.'), rec.cmi.suspend_data);
  await popup.close({ runBeforeUnload: true });
  await page.waitForFunction(() => window.LMS.calls.some((c) => c.name === 'LMSFinish'));
  rec = await recorded(page);
  assert.deepEqual(rec.errors, []);
  onlyOurServer(seen);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('without an LMS the SCO is the standalone player', async () => {
  const { page, seen } = await openPage(browser, { locale: 'en-GB' });
  await page.goto(`${server.origin}/pkg/scorm/index.html`);
  await page.waitForSelector('#app.ready');
  await page.locator('.hero .btn.primary').click();
  const key = await page.evaluate(() => `juntos.progress.${window.JUNTOS_COURSE.id}.${window.JUNTOS_COURSE.revision}`);
  const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key));
  assert.equal(Object.keys(stored.done).length, 1);
  onlyOurServer(seen);
  assert.deepEqual(seen.errors, []);
  await page.context().close();
});

test('a 2,000-lesson course keeps cmi.suspend_data within 4,096 characters', async () => {
  const js = fs.readFileSync(path.join(SAMPLE_ROOT, 'big', 'player', 'course-data.js'), 'utf8');
  const course = JSON.parse(js.slice(js.indexOf('= ') + 2).trim().replace(/;$/, ''));
  const lessons = lessonsOf(course);
  assert.equal(lessons.length, 2000);
  // What an LMS kept after a learner passed every quiz: every lesson done,
  // the scores of the first 1,500 quizzes (the rest did not fit).
  const bests = lessons.map((_, i) => 50 + (i % 51));
  const kept = encode(course, { states: lessons.map(() => 2), scores: bests.slice(0, 1500), last: 1999 });
  assert.ok(kept.length <= 4096, `${kept.length}`);
  const raw = String(Math.floor((bests.slice(0, 1500).reduce((a, b) => a + b, 0) + 500 * 50) / 2000));

  const { page, seen } = await openPage(browser, { locale: 'pt-MZ' });
  const sco = await launchSco(page, { core: { entry: 'resume', lesson_status: 'passed', score: { raw, min: '0', max: '100' } }, suspend_data: kept }, 'big');
  assert.ok((await sco.locator('.hero').innerText()).includes('2000 de 2000 lições concluídas'));
  await sco.evaluate((id) => { window.location.hash = '#/lesson/' + id; }, lessons[0].id);
  await expectH1(sco, lessons[0].title.pt);
  await page.waitForFunction(() => window.LMS.calls.some((c) => c.name === 'LMSSetValue' && c.args[0] === 'cmi.suspend_data'));
  const rec = await recorded(page);
  const saved = rec.last['cmi.suspend_data'];
  assert.ok(saved.length <= 4096 && saved.length >= 4090, `uses the room and no more: ${saved.length}`);
  assert.equal(rec.cmi.suspend_data, saved, 'the runtime took it');
  const data = decode(course, saved);
  assert.ok(data.states.every((s) => s === 2), 'every lesson stays completed');
  assert.deepEqual(data.scores.slice(0, 1500), bests.slice(0, 1500));
  assert.ok(data.scores.slice(1500).every((s) => s === null || s === 50), 'scores that did not fit count as the pass mark');
  assert.equal(data.last, 0);
  assert.equal(rec.cmi.lesson_status, 'passed');
  assert.ok(Number(rec.cmi.raw) >= Number(raw), `${rec.cmi.raw} >= ${raw}`);
  assert.deepEqual(rec.errors, []);
  assert.ok(structure(course).length > 0);
  onlyOurServer(seen);
  assert.deepEqual(seen.errors, []);
  await page.context().close();
});
