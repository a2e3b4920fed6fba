// The stick's catalogue page (issue 18) in Debian's Chromium (playwright-core)
// and Firefox ESR (puppeteer-core over WebDriver BiDi), by file://, on a
// stick of three courses written by the real `juntos stick write`
// (tests/player/make-stick.sh, run by scripts/test-player.sh): the cards,
// search without accents, the PT/EN switch kept across a reload, the
// learner's progress after a lesson is done in a course opened from its
// card, 360 px, the keyboard, and axe-core (WCAG 2.1 A/AA) with zero
// violations. No request leaves file://, no console error.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS, FIREFOX, SCREENSHOTS, freshProfile, isNetwork, retryingChromiumStorage, skipLearnerPrompt, sleep } from './support.mjs';

const STICK = process.env.JUNTOS_STICK;
const INDEX = STICK && path.join(STICK, 'Juntos', 'index.html');
if (!INDEX || !fs.existsSync(INDEX)) {
  throw new Error('JUNTOS_STICK must name the folder tests/player/make-stick.sh wrote the stick into: run scripts/test-player.sh');
}
const URL = pathToFileURL(INDEX).href;
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The stick's catalogue data, as the page gets it. */
function catalogueData() {
  const box = { window: {} };
  vm.runInNewContext(fs.readFileSync(path.join(STICK, 'Juntos', 'catalogue', 'data.js'), 'utf8'), box);
  return JSON.parse(JSON.stringify(box.window.JUNTOS_CATALOGUE)); // out of the vm realm
}
const DATA = catalogueData();
/** The word make-stick.sh put in one lesson of one course only, with accents. */
const WORD = 'Maçaroca';

const closers = [];
after(async () => {
  for (const close of closers) await close().catch(() => {});
});

/** The same steps in either driver. */
function driver(page, kind) {
  // While axe runs, its own attempts to read the style sheets (refused by
  // the page's CSP: connect-src 'none') are not the page's errors.
  const seen = { network: [], errors: [], axe: false };
  page.on('request', (r) => { if (isNetwork(r.url())) seen.network.push(r.url()); });
  page.on('console', (m) => { if (m.type() === 'error' && !seen.axe) seen.errors.push(m.text()); });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  return {
    page,
    seen,
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitFor: (fn, arg) => (kind === 'playwright'
      ? page.waitForFunction(fn, arg, { timeout: 10000 })
      : page.waitForFunction(fn, { timeout: 10000 }, arg)),
    setWidth: (w) => (kind === 'playwright' ? page.setViewportSize({ width: w, height: 800 }) : page.setViewport({ width: w, height: 800 })),
    async open(hash = '') {
      await page.goto(URL + hash);
      await page.waitForSelector('#app.ready');
    },
  };
}

const cards = (d) => d.evaluate(() => [...document.querySelectorAll('.card')].map((c) => ({
  id: c.getAttribute('data-id'),
  title: c.querySelector('.card-title').textContent,
  progress: c.querySelector('.progress-text').textContent,
  value: c.querySelector('[role=progressbar]').getAttribute('aria-valuenow'),
})));

