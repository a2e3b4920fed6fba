// Sign-language interpretation in the player (issue 16), in Debian's
// Chromium (playwright-core) and Firefox ESR (puppeteer-core over WebDriver
// BiDi): the `sign` sample (tests/player/sign_sample.rs) has a video made by
// real ffmpeg and its interpreter (another size and frame rate, longer, with
// a sound) 1 s ahead. The picture-in-picture window follows play, pause,
// seek and rate within 0.3 s; the learner turns it off and on, moves it and
// enlarges it with labelled buttons (the keyboard works), and the choice
// survives a reload; at 360 px it stacks under the video; axe-core finds no
// WCAG 2.1 A/AA violation with it shown; the handout says the video has
// interpretation.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS, FIREFOX, freshProfile, isNetwork, pageUrl, retryingChromiumStorage, skipLearnerPrompt, sleep } from './support.mjs';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const OFFSET = 1.0;
const TOLERANCE = 0.3;

const closers = [];
after(async () => {
  for (const close of closers) await close().catch(() => {});
});

/** The lesson, the video and its interpreter of the sample's course data. */
function signedVideo(data) {
  const found = Object.entries(data.media).filter(([, m]) => m.interpreter);
  assert.equal(found.length, 1, `one video has an interpreter: ${JSON.stringify(Object.keys(data.media))}`);
  const [src, media] = found[0];
  assert.deepEqual(Object.keys(media.interpreter).sort(), ['en', 'pt']);
  assert.equal(media.interpreter.pt.offset_ms, OFFSET * 1000);
  const lesson = data.modules.flatMap((m) => m.lessons).find((l) => l.body.pt.includes(`src="${src}"`));
  assert.ok(lesson, `a lesson shows ${src}`);
  const module = data.modules.find((m) => m.lessons.includes(lesson));
  return { src, interpreter: media.interpreter.pt.src, lesson, module };
}

/** In the page: the main video, its interpreter, and what the test compares. */
function state(src) {
  const main = document.querySelector(`main video[src="${src}"]`);
  const pip = main && main.closest('figure').querySelector('video.sign-video');
  if (!main || !pip) return null;
  const stage = main.closest('.sign-stage');
  const win = pip.closest('.sign-window');
  const box = (e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width }; };
  return {
    main: { time: main.currentTime, paused: main.paused, rate: main.playbackRate, ready: main.readyState, box: box(main) },
    pip: { time: pip.currentTime, paused: pip.paused, rate: pip.playbackRate, ready: pip.readyState, muted: pip.muted, src: pip.getAttribute('src'), box: box(pip), error: pip.error && pip.error.code },
    hidden: win.hidden,
    corner: stage.getAttribute('data-corner'),
    size: stage.getAttribute('data-size'),
    buttons: [...main.closest('figure').querySelectorAll('.sign-controls button')].filter((b) => !b.hidden && getComputedStyle(b).display !== 'none').map((b) => b.textContent),
  };
}

