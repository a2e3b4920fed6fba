// The offline player in Debian's Chromium, driven by playwright-core over
// CDP (no browser is downloaded), opening the exported sample by file://.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, freshProfile, isNetwork, pageUrl, posterInPage, preparedVideo, retryingChromiumStorage, skipLearnerPrompt, sleep } from './support.mjs';
import { playBriefly } from '../common/play-video.mjs';

const contexts = [];

async function open({ locale = 'pt-MZ', viewport = { width: 1280, height: 800 }, init } = {}) {
  const context = await chromium.launchPersistentContext(freshProfile('juntos-chromium-'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale,
    viewport,
  });
  contexts.push(context);
  await skipLearnerPrompt(context);
  if (init) {
    await context.addInitScript(init);
  }
  const page = context.pages()[0] || (await context.newPage());
  const seen = { network: [], errors: [], requests: [] };
  page.on('request', (r) => {
    seen.requests.push(r.url());
    if (isNetwork(r.url())) seen.network.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') seen.errors.push(m.text());
  });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  return { context, page, seen };
}

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
});

const h1 = (page) => page.locator('main h1').first().innerText();
async function expectH1(page, text) {
  // Navigation is a hash change: wait for the new view, then compare.
  await page.waitForFunction((t) => { const h = document.querySelector('main h1'); return h && h.textContent === t; }, text, { timeout: 5000 }).catch(() => {});
  assert.equal(await h1(page), text);
}
const lang = (page) => page.evaluate(() => document.documentElement.lang);
const course = (page) => page.evaluate(() => window.JUNTOS_COURSE);

async function tracks(page) {
  return page.evaluate(() => {
    const v = document.querySelector('main video');
    if (!v) return null;
    return [...v.textTracks].map((t) => ({
      lang: t.language,
      mode: t.mode,
      cues: t.cues ? [...t.cues].map((c) => c.text) : null,
    }));
  });
}

async function shot(page, name) {
  if (!SCREENSHOTS) return;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name), animations: 'disabled', caret: 'hide' });
}

test('a video prepared with ffmpeg (H.264/AAC) plays, with its poster', async () => {
  const { page, seen } = await open();
  await page.goto(pageUrl());
  await page.waitForSelector('#app.ready');
  const { src, poster, lesson } = preparedVideo(await course(page));
  await page.goto(pageUrl('sample', `#/lesson/${lesson.id}`));
  await expectH1(page, lesson.title.pt);
  await page.waitForSelector(`main video[src="${src}"]`);
  const shown = await page.evaluate(posterInPage, src);
  assert.deepEqual(shown, { found: true, poster, width: 854, videos: 1 }, 'the poster is set and loads (480p frame)');
  const played = await playBriefly(page);
  assert.equal(played.error, null, JSON.stringify(played));
  assert.ok(played.time >= 0.3, `currentTime advanced: ${JSON.stringify(played)}`);
  assert.deepEqual(seen.network, []);
  assert.deepEqual(seen.errors, []);
});