async function search(d, query) {
  await d.evaluate((q) => {
    const input = document.getElementById('q');
    input.value = q;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, query);
}

async function violations(d) {
  d.seen.axe = true;
  if (!(await d.evaluate(() => typeof window.axe === 'object'))) await d.evaluate(AXE);
  const found = await d.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags }, rules: { 'label-content-name-mismatch': { enabled: true } }, resultTypes: ['violations'],
    });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`).join('\n'));
  }, TAGS);
  await sleep(100);
  d.seen.axe = false;
  return found;
}

async function catalogue(d, name) {
  const step = (s) => { if (process.env.JUNTOS_TEST_TRACE) console.error(name, s); };
  assert.equal(DATA.courses.length, 3, 'the stick has three courses');
  const withWord = DATA.courses.filter((c) => c.search.some((l) => l.text.pt.includes(WORD)));
  assert.equal(withWord.length, 1, `one course has ${WORD} in a lesson`);

  // The cards, in Portuguese, in the stick's order.
  await d.open();
  assert.equal(await d.evaluate(() => document.documentElement.lang), 'pt');
  assert.deepEqual((await cards(d)).map((c) => c.title), DATA.courses.map((c) => c.title.pt));
  assert.deepEqual((await cards(d)).map((c) => c.progress), ['Ainda não começou', 'Ainda não começou', 'Ainda não começou']);
  assert.equal(await d.evaluate(() => document.querySelector('.status').textContent), '3 cursos');
  const facts = await d.evaluate(() => document.querySelector('.card .facts').textContent);
  assert.match(facts, /Organização/);
  assert.match(facts, /Duração/);
  assert.match(facts, /Português: \d+%/);

  step('// Search without accents');
  // Search without accents (and in capitals): the one course, the lesson, the word marked as written.
  for (const q of ['macaroca', 'MACAROCA', WORD.toLowerCase()]) {
    await search(d, q);
    assert.deepEqual((await cards(d)).map((c) => c.id), [withWord[0].id], q);
  }
  const lesson = withWord[0].search.find((l) => l.text.pt.includes(WORD));
  assert.deepEqual(await d.evaluate(() => [...document.querySelectorAll('.hit-link')].map((a) => a.textContent)), [lesson.title.pt]);
  assert.deepEqual(await d.evaluate(() => [...document.querySelectorAll('.snippet mark')].map((m) => m.textContent)), [WORD]);
  assert.equal(await d.evaluate(() => document.querySelector('.status').textContent), '1 curso encontrado para «Maçaroca»'.replace('Maçaroca', WORD.toLowerCase()));
  // The query stays in the address, so coming back finds it.
  await d.page.reload();
  await d.page.waitForSelector('#app.ready');
  assert.equal(await d.evaluate(() => document.getElementById('q').value), WORD.toLowerCase());
  assert.equal((await cards(d)).length, 1);
  await search(d, 'zzzyyy');
  assert.equal((await cards(d)).length, 0);
  assert.match(await d.evaluate(() => document.querySelector('.status').textContent), /^Nenhum curso tem «zzzyyy»/);
  await d.evaluate(() => document.querySelector('.clear').click());
  assert.equal((await cards(d)).length, 3);

  step('// PT/EN: every');
  // PT/EN: every text follows, and the choice is kept.
  await d.page.click('button[data-lang="en"]');
  assert.equal(await d.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await d.evaluate(() => document.querySelector('h1').textContent), 'Courses on this stick');
  assert.deepEqual((await cards(d)).map((c) => c.title), DATA.courses.map((c) => c.title.en || c.title.pt));
  await d.page.reload();
  await d.page.waitForSelector('#app.ready');
  assert.equal(await d.evaluate(() => document.documentElement.lang), 'en', 'the language is remembered');
  assert.equal(await d.evaluate(() => document.querySelector('.status').textContent), '3 courses');

  step('// Progress: open a course');
  // Progress: open a course from its card (it opens in the catalogue's
  // language), complete its first lesson, come back.
  // The course with the most lessons (one lesson done is then "1 of N").
  const course = [...DATA.courses].sort((a, b) => b.lesson_ids.length - a.lesson_ids.length)[0];
  assert.ok(course.lesson_ids.length > 1);
  const at = DATA.courses.indexOf(DATA.courses.find((c) => c.id === course.id));
  await Promise.all([d.page.waitForNavigation(), d.page.click(`.card[data-id="${course.id}"] .card-link`)]);
  await d.page.waitForSelector('#app.ready main h1');
  assert.equal(await d.evaluate(() => document.documentElement.lang), 'en', 'the course opens in the language chosen in the catalogue');
  const courseData = await d.evaluate(() => window.JUNTOS_COURSE);
  const first = courseData.modules[0].lessons[0];
  assert.equal(first.quiz, null, 'the first lesson has no quiz: opening it completes it');
  await d.evaluate((id) => { window.location.hash = '#/lesson/' + id; }, first.id);
  await d.waitFor((t) => document.querySelector('main h1') && document.querySelector('main h1').textContent === t, first.title.en || first.title.pt);
  step('await d.page.goBack(); // the ');
  // Back twice, as a learner does (a hash change, then the catalogue page;
  // history.back() rather than the drivers' goBack, which waits for a load
  // that a hash change never makes in Firefox over BiDi).
  await d.evaluate(() => window.history.back());
  await d.waitFor((t) => document.querySelector('main h1') && document.querySelector('main h1').textContent === t, courseData.title.en || courseData.title.pt);
  await d.evaluate(() => window.history.back());
  await d.waitFor(() => document.querySelector('#app.ready .card') !== null);
  await d.waitFor((id) => /^1 of \d+ lessons completed$/.test(document.querySelector(`.card[data-id="${id}"] .progress-text`).textContent), course.id);
  const after = await cards(d);
  const total = course.lesson_ids.length;
  assert.equal(after[at].progress, `1 of ${total} lessons completed`);
  assert.equal(after[at].value, String(Math.round(100 / total)));
  assert.deepEqual(after.filter((c) => c.id !== course.id).map((c) => c.progress), ['Not started yet', 'Not started yet']);
  // "Continue" goes straight back to the lesson opened last.
  const resume = await d.evaluate((id) => { const a = document.querySelector(`.card[data-id="${id}"] .resume`); return a && [a.textContent, a.getAttribute('href')]; }, course.id);
  assert.deepEqual(resume, [`Continue: ${first.title.en || first.title.pt}`, `${course.href}#/lesson/${first.id}`]);
  // And from a fresh load too (not the browser's copy of the page).
  await d.evaluate(() => { window.juntosOld = true; window.location.reload(); });
  await d.waitFor(() => !window.juntosOld && document.querySelector('#app.ready .card') !== null);
  assert.equal((await cards(d))[at].progress, `1 of ${total} lessons completed`);
  assert.equal(await d.evaluate(() => document.querySelector('.learner').hidden), true, 'no named learner: no name shown');

  // Another learner chosen in the player (learners.ts keeps who): their own
  // progress, and their name; back to the first one, theirs again.
  await d.evaluate(() => {
    const id = 'a'.repeat(32);
    localStorage.setItem('juntos.learners', JSON.stringify([{ id, name: 'Ana', group: null, created_at: '2026-12-02T10:00:00.000Z' }]));
    localStorage.setItem('juntos.learner', id);
    window.juntosOld = true;
    window.location.reload();
  });
  await d.waitFor(() => !window.juntosOld && document.querySelector('#app.ready .card') !== null);
  assert.equal(await d.evaluate(() => document.querySelector('.learner').textContent), 'Progress of: Ana');
  assert.equal((await cards(d))[at].progress, 'Not started yet');
  await d.evaluate(() => {
    localStorage.removeItem('juntos.learner');
    window.juntosOld = true;
    window.location.reload();
  });
  await d.waitFor(() => !window.juntosOld && document.querySelector('#app.ready .card') !== null);
  assert.equal((await cards(d))[at].progress, `1 of ${total} lessons completed`);

  step('// 360 px');
  // 360 px: nothing wider than the screen.
  await d.setWidth(360);
  await sleep(200);
  const widths = await d.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    cards: Math.max(...[...document.querySelectorAll('.card')].map((c) => c.getBoundingClientRect().right)),
  }));
  assert.ok(widths.page <= 360 && widths.cards <= 360, `${name} at 360 px: ${JSON.stringify(widths)}`);

  step('// axe at');
  // For docs/player.md (scripts/test-player.sh --screenshots): the cards
  // with progress, and a search without accents at 360 px.
  if (SCREENSHOTS && name === 'Chromium') {
    await d.setWidth(1366);
    await d.page.click('button[data-lang="pt"]');
    await d.page.screenshot({ path: path.join(SCREENSHOTS, 'catalogue.png'), fullPage: true });
    await d.setWidth(360);
    await search(d, 'macaroca');
    await d.page.screenshot({ path: path.join(SCREENSHOTS, 'catalogue-search-360.png'), fullPage: true });
    await search(d, '');
    await d.page.click('button[data-lang="en"]');
  }

  // axe at 1366 and 360 px, in both languages, searching and not. The
  // check itself works: a planted image without alt is found.
  await d.evaluate(() => document.querySelector('main').appendChild(Object.assign(document.createElement('img'), { id: 'planted', src: 'none.png' })));
  assert.match((await violations(d)).join('\n'), /image-alt/);
  await d.evaluate(() => document.getElementById('planted').remove());
  const found = [];
  for (const width of [1366, 360]) {
    await d.setWidth(width);
    for (const [what, lang, q] of [['home', 'pt', ''], ['search', 'pt', 'macaroca'], ['no result', 'en', 'zzz'], ['home', 'en', '']]) {
      await d.page.click(`button[data-lang="${lang}"]`);
      await search(d, q);
      await sleep(100);
      for (const v of await violations(d)) found.push(`${name} ${width}px ${lang} ${what}: ${v}`);
    }
  }
  assert.deepEqual(found, [], `\n${found.join('\n')}`);
  await search(d, '');
  await d.page.click('button[data-lang="pt"]');
}