async function violations(d) {
  if (!(await d.evaluate(() => typeof window.axe === 'object'))) await d.evaluate(AXE);
  return d.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags }, rules: { 'label-content-name-mismatch': { enabled: true } }, resultTypes: ['violations'],
    });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`).join('\n'));
  }, TAGS);
}

/** The whole check, with `d` a page of either driver. */
async function checkSign(d, name) {
  const network = [];
  const errors = [];
  d.onNetwork((url) => { if (isNetwork(url)) network.push(url); });
  d.onError((e) => errors.push(e));
  await d.goto(pageUrl('sign'));
  await d.waitFor(() => document.querySelector('#app.ready') !== null);
  const data = await d.evaluate(() => window.JUNTOS_COURSE);
  const { src, interpreter, lesson, module } = signedVideo(data);
  await d.evaluate((h) => { window.location.hash = h; }, `#/lesson/${lesson.id}`);
  await d.waitFor((s) => { const v = document.querySelector(`main video[src="${s}"]`); const p = document.querySelector('main video.sign-video'); return v && p && v.readyState >= 1 && p.readyState >= 1; }, src);
  let s = await d.evaluate(state, src);
  assert.equal(s.pip.src, interpreter);
  assert.equal(s.pip.muted, true, 'the interpreter is never heard');
  assert.equal(s.hidden, false, 'shown by default');
  assert.deepEqual(s.buttons, ['Esconder o intérprete de língua gestual', 'Mudar o intérprete de canto', 'Aumentar o intérprete']);
  const near = (x, what) => assert.ok(Math.abs(x.pip.time - (x.main.time + OFFSET)) <= TOLERANCE, `${name} ${what}: interpreter ${x.pip.time} vs video ${x.main.time} + ${OFFSET}`);

  // Play: both play, the interpreter 1 s ahead.
  await d.evaluate((s) => { const v = document.querySelector(`main video[src="${s}"]`); v.muted = true; v.play().catch(() => {}); }, src);
  await d.waitFor((s) => { const v = document.querySelector(`main video[src="${s}"]`); const p = document.querySelector('main video.sign-video'); return v.currentTime > 1.2 && !v.paused && !p.paused; }, src);
  s = await d.evaluate(state, src);
  assert.ok(!s.main.paused && !s.pip.paused, `${name}: both play`);
  assert.equal(s.pip.error, null);
  // Pause: both stop, in step.
  await d.evaluate((s) => document.querySelector(`main video[src="${s}"]`).pause(), src);
  await d.waitFor(() => document.querySelector('main video.sign-video').paused);
  await sleep(300);
  s = await d.evaluate(state, src);
  assert.ok(s.main.paused && s.pip.paused, `${name}: both paused`);
  near(s, 'after pause');
  // Seek: the interpreter follows to video + offset.
  await d.evaluate((s) => { document.querySelector(`main video[src="${s}"]`).currentTime = 4; }, src);
  await d.waitFor(() => { const p = document.querySelector('main video.sign-video'); return !p.seeking && Math.abs(p.currentTime - 5) < 0.3; });
  s = await d.evaluate(state, src);
  near(s, 'after seek');
  // Rate 1.5, copied; playing on, still in step.
  await d.evaluate((s) => { const v = document.querySelector(`main video[src="${s}"]`); v.playbackRate = 1.5; v.play().catch(() => {}); }, src);
  await d.waitFor((s) => document.querySelector(`main video[src="${s}"]`).currentTime > 5, src);
  s = await d.evaluate(state, src);
  assert.equal(s.pip.rate, 1.5, `${name}: rate copied`);
  await d.evaluate((s) => document.querySelector(`main video[src="${s}"]`).pause(), src);
  await d.waitFor(() => document.querySelector('main video.sign-video').paused);
  await sleep(300);
  near(await d.evaluate(state, src), 'after playing at 1.5');

  // Off and on, from the keyboard.
  await d.focus('.sign-toggle');
  await d.press('Enter');
  await d.waitFor(() => document.querySelector('.sign-window').hidden);
  s = await d.evaluate(state, src);
  assert.deepEqual(s.buttons, ['Mostrar o intérprete de língua gestual']);
  assert.equal(await d.evaluate(() => document.activeElement.className), 'btn sign-toggle', 'focus stays on the button');
  await d.press('Enter');
  await d.waitFor(() => !document.querySelector('.sign-window').hidden);
  // Another corner and larger, remembered after a reload.
  assert.equal(s.corner, 'br');
  await d.click('.sign-corner');
  await d.click('.sign-size');
  s = await d.evaluate(state, src);
  assert.equal(s.corner, 'bl');
  assert.equal(s.size, 'large');
  assert.ok(s.pip.box.left < s.main.box.left + s.main.box.width / 2, `${name}: on the left (${JSON.stringify(s.pip.box)})`);
  assert.ok(s.pip.box.width > s.main.box.width * 0.4, `${name}: enlarged`);
  await d.reload();
  await d.waitFor((s) => document.querySelector(`main video[src="${s}"]`) && document.querySelector('main video.sign-video'), src);
  s = await d.evaluate(state, src);
  assert.deepEqual([s.corner, s.size, s.hidden], ['bl', 'large', false], `${name}: remembered`);
  // axe-core reads the style sheets, which the player's CSP refuses (a console error of axe's own).
  assert.deepEqual(errors, [], `${name}: no console errors`);
  const axeWide = await violations(d);

  // A phone: the interpreter under the video, full width.
  await d.setWidth(360);
  await sleep(300);
  s = await d.evaluate(state, src);
  assert.ok(s.pip.box.top >= s.main.box.bottom - 1, `${name} 360 px: stacked (${JSON.stringify([s.main.box, s.pip.box])})`);
  assert.ok(Math.abs(s.pip.box.width - s.main.box.width) < 2, `${name} 360 px: full width`);
  const axeNarrow = await violations(d);
  await d.setWidth(1366);
  assert.deepEqual([...axeWide, ...axeNarrow], [], `${name}:\n${[...axeWide, ...axeNarrow].join('\n')}`);

  // The handout says which video has interpretation.
  await d.evaluate((h) => { window.location.hash = h; }, `#/module/${module.id}`);
  await d.waitFor(() => document.querySelector('.handout-lesson') !== null);
  const notes = await d.evaluate(() => [...document.querySelectorAll('.sign-note')].map((n) => n.textContent));
  assert.deepEqual(notes, ['Este vídeo tem interpretação em língua gestual.']);
  assert.deepEqual(network, [], `${name}: no request leaves file://`);
}

