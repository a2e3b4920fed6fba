// The Kolibri HTML5 app zip, unzipped and served on 127.0.0.1 the way
// Kolibri serves one, inside <iframe sandbox="allow-scripts"> (no
// allow-same-origin: an opaque origin where localStorage throws). It must
// render, navigate and play, keep progress in memory, ask for nothing
// outside its own files, and log no error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { launch, lessonsOf, openPage, sleep, startServer } from './support.mjs';
import { playBriefly } from '../common/play-video.mjs';

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

async function appFrame(page) {
  for (let i = 0; i < 200; i++) {
    const frame = page.frames().find((f) => f.url().includes('/pkg/html5/index.html'));
    if (frame) {
      await frame.waitForSelector('#app.ready');
      return frame;
    }
    await sleep(50);
  }
  throw new Error('the HTML5 app never loaded');
}

async function expectH1(frame, text) {
  await frame.waitForFunction((t) => { const h = document.querySelector('main h1'); return h && h.textContent === t; }, text, { timeout: 5000 }).catch(() => {});
  assert.equal(await frame.locator('main h1').first().innerText(), text);
}

test('in a sandboxed iframe it renders, navigates and plays, in memory, offline, without errors', async () => {
  const { page, seen } = await openPage(browser, { locale: 'pt-MZ' });
  await page.goto(`${server.origin}/kolibri/sandbox.html`);
  const app = await appFrame(page);

  // Really sandboxed: an opaque origin, and localStorage throws.
  const sandbox = await app.evaluate(() => {
    let storage;
    try {
      storage = typeof window.localStorage;
    } catch (e) {
      storage = e.name;
    }
    return { origin: window.origin, storage };
  });
  assert.deepEqual(sandbox, { origin: 'null', storage: 'SecurityError' });

  const course = await app.evaluate(() => window.JUNTOS_COURSE);
  const lessons = lessonsOf(course);
  await expectH1(app, course.title.pt);
  assert.ok((await app.locator('.storage-note').innerText()).includes('não guarda o progresso'), 'it says progress is kept for this visit only');
  // Results files (issue 17): a sandbox whose flags cannot be read may refuse downloads silently, so no save buttons.
  assert.equal(await app.locator('.save-mine').count(), 0, 'no "Guardar os meus resultados" where a download cannot be known to work');

  // Navigate: the first lesson, with its video, which plays with captions.
  await app.locator('.hero .btn.primary').click();
  await expectH1(app, lessons[0].title.pt);
  const played = await playBriefly(app);
  assert.ok(played.time >= 0.3, JSON.stringify(played));
  assert.deepEqual([played.error, played.track], [null, 'pt']);
  assert.ok(played.cues > 0);

  // On to the image lesson and the quiz; the image loads from media/.
  await app.locator('.pager-next').click();
  await expectH1(app, lessons[1].title.pt);
  await app.waitForFunction(() => { const img = document.querySelector('main img'); return img && img.complete && img.naturalWidth > 0; });
  await app.locator('.pager-next').click();
  await expectH1(app, lessons[2].title.pt);
  const quiz = app.locator('.quiz');
  for (const label of ['O cartão de eleitor', 'Ir cedo', 'Saber onde votar', 'Verdadeiro']) await quiz.getByLabel(label, { exact: true }).check();
  await quiz.locator('.quiz-check').click();
  assert.ok((await app.locator('.quiz-result').innerText()).includes('100%'));

  // Language switch, then home: progress is in memory for this visit.
  await app.getByRole('button', { name: 'English' }).click();
  await expectH1(app, lessons[2].title.en);
  await app.locator('.brand').click();
  await expectH1(app, course.title.en);
  assert.ok((await app.locator('.hero').innerText()).includes('3 of 4 lessons completed'));

  // A link to the web in a lesson is only a link: nothing is loaded from it.
  const outside = seen.requests.filter((u) => !u.startsWith(`${server.origin}/pkg/html5/`) && u !== `${server.origin}/kolibri/sandbox.html`);
  assert.deepEqual(outside, [], 'no request leaves the package');
  assert.ok(seen.requests.some((u) => u.includes('/pkg/html5/media/') && u.endsWith('.webm')));
  assert.deepEqual(seen.errors, [], 'no console errors');
  await page.context().close();
});

// Results files (issue 17) in a frame whose sandbox the player can read:
// "Save my results" shows where the sandbox allows downloads, and the file
// comes through the download; where it does not, the button is not there.
test('in a frame allowing downloads the results file is saved; in one refusing them there is no button', async () => {
  const { context, page, seen } = await openPage(browser, { locale: 'pt-MZ' });
  await page.goto(`${server.origin}/kolibri/downloads.html`);
  const app = await appFrame(page);
  const course = await app.evaluate(() => window.JUNTOS_COURSE);
  // Storage works here: the learner is asked once; skipped, the learner is anonymous.
  await app.waitForSelector('[role="dialog"]');
  await app.locator('.learner-out').click();
  await app.waitForSelector('[role="dialog"]', { state: 'detached' });
  const quizLesson = lessonsOf(course).find((l) => l.quiz);
  await app.evaluate((id) => { window.location.hash = `#/lesson/${id}`; }, quizLesson.id);
  await app.waitForSelector('.quiz-check');
  for (const q of quizLesson.quiz.questions) {
    const option = q.options.find((o) => o.correct);
    await app.locator(`fieldset[data-question="${q.id}"] input[value="${option.id}"]`).check();
  }
  await app.locator('.quiz-check').click();
  await app.waitForSelector('.quiz-result.passed');
  const [download] = await Promise.all([page.waitForEvent('download'), app.locator('.save-mine').click()]);
  assert.match(download.suggestedFilename(), new RegExp(`^${course.slug}-dispositivo-\\d{4}-\\d{2}-\\d{2}\\.juntos-results$`));
  const text = fs.readFileSync(await download.path(), 'utf8');
  const m = /^\{"format":"juntos-results","version":1,"checksum":"([0-9a-f]{64})","body":(.*)\}$/s.exec(text);
  assert.ok(m, text.slice(0, 100));
  assert.equal(crypto.createHash('sha256').update(m[2], 'utf8').digest('hex'), m[1]);
  const body = JSON.parse(m[2]);
  assert.equal(body.course.id, course.id);
  assert.equal(body.attempts.length, 1);
  assert.equal(body.attempts[0].passed, true);
  assert.deepEqual(seen.errors, []);
  await context.close();

  const refused = await openPage(browser, { locale: 'pt-MZ' });
  await refused.page.goto(`${server.origin}/kolibri/no-downloads.html`);
  const frame = await appFrame(refused.page);
  await frame.waitForSelector('.learner-bar');
  assert.equal(await frame.locator('.save-mine').count(), 0, 'no save button where the sandbox refuses downloads');
  await refused.context.close();
});
