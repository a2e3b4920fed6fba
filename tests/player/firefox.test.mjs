// A smoke test of the offline player in Debian's Firefox ESR, driven by
// puppeteer-core over WebDriver BiDi (nothing is downloaded): the same
// exported sample, opened by file://.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
import { FIREFOX, freshProfile, isNetwork, pageUrl, posterInPage, preparedVideo, skipLearnerPrompt, sleep } from './support.mjs';
import { playBriefly } from '../common/play-video.mjs';

let browser;
after(async () => {
  if (browser) await browser.close().catch(() => {});
});

async function waitFor(page, fn, arg) {
  await page.waitForFunction(fn, { timeout: 10000 }, arg);
}

test('Firefox ESR plays the course from file:// with no network and no errors', async () => {
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: freshProfile('juntos-firefox-'),
    extraPrefsFirefox: {
      // An English-language laptop (the Portuguese course still opens in Portuguese).
      'intl.accept_languages': 'en-GB, en',
      'media.autoplay.default': 0,
      'media.autoplay.blocking_policy': 0,
    },
  });
  const page = await browser.newPage();
  await skipLearnerPrompt(page);
  const network = [];
  const errors = [];
  page.on('request', (r) => {
    if (isNetwork(r.url())) network.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));

  await page.goto(pageUrl());
  await page.waitForSelector('#app.ready');
  const data = await page.evaluate(() => window.JUNTOS_COURSE);
  const lessons = data.modules.flatMap((m) => m.lessons);
  const h1 = () => page.evaluate(() => document.querySelector('main h1').textContent);

  // The course title, in Portuguese: the course's source language, although the browser asks for English.
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'pt');
  assert.equal(await h1(), data.title.pt);

  // Navigation: start, then Next.
  await page.click('.hero .btn.primary');
  await waitFor(page, (t) => document.querySelector('main h1').textContent === t, lessons[0].title.pt);
  const tracks = () => page.evaluate(() => [...document.querySelector('main video').textTracks].map((t) => [t.language, t.mode, t.cues ? t.cues.length : null]));
  await waitFor(page, () => { const v = document.querySelector('main video'); return v && v.readyState >= 1; });
  assert.deepEqual(await tracks(), [['pt', 'showing', 2], ['en', 'hidden', 2]]);
  const { time } = await playBriefly(page);
  assert.ok(time >= 0.3, `the video plays (${time})`);

  // The language switch: text, lang attribute and captions follow.
  await page.click('button[data-lang="en"]');
  await waitFor(page, (t) => document.querySelector('main h1').textContent === t, lessons[0].title.en);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await waitFor(page, () => { const v = document.querySelector('main video'); return v && v.readyState >= 1; });
  await sleep(200);
  assert.deepEqual(await tracks(), [['pt', 'hidden', 2], ['en', 'showing', 2]]);

  await page.click('.pager-next');
  await waitFor(page, (t) => document.querySelector('main h1').textContent === t, lessons[1].title.en);
  await page.click('.pager-prev');
  await waitFor(page, (t) => document.querySelector('main h1').textContent === t, lessons[0].title.en);

  // Facilitator notes, and the language kept across a reload.
  assert.equal(await page.$('.notes'), null);
  await page.click('.facilitator-toggle');
  await page.waitForSelector('.notes');
  await page.reload();
  await page.waitForSelector('#app.ready');
  assert.equal(await h1(), lessons[0].title.en);
  assert.ok(await page.$('.notes'), 'facilitator mode is remembered');
  assert.equal(await page.$$eval('.toc .status-done', (l) => l.length), 2);

  // The video prepared with ffmpeg (H.264/AAC, 480p): its poster, and it plays.
  const prepared = preparedVideo(data);
  await page.goto(pageUrl('sample', `#/lesson/${prepared.lesson.id}`));
  await page.waitForSelector('#app.ready');
  await waitFor(page, (src) => { const v = document.querySelector(`main video[src="${src}"]`); return v && v.readyState >= 1; }, prepared.src);
  assert.deepEqual(await page.evaluate(posterInPage, prepared.src), { found: true, poster: prepared.poster, width: 854, videos: 1 });
  // It loads (metadata, 480p) without a media error, and plays. (Before
  // prepare cut the sound to the picture's length, the AAC ran ~18 ms past
  // the video and headless Firefox ESR stalled at readyState 2.)
  const loaded = await page.evaluate((src) => {
    const v = document.querySelector(`main video[src="${src}"]`);
    return { width: v.videoWidth, height: v.videoHeight, error: v.error && v.error.code };
  }, prepared.src);
  assert.deepEqual(loaded, { width: 854, height: 480, error: null });
  const played = await playBriefly(page);
  assert.ok(played.time >= 0.3 && played.error === null, `the prepared video plays: ${JSON.stringify(played)}`);

  assert.deepEqual(network, [], 'no request leaves file://');
  assert.deepEqual(errors, [], 'no console errors');
});