test('a learner goes through the whole course from file:// with no network', async () => retryingChromiumStorage(async () => {
  const { page, seen } = await open();
  await page.goto(pageUrl());
  await page.waitForSelector('#app.ready');
  const data = await course(page);
  const lessons = data.modules.flatMap((m) => m.lessons);

  // Home: pt-MZ falls back to Portuguese.
  assert.equal(await lang(page), 'pt');
  await expectH1(page, data.title.pt);
  const home = await page.locator('main').innerText();
  for (const text of ['Associação Kuyakana', 'CC BY-SA 4.0', 'grupos comunitários', 'Porquê votar', 'No dia da eleição', '0 de 4 lições concluídas']) {
    assert.ok(home.includes(text), `home shows ${text}: ${home}`);
  }
  assert.equal(await page.locator('.module-card').count(), 2);
  assert.equal(await page.title(), data.title.pt);

  // The first lesson, with the video and captions in both languages.
  await page.getByRole('link', { name: 'Começar o curso' }).click();
  await expectH1(page, lessons[0].title.pt);
  assert.match(page.url(), new RegExp(`#/lesson/${lessons[0].id}$`));
  let t = await tracks(page);
  assert.deepEqual(t.map((x) => [x.lang, x.mode]), [['pt', 'showing'], ['en', 'hidden']]);
  assert.ok(t[0].cues.length === 2 && t[0].cues[0].startsWith('Bom dia'), JSON.stringify(t));
  assert.ok(t[1].cues.length === 2 && t[1].cues[0].startsWith('Good morning'), JSON.stringify(t));
  assert.ok((await page.locator('details.transcript').innerText()).includes('Transcrição'));

  // It plays: time moves, and the cue on screen is Portuguese.
  const played = await playBriefly(page);
  assert.ok(played.time >= 0.3, `currentTime advanced: ${JSON.stringify(played)}`);
  assert.equal(played.error, null);
  assert.ok(played.active && played.active.startsWith('Bom dia'), JSON.stringify(played));

  // Switch to English: text, <html lang>, captions, and the choice is kept.
  await page.getByRole('button', { name: 'English' }).click();
  assert.equal(await lang(page), 'en');
  await expectH1(page, lessons[0].title.en);
  assert.equal(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed'), 'true');
  t = await tracks(page);
  assert.deepEqual(t.map((x) => [x.lang, x.mode]), [['pt', 'hidden'], ['en', 'showing']]);
  assert.ok(t[1].cues[0].startsWith('Good morning'));
  assert.equal(await page.evaluate(() => localStorage.getItem(`juntos.lang.${window.JUNTOS_COURSE.id}`)), 'en', 'kept per course');
  // The video keeps its place across the switch.
  await page.waitForFunction(() => document.querySelector('main video').currentTime >= 0.25);
  await page.evaluate(() => { document.querySelector('main video').currentTime = 0.2; });
  await page.waitForFunction(() => {
    const v = document.querySelector('main video');
    const en = [...v.textTracks].find((x) => x.language === 'en');
    return en.activeCues && en.activeCues.length && en.activeCues[0].text.startsWith('Good morning');
  });
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'player-lesson-video.png');

  // Facilitator notes: hidden, then shown.
  assert.equal(await page.locator('.notes').count(), 0);
  await page.getByRole('button', { name: 'Facilitator' }).click();
  await page.locator('.notes').waitFor();
  assert.ok((await page.locator('.notes').innerText()).includes('Ask the group who has voted before'));
  assert.equal(await page.getByRole('button', { name: 'Facilitator' }).getAttribute('aria-pressed'), 'true');
  await page.getByRole('button', { name: 'Facilitator' }).click();
  assert.equal(await page.locator('.notes').count(), 0);

  // Every lesson, with Next.
  for (let i = 1; i < lessons.length; i++) {
    await page.locator('.pager-next').click();
    const expected = lessons[i].title.en || lessons[i].title.pt;
    await expectH1(page, expected);
    assert.equal(await page.locator('.toc [aria-current="page"] .toc-title').innerText().then((s) => s.trim()), expected);
    if (i === 1) {
      // The image loads from media/, the footnote link stays in the lesson.
      await page.waitForFunction(() => { const img = document.querySelector('main img'); return img && img.complete && img.naturalWidth > 0; });
      assert.equal(await page.locator('main table').count(), 1);
      const before = page.url();
      await page.locator('main a[href^="#juntos-fn"]').first().click();
      assert.equal(page.url(), before);
      await expectH1(page, expected);
      assert.equal(await page.locator('main a[href^="https://"]').getAttribute('target'), '_blank');
    }
    if (i === 3) {
      // Not translated: the Portuguese is shown, marked as Portuguese.
      assert.ok((await page.locator('.notice').innerText()).includes('not been translated'));
      assert.equal(await page.locator('.lesson-body').getAttribute('lang'), 'pt');
    }
  }
  await page.locator('.pager-next').click();
  await expectH1(page, 'Nearly there');
  assert.ok((await page.locator('main').innerText()).includes(lessons[2].title.en));

  // Home in Portuguese, part way through: 3 of 4 (the quiz is not passed yet).
  await page.getByRole('button', { name: 'Português' }).click();
  await page.locator('.brand').click();
  await expectH1(page, data.title.pt);
  assert.ok((await page.locator('.hero').innerText()).includes('3 de 4 lições concluídas'));
  assert.ok((await page.locator('.hero .btn.primary').innerText()).includes(lessons[2].title.pt));
  await shot(page, 'player-home.png');
  await page.getByRole('button', { name: 'English' }).click();

  // The quiz: wrong, then right.
  await page.locator(`.toc a[href="#/lesson/${lessons[2].id}"]`).click();
  const quiz = page.locator('.quiz');
  assert.ok((await quiz.innerText()).includes('Pass mark: 60%'));
  await quiz.getByLabel('A photograph').check();
  await quiz.getByLabel('Going early').check();
  await quiz.getByLabel('False').check();
  await quiz.getByRole('button', { name: 'Check answers' }).click();
  let result = await page.locator('.quiz-result').innerText();
  assert.ok(result.includes('Score: 0% (0 of 3 right)') && result.includes('Not passed yet'), result);
  assert.equal(await page.locator('.question.wrong').count(), 3);
  assert.ok((await quiz.innerText()).includes('A photograph is not accepted.'));
  assert.ok(await page.locator('.quiz-result').evaluate((el) => el === document.activeElement));
  await quiz.getByRole('button', { name: 'Try again' }).click();
  assert.equal(await quiz.locator('input:checked').count(), 0);
  // Partly right: 2 of 3 = 66%, which passes at 60%.
  await quiz.getByLabel('Your voter card').check();
  await quiz.getByLabel('Going early').check();
  await quiz.getByLabel('Knowing where to vote').check();
  await quiz.getByLabel('False').check();
  await quiz.getByRole('button', { name: 'Check answers' }).click();
  result = await page.locator('.quiz-result').innerText();
  assert.ok(result.includes('Score: 66% (2 of 3 right)') && result.includes('Passed!'), result);
  assert.equal(await page.locator('.question.right').count(), 2);
  if (SCREENSHOTS) {
    await page.setViewportSize({ width: 1280, height: 1500 });
    await page.evaluate(() => { document.querySelector('.quiz').scrollIntoView({ block: 'start' }); window.scrollBy(0, -80); });
    await shot(page, 'player-quiz.png');
    await page.setViewportSize({ width: 1280, height: 800 });
  }
  await quiz.getByRole('button', { name: 'Try again' }).click();
  await quiz.getByLabel('Your voter card').check();
  await quiz.getByLabel('Going early').check();
  await quiz.getByLabel('Knowing where to vote').check();
  await quiz.getByLabel('True').check();
  await quiz.getByRole('button', { name: 'Check answers' }).click();
  assert.ok((await page.locator('.quiz-result').innerText()).includes('Score: 100% (3 of 3 right)'));

  // Reload: progress, language and place are kept.
  await page.reload();
  await page.waitForSelector('#app.ready');
  assert.equal(await lang(page), 'en');
  await expectH1(page, lessons[2].title.en);
  assert.ok((await page.locator('.quiz-best').innerText()).includes('Your best score: 100%'));
  assert.equal(await page.locator('.toc .status-done').count(), 4);
  await page.goto(pageUrl('sample', '#/'));
  assert.ok((await page.locator('.hero').innerText()).includes('4 of 4 lessons completed'));
  await page.getByRole('link', { name: 'See the completion page' }).click();
  await expectH1(page, 'Congratulations!');
  assert.ok((await page.locator('.results').innerText()).includes('100%'));
  const key = await page.evaluate(() => `juntos.progress.${window.JUNTOS_COURSE.id}.${window.JUNTOS_COURSE.revision}`);
  const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key));
  assert.equal(Object.keys(stored.done).length, 4);

  assert.deepEqual(seen.network, [], 'no request leaves file://');
  assert.ok(seen.requests.length > 4 && seen.requests.every((u) => u.startsWith('file://')), seen.requests.join('\n'));
  assert.deepEqual(seen.errors, [], 'no console errors');
}));