test('Chromium: the interpreter window follows the video and the learner controls it', async () => retryingChromiumStorage(async () => {
  const context = await chromium.launchPersistentContext(freshProfile('juntos-sign-chromium-'), {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, locale: 'pt-MZ', viewport: { width: 1366, height: 800 },
  });
  closers.push(() => context.close());
  await skipLearnerPrompt(context);
  const page = context.pages()[0] || (await context.newPage());
  await checkSign({
    goto: (url) => page.goto(url),
    reload: () => page.reload(),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitFor: (fn, arg) => page.waitForFunction(fn, arg, { timeout: 15000 }),
    click: (sel) => page.click(sel),
    focus: (sel) => page.focus(sel),
    press: (key) => page.keyboard.press(key),
    setWidth: (w) => page.setViewportSize({ width: w, height: 800 }),
    onNetwork: (f) => page.on('request', (r) => f(r.url())),
    onError: (f) => {
      page.on('console', (m) => { if (m.type() === 'error') f(m.text()); });
      page.on('pageerror', (e) => f(String(e)));
    },
  }, 'Chromium');
}));

test('Firefox ESR: the interpreter window follows the video and the learner controls it', async () => {
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: freshProfile('juntos-sign-firefox-'),
    extraPrefsFirefox: { 'intl.accept_languages': 'pt-MZ, pt', 'media.autoplay.default': 0, 'media.autoplay.blocking_policy': 0 },
  });
  closers.push(() => browser.close());
  const page = await browser.newPage();
  await skipLearnerPrompt(page);
  await page.setViewport({ width: 1366, height: 800 });
  await checkSign({
    goto: (url) => page.goto(url),
    reload: () => page.reload(),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitFor: (fn, arg) => page.waitForFunction(fn, { timeout: 15000 }, arg),
    click: (sel) => page.click(sel),
    focus: (sel) => page.focus(sel),
    press: (key) => page.keyboard.press(key),
    setWidth: (w) => page.setViewport({ width: w, height: 800 }),
    onNetwork: (f) => page.on('request', (r) => f(r.url())),
    onError: (f) => {
      page.on('console', (m) => { if (m.type() === 'error') f(m.text()); });
      page.on('pageerror', (e) => f(String(e)));
    },
  }, 'Firefox');
});
