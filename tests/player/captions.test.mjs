// Captions sized for the video (issue 16, item 3), in Debian's Chromium
// (playwright-core) and Firefox ESR (puppeteer-core over WebDriver BiDi):
// at 360 px and 1366 px, a long two-line cue (71 characters, what a
// subtitler puts in two lines) is drawn in at most two lines over the
// picture, in a readable size. The browsers draw cues where page scripts
// cannot measure them (a closed shadow tree in Chromium, anonymous content
// in Firefox), so the test paints them one colour with a test style and
// counts the rows of the screenshot they cover (against a shot of the same
// paused frame without a cue): first a one-word cue (one line), then the
// long one; the ratio is the number of lines.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS, FIREFOX, SAMPLE_ROOT, freshProfile, pageUrl, skipLearnerPrompt, sleep } from './support.mjs';

const SHORT = 'Sim.';
const LONG = 'Hoje vamos ver como filtrar a água da chuva com areia e carvão em casa.';
// The smallest caption size the player sets (player/src/captions.ts CUE_MIN_PX).
const MIN_PX = 15;
const PAINT = [255, 128, 1];

const closers = [];
after(async () => {
  for (const close of closers) await close().catch(() => {});
});

/** In the page: the lesson's video, paused at 0.3 s, has `text` as its only cue. */
async function showOnly(d, text) {
  await d.evaluate(async ([cueText]) => {
    if (!document.getElementById('test-cue-paint')) {
      // A stylesheet file beside player.css: the page's CSP takes no inline style.
      const link = document.createElement('link');
      link.id = 'test-cue-paint';
      link.rel = 'stylesheet';
      link.href = 'player/test-cue-paint.css';
      await new Promise((resolve, reject) => { link.onload = resolve; link.onerror = reject; document.head.appendChild(link); });
    }
    const video = document.querySelector('main video');
    video.pause();
    // Chromium darkens the picture under its controls (shown while paused),
    // the cue's lower line with it: measured without them.
    video.controls = false;
    const track = [...video.textTracks].find((t) => t.mode === 'showing');
    window.testTrack = track;
    for (const cue of [...track.cues]) track.removeCue(cue);
    track.addCue(new VTTCue(0, 3600, cueText));
    await new Promise((resolve) => {
      video.addEventListener('seeked', resolve, { once: true });
      video.currentTime = video.currentTime === 0.3 ? 0.35 : 0.3;
    });
  }, [text]);
  await d.waitFor((t) => {
    const track = window.testTrack;
    const active = track.activeCues ? [...track.activeCues].map((c) => c.text) : [];
    return active.length === 1 && active[0] === t;
  }, text);
  await sleep(400);
}

/** Shows or hides the cue of `showOnly` (the same paused frame either way). */
async function cueShown(d, shown) {
  await d.evaluate((on) => { window.testTrack.mode = on ? 'showing' : 'hidden'; }, shown);
  await sleep(400);
}

/** The pixels of a PNG (8-bit RGB or RGBA, not interlaced, as browsers' screenshots are). */
function decodePng(buffer) {
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data = [];
  while (pos < buffer.length) {
    const length = buffer.readUInt32BE(pos);
    const type = buffer.toString('ascii', pos + 4, pos + 8);
    const body = buffer.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      assert.equal(body[8], 8, 'an 8-bit PNG');
      assert.equal(body[12], 0, 'not interlaced');
      channels = { 2: 3, 6: 4 }[body[9]];
      assert.ok(channels, `colour type ${body[9]}`);
    } else if (type === 'IDAT') {
      data.push(body);
    }
    pos += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      let value = line[x];
      if (filter === 1) value += a;
      else if (filter === 2) value += b;
      else if (filter === 3) value += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        value += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = value & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

const isPaint = (p, i) => Math.abs(p[i] - PAINT[0]) <= 3 && Math.abs(p[i + 1] - PAINT[1]) <= 3 && Math.abs(p[i + 2] - PAINT[2]) <= 3;

/**
 * Rows of the video's picture that the painted cue `text` covers: the same
 * paused frame is shot with the cue and without, and a row counts when at
 * least 8 of its pixels are the paint with the cue and not without.
 */
async function paintedRows(d, text) {
  await showOnly(d, text);
  await cueShown(d, false);
  const bareShot = await d.shotOfVideo();
  await cueShown(d, true);
  const cueShot = await d.shotOfVideo();
  if (process.env.CUE_SHOTS) {
    fs.writeFileSync(`${process.env.CUE_SHOTS}/${text.length}-bare.png`, Buffer.from(bareShot, 'base64'));
    fs.writeFileSync(`${process.env.CUE_SHOTS}/${text.length}-cue.png`, Buffer.from(cueShot, 'base64'));
  }
  const bare = decodePng(Buffer.from(bareShot, 'base64'));
  const shot = decodePng(Buffer.from(cueShot, 'base64'));
  assert.deepEqual([shot.width, shot.height], [bare.width, bare.height]);
  let rows = 0;
  for (let y = 0; y < shot.height; y++) {
    let hits = 0;
    for (let x = 0; x < shot.width; x++) {
      const i = (y * shot.width + x) * shot.channels;
      const j = (y * bare.width + x) * bare.channels;
      if (isPaint(shot.pixels, i) && !isPaint(bare.pixels, j)) hits++;
    }
    if (hits >= 8) rows++;
  }
  return rows;
}

async function checkWidth(d, name, width) {
  const c = `rgb(${PAINT.join(', ')})`;
  fs.writeFileSync(path.join(SAMPLE_ROOT, 'sample', 'player', 'test-cue-paint.css'),
    `video::cue { color: ${c} !important; background: ${c} !important; text-shadow: none !important; }\n`);
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

  const one = await paintedRows(d, SHORT);
  assert.equal(await d.evaluate(() => window.testTrack.mode), 'showing');
  const long = await paintedRows(d, LONG);
  const lines = Math.round(long / one);
  console.log(`${what}: one line ${one} px, the long cue ${long} px: ${lines} line(s)`);
  // A line of a readable caption is at least as tall as its font, and the
  // font is the one set for this video's width (not the browser's own size).
  assert.ok(one >= MIN_PX, `${what}: one caption line is ${one} px tall`);
  assert.ok(one >= size.px && one <= size.px * 1.6, `${what}: a line of ${one} px for ${size.px} px captions`);
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