test('facilitator handout prints a module cleanly', async () => {
  const { page, seen } = await open({ locale: 'en-GB' });
  await page.goto(pageUrl());
  await page.waitForSelector('#app.ready');
  // An English-language browser, a Portuguese course: it opens in Portuguese.
  assert.equal(await lang(page), 'pt');
  await expectH1(page, (await course(page)).title.pt);
  await page.locator('button[data-lang="en"]').click();
  assert.equal(await lang(page), 'en');
  assert.equal(await page.locator('.handout-link').count(), 0);
  await page.getByRole('button', { name: 'Facilitator' }).click();
  await page.locator('.handout-link a').nth(1).click();
  await expectH1(page, 'On election day');
  const text = await page.locator('main').innerText();
  for (const needed of ['Before going to vote', 'What should you take to vote?', 'Carrying a party flag', 'Run a mock vote with paper ballots.', 'Depois de votar']) {
    assert.ok(text.includes(needed), `${needed} in handout`);
  }
  await page.goto(pageUrl('sample', '#/module/' + (await course(page)).modules[0].id));
  assert.ok((await page.locator('.transcript-text').innerText()).includes('Good morning! Today we talk about elections.'));
  await page.emulateMedia({ media: 'print' });
  const visible = await page.evaluate(() => ({
    topbar: getComputedStyle(document.querySelector('.topbar')).display,
    toc: getComputedStyle(document.querySelector('.toc')).display,
    video: getComputedStyle(document.querySelector('main video')).display,
    label: getComputedStyle(document.querySelector('figcaption.print-only')).display,
    button: getComputedStyle(document.querySelector('main .btn')).display,
    background: getComputedStyle(document.body).backgroundColor,
  }));
  assert.deepEqual(visible, { topbar: 'none', toc: 'none', video: 'none', label: 'block', button: 'none', background: 'rgb(255, 255, 255)' });
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 1000);
  assert.deepEqual(seen.network, []);
  assert.deepEqual(seen.errors, []);
});

