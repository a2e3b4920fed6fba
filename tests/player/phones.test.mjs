// Phones and the second language (issue 16, item 3), in Debian's Chromium
// (playwright-core) and Firefox ESR (puppeteer-core over WebDriver BiDi):
// the course's topics follow the language (English mode shows the English
// topics, a topic not translated yet in Portuguese, marked `lang="pt"`); a
// long quiz question (with a long web address in it) is not cut by its box
// at 360 px; the handout says "Questionário" once where the lesson already
// has its own "Questionário" section. (The top bar in one row at 360 px and
// the language switch that keeps a video playing are in a11y.test.mjs;
// captions at 360 px in captions.test.mjs.)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS, FIREFOX, freshProfile, pageUrl, skipLearnerPrompt } from './support.mjs';

const closers = [];
after(async () => {
  for (const close of closers) await close().catch(() => {});
});

/** In the page: the home's topics as shown, with the language of each part. */
function topicsShown() {
  const dd = document.querySelector('.meta dd.topics');
  if (!dd) return null;
  return {
    text: dd.textContent,
    marked: [...dd.querySelectorAll('[lang]')].map((e) => [e.textContent, e.getAttribute('lang')]),
  };
}

/** In the page: every quiz question whose text is cut (wider than its box, or past the screen). */
function questionsCut() {
  const cut = [];
  for (const q of document.querySelectorAll('.question')) {
    const box = q.getBoundingClientRect();
    for (const part of q.querySelectorAll('legend, legend span, label')) {
      const r = part.getBoundingClientRect();
      if (part.scrollWidth > part.clientWidth + 1 && getComputedStyle(part).overflowX !== 'visible') {
        cut.push(`${part.tagName} scrolls: ${part.textContent.slice(0, 40)}`);
      }
      if (r.right > box.right + 1 || r.left < box.left - 1 || r.right > window.innerWidth + 1) {
        cut.push(`${part.tagName} ${Math.round(r.left)}-${Math.round(r.right)} outside ${Math.round(box.left)}-${Math.round(box.right)} (screen ${window.innerWidth}): ${part.textContent.slice(0, 40)}`);
      }
    }
  }
  return { cut, questions: document.querySelectorAll('.question').length, sideways: document.documentElement.scrollWidth > window.innerWidth };
}

async function check(d, name) {
  await d.setWidth(360);
  await d.goto(pageUrl());
  await d.waitFor(() => document.querySelector('#app.ready') !== null);
  const data = await d.evaluate(() => window.JUNTOS_COURSE);
  assert.deepEqual(data.topics.map((t) => [t.pt, t.en]), [['cidadania', 'citizenship'], ['eleições', '']], `${name}: the course data`);

  // Topics in Portuguese, then in English (the untranslated one stays Portuguese, marked).
  await d.waitFor(() => document.querySelector('.meta dd.topics') !== null);
  assert.deepEqual(await d.evaluate(topicsShown), { text: 'cidadania, eleições', marked: [] }, `${name}: PT`);
  await d.click('button[data-lang="en"]');
  await d.waitFor(() => document.documentElement.lang === 'en' && document.querySelector('.meta dd.topics') !== null);
  assert.deepEqual(await d.evaluate(topicsShown), { text: 'citizenship, eleições', marked: [['eleições', 'pt']] }, `${name}: EN`);
  await d.click('button[data-lang="pt"]');
  await d.waitFor(() => document.documentElement.lang === 'pt');

  // The long question at 360 px: nothing cut, nothing scrolls sideways.
  const quizLesson = data.modules.flatMap((m) => m.lessons).find((l) => l.quiz);
  await d.evaluate((h) => { window.location.hash = h; }, `#/lesson/${quizLesson.id}`);
  await d.waitFor(() => document.querySelectorAll('.question').length > 0);
  const shown = await d.evaluate(questionsCut);
  assert.ok(shown.questions >= 1);
  assert.deepEqual(shown.cut, [], `${name}: a question is cut at 360 px`);
  assert.equal(shown.sideways, false, `${name}: the page scrolls sideways at 360 px`);

  // The handout of the quiz's module says "Questionário" once for that lesson.
  const module = data.modules.find((m) => m.lessons.includes(quizLesson) || m.lessons.some((l) => l.id === quizLesson.id));
  await d.evaluate((h) => { window.location.hash = h; }, `#/module/${module.id}`);
  await d.waitFor(() => document.querySelector('.handout-lesson') !== null);
  const headings = await d.evaluate((id) => {
    const all = [...document.querySelectorAll('.handout-lesson')];
    const lesson = all.find((l) => l.querySelector('h2, h3') && l.textContent.includes('Responda às perguntas.')) || null;
    if (!lesson) return null;
    return [...lesson.querySelectorAll('h1, h2, h3, h4, h5, h6, legend, .quiz-title')].map((h) => h.textContent.trim()).filter((t) => /^Questionário/.test(t));
  }, quizLesson.id);
  assert.ok(headings, `${name}: the handout shows the quiz lesson`);
  assert.equal(headings.length, 1, `${name}: "Questionário" in the handout: ${JSON.stringify(headings)}`);
}

test('Chromium: topics follow the language; a long question fits at 360 px; the handout says "Questionário" once', async () => {
  const context = await chromium.launchPersistentContext(freshProfile('juntos-phones-chromium-'), {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, locale: 'pt-MZ', viewport: { width: 360, height: 740 },
  });
  closers.push(() => context.close());
  await skipLearnerPrompt(context);
  const page = context.pages()[0] || (await context.newPage());
  await check({
    goto: (url) => page.goto(url),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitFor: (fn, arg) => page.waitForFunction(fn, arg, { timeout: 15000 }),
    click: (sel) => page.click(sel),
    setWidth: (w) => page.setViewportSize({ width: w, height: 740 }),
  }, 'Chromium');
});

test('Firefox ESR: topics follow the language; a long question fits at 360 px; the handout says "Questionário" once', async () => {
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: freshProfile('juntos-phones-firefox-'),
    extraPrefsFirefox: { 'intl.accept_languages': 'pt-MZ, pt' },
  });
  closers.push(() => browser.close());
  const page = await browser.newPage();
  await skipLearnerPrompt(page);
  await check({
    goto: (url) => page.goto(url),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitFor: (fn, arg) => page.waitForFunction(fn, { timeout: 15000 }, arg),
    click: (sel) => page.click(sel),
    setWidth: (w) => page.setViewport({ width: w, height: 740 }),
  }, 'Firefox');
});
