// Captions sized for the video (issue 16, item 3), in Debian's Chromium
// (playwright-core) and Firefox ESR (puppeteer-core over WebDriver BiDi):
// at 360 px and 1366 px, a long two-line cue (71 characters, what a
// subtitler puts in two lines) is drawn in at most two lines over the
// picture, in a readable size. The browsers draw cues where page scripts
// cannot measure them (a closed shadow tree in Chromium, anonymous content
// in Firefox), so the test paints them one colour with a test style and
// counts the rows of the screenshot they cover: first a one-word cue (one
// line), then the long one; the ratio is the number of lines.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS, FIREFOX, freshProfile, pageUrl, skipLearnerPrompt, sleep } from './support.mjs';

const SHORT = 'Sim.';
const LONG = 'Hoje vamos ver como filtrar a água da chuva com areia e carvão em casa.';
// The smallest caption size the player sets (player/src/captions.ts CUE_MIN_PX).
const MIN_PX = 15;
const PAINT = [0, 255, 1];

const closers = [];
after(async () => {
  for (const close of closers) await close().catch(() => {});
});

/** In the page: the lesson's video shows only `text` as its cue, paused. */
async function showOnly(d, text) {
  await d.evaluate(async ([cueText, paint]) => {
    if (!document.getElementById('test-cue-paint')) {
      const style = document.createElement('style');
      style.id = 'test-cue-paint';
      const c = `rgb(${paint.join(', ')})`;
      style.textContent = `video::cue { color: ${c} !important; background: ${c} !important; text-shadow: none !important; }`;
      document.head.appendChild(style);
    }
    const video = document.querySelector('main video');
    video.pause();
    const track = [...video.textTracks].find((t) => t.mode === 'showing');
    for (const cue of [...track.cues]) track.removeCue(cue);
    track.addCue(new VTTCue(0, 3600, cueText));
    await new Promise((resolve) => {
      video.addEventListener('seeked', resolve, { once: true });
      video.currentTime = video.currentTime > 0.5 ? 0.25 : 0.75;
    });
  }, [text, PAINT]);
  await d.waitFor((t) => {
    const track = [...document.querySelector('main video').textTracks].find((x) => x.mode === 'showing');
    return track.activeCues && track.activeCues.length === 1 && track.activeCues[0].text === t;
  }, text);
  await sleep(400);
}

/** Rows of the video's picture that the painted cue covers (in the page, from a PNG). */
async function paintedRows(d) {
  const png = await d.shotOfVideo();
  return d.evaluate(async ([url, paint]) => {
    const img = new Image();
    await new Promise((resolve, reject) => { img.onload = resolve; img.onerror = reject; img.src = url; });
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0);
    const { data } = g.getImageData(0, 0, img.width, img.height);
    let rows = 0;
    for (let y = 0; y < img.height; y++) {
      let hits = 0;
      for (let x = 0; x < img.width; x++) {
        const i = (y * img.width + x) * 4;
        if (Math.abs(data[i] - paint[0]) <= 3 && Math.abs(data[i + 1] - paint[1]) <= 3 && Math.abs(data[i + 2] - paint[2]) <= 3) hits++;
      }
      if (hits >= 8) rows++;
    }
    return rows;
  }, [`data:image/png;base64,${png}`, PAINT]);
}

async function checkWidth(d, name, width) {
  await d.setWidth(width);
  await d.goto(pageUrl());
  await d.waitFor(() => document.querySelector('#app.ready') !== null);
  const lesson = await d.evaluate(() => window.JUNTOS_COURSE.modules[0].lessons[0].id);
  await d.evaluate((id) => { window.location.hash = `#/lesson/${id}`; }, lesson);
  await d.waitFor(() => {
    const v = document.querySelector('main video');
    return v && v.readyState >= 1 && v.hasAttribute('data-cue-px') && [...v.textTracks].some((t) => t.mode === 'showing');
  });
  const size = await d.evaluate(() => {
    const v = document.querySelector('main video');
    return { px: Number(v.getAttribute('data-cue-px')), width: v.getBoundingClientRect().width };
  });
  const what = `${name} at ${width} px (video ${Math.round(size.width)} px wide, captions ${size.px} px)`;
  assert.ok(size.px >= MIN_PX, `${what}: a readable size`);
  assert.ok(size.width <= width, `${what}: the video fits the screen`);

  await showOnly(d, SHORT);
  const one = await paintedRows(d);
  await showOnly(d, LONG);
  const long = await paintedRows(d);
  const lines = Math.round(long / one);
  console.log(`${what}: one line ${one} px, the long cue ${long} px: ${lines} line(s)`);
  // A line of a readable caption is at least as tall as its font.
  assert.ok(one >= MIN_PX, `${what}: one caption line is ${one} px tall`);
  assert.ok(lines >= 1 && lines <= 2, `${what}: the long cue takes ${lines} lines (${long} / ${one} px)`);
}

test('Chromium: captions are sized for the video, at most two lines at 360 and 1366 px', async () => {
  const context = await chromium.launchPersistentContext(freshProfile('juntos-cues-chromium-'), {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, locale: 'pt-MZ', viewport: { width: 1366, height: 800 },
  });
  closers.push(() => context.close());
  await skipLearnerPrompt(context);
  const page = context.pages()[0] || (await context.newPage());
  const d = {
    goto: (url) => page.goto(url),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitFor: (fn, arg) => page.waitForFunction(fn, arg, { timeout: 15000 }),
    setWidth: (w) => page.setViewportSize({ width: w, height: 800 }),
    shotOfVideo: async () => (await page.locator('main video').screenshot({ animations: 'disabled' })).toString('base64'),
  };
  for (const width of [360, 1366]) await checkWidth(d, 'Chromium', width);
});

test('Firefox ESR: captions are sized for the video, at most two lines at 360 and 1366 px', async () => {
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: freshProfile('juntos-cues-firefox-'),
    extraPrefsFirefox: { 'intl.accept_languages': 'pt-MZ, pt', 'media.autoplay.default': 0, 'media.autoplay.blocking_policy': 0 },
  });
  closers.push(() => browser.close());
  const page = await browser.newPage();
  await skipLearnerPrompt(page);
  await page.setViewport({ width: 1366, height: 800 });
  const d = {
    goto: (url) => page.goto(url),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitFor: (fn, arg) => page.waitForFunction(fn, { timeout: 15000 }, arg),
    setWidth: (w) => page.setViewport({ width: w, height: 800 }),
    shotOfVideo: async () => {
      const video = await page.$('main video');
      return video.screenshot({ encoding: 'base64' });
    },
  };
  for (const width of [360, 1366]) await checkWidth(d, 'Firefox', width);
});