test('keyboard, focus and a 360 px screen', async () => {
  const { page, seen } = await open({ locale: 'pt-BR', viewport: { width: 360, height: 740 } });
  await page.goto(pageUrl());
  await page.waitForSelector('#app.ready');
  assert.equal(await lang(page), 'pt');
  const noSideScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  assert.ok(await noSideScroll(), 'home fits 360 px');

  // The first Tab lands on the skip link, visibly; Enter moves focus to the page.
  await page.keyboard.press('Tab');
  let focused = await page.evaluate(() => ({ cls: document.activeElement.className, top: document.activeElement.getBoundingClientRect().top, outline: getComputedStyle(document.activeElement).outlineStyle }));
  assert.equal(focused.cls, 'skip');
  assert.ok(focused.top >= 0 && focused.outline !== 'none', JSON.stringify(focused));
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1');

  // Contents drawer by keyboard, then a lesson.
  await page.locator('.toc-toggle').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.toc-toggle').getAttribute('aria-expanded'), 'true');
  assert.ok(await page.locator('.toc').isVisible());
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.toc-toggle').getAttribute('aria-expanded'), 'false');
  await page.locator('.toc-toggle').press('Enter');
  const data = await course(page);
  const lesson = data.modules[1].lessons[0];
  await page.locator(`.toc a[href="#/lesson/${lesson.id}"]`).focus();
  await page.keyboard.press('Enter');
  await expectH1(page, lesson.title.pt);
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1');
  assert.ok(await noSideScroll(), 'lesson with quiz fits 360 px');

  // Answer the quiz with the keyboard only.
  await page.locator('.quiz input').first().focus();
  await page.keyboard.press('Space');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement.closest('label')).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused option shows it');
  await page.locator('.quiz-check').focus();
  await page.keyboard.press('Enter');
  assert.ok((await page.locator('.quiz-result').innerText()).includes('Responda a todas as perguntas'));
  await page.locator(`.toc a[href="#/lesson/${data.modules[0].lessons[0].id}"]`).evaluate((a) => a.click());
  assert.ok(await noSideScroll(), 'video lesson fits 360 px');
  if (SCREENSHOTS) {
    // A decoded frame with its Portuguese caption on screen.
    await page.evaluate(() => new Promise((resolve) => {
      const v = document.querySelector('main video');
      v.addEventListener('seeked', resolve, { once: true });
      v.currentTime = 0.4;
    }));
    await page.waitForFunction(() => {
      const v = document.querySelector('main video');
      const pt = [...v.textTracks].find((x) => x.language === 'pt');
      return v.readyState >= 2 && pt.activeCues && pt.activeCues.length > 0;
    });
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'player-mobile.png');
  }
  assert.deepEqual(seen.network, []);
  assert.deepEqual(seen.errors, []);
});

test('without localStorage the course still works, in memory', async () => {
  const init = () => {
    Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('denied', 'SecurityError'); } });
  };
  const { page, seen } = await open({ locale: 'en-US', init });
  await page.goto(pageUrl());
  await page.waitForSelector('#app.ready');
  assert.equal(await lang(page), 'pt', 'the source language');
  await page.locator('button[data-lang="en"]').click();
  assert.ok((await page.locator('.storage-note').innerText()).includes('does not keep your progress'));
  await page.getByRole('link', { name: 'Start the course' }).click();
  await page.locator('.pager-next').click();
  await page.getByRole('button', { name: 'Português' }).click();
  assert.equal(await lang(page), 'pt');
  await page.goto(pageUrl('sample', '#/'));
  // Same page load (hash change only): the memory still has it.
  assert.ok((await page.locator('.hero').innerText()).includes('2 de 4 lições concluídas'));
  assert.deepEqual(seen.network, []);
  assert.deepEqual(seen.errors, []);
});

test('a one-language package has no language switch', async () => {
  const { page, seen } = await open({ locale: 'pt-MZ' });
  await page.goto(pageUrl('sample-en'));
  await page.waitForSelector('#app.ready');
  assert.equal(await lang(page), 'en');
  await expectH1(page, 'Civic education: voting in the community');
  assert.equal(await page.locator('.langs button').count(), 0);
  await page.locator('.hero .btn.primary').click();
  const t = await tracks(page);
  assert.deepEqual(t.map((x) => [x.lang, x.mode]), [['en', 'showing']]);
  assert.deepEqual(seen.network, []);
  assert.deepEqual(seen.errors, []);
});
