// The Kolibri HTML5 app zip, unzipped and served on 127.0.0.1 the way
// Kolibri serves one, inside <iframe sandbox="allow-scripts"> (no
// allow-same-origin: an opaque origin where localStorage throws). It must
// render, navigate and play, keep progress in memory, ask for nothing
// outside its own files, and log no error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
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