/**
 * By keyboard only, from a fresh page: the skip link, the language buttons,
 * the search box (typed into), then the found course's link, opened with
 * Enter. Every stop shows a visible outline.
 */
async function keyboard(d, name) {
  await d.setWidth(360);
  await d.open();
  const stops = [];
  const focused = () => d.evaluate(() => {
    const a = document.activeElement;
    const s = getComputedStyle(a);
    return { tag: a.tagName.toLowerCase(), id: a.id, cls: a.className, text: (a.textContent || '').trim(), outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 };
  });
  for (let i = 0; i < 4; i++) {
    await d.page.keyboard.press('Tab');
    stops.push(await focused());
  }
  assert.deepEqual(stops.map((s) => s.cls || s.id), ['skip', 'tool lang', 'tool lang', 'q'], JSON.stringify(stops));
  await d.page.keyboard.type('macaroca');
  await d.waitFor(() => document.querySelectorAll('.card').length === 1);
  await d.page.keyboard.press('Tab'); // Clear
  stops.push(await focused());
  await d.page.keyboard.press('Tab'); // the course
  const link = await focused();
  stops.push(link);
  assert.equal(link.cls, 'card-link', JSON.stringify(link));
  const bad = stops.filter((s) => !s.outline).map((s) => s.cls || s.id);
  assert.deepEqual(bad, [], `${name}: stops without a visible outline`);
  await Promise.all([d.page.waitForNavigation(), d.page.keyboard.press('Enter')]);
  await d.page.waitForSelector('#app.ready main h1');
  assert.match(d.page.url(), /\/courses\/[^/]+\/[0-9a-f]{16}\/index\.html$/);
}

test('Chromium: the catalogue of a stick of three courses', async () => retryingChromiumStorage(async () => {
  const context = await chromium.launchPersistentContext(freshProfile('juntos-catalogue-chromium-'), {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, locale: 'pt-MZ', viewport: { width: 1366, height: 800 },
  });
  closers.push(() => context.close());
  await skipLearnerPrompt(context);
  const d = driver(context.pages()[0] || (await context.newPage()), 'playwright');
  await catalogue(d, 'Chromium');
  await keyboard(driver(await context.newPage(), 'playwright'), 'Chromium');
  assert.deepEqual(d.seen.network, [], 'no request leaves file://');
  assert.deepEqual(d.seen.errors, [], 'no console errors');
}, 10));

test('Firefox ESR: the catalogue of a stick of three courses', async () => {
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: freshProfile('juntos-catalogue-firefox-'),
    extraPrefsFirefox: { 'intl.accept_languages': 'en-GB, en' },
  });
  closers.push(() => browser.close());
  const page = await browser.newPage();
  await skipLearnerPrompt(page);
  await page.setViewport({ width: 1366, height: 800 });
  const d = driver(page, 'puppeteer');
  await catalogue(d, 'Firefox');
  const second = await browser.newPage();
  await skipLearnerPrompt(second);
  await keyboard(driver(second, 'puppeteer'), 'Firefox');
  assert.deepEqual(d.seen.network, [], 'no request leaves file://');
  assert.deepEqual(d.seen.errors, [], 'no console errors');
});
