// Shared by the browser tests: where the sample package is, how to start
// Debian's browsers without downloading anything, and what counts as a
// network request or an error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const SAMPLE_ROOT = process.env.JUNTOS_PLAYER_SAMPLE;
if (!SAMPLE_ROOT || !fs.existsSync(path.join(SAMPLE_ROOT, 'sample', 'index.html'))) {
  throw new Error('JUNTOS_PLAYER_SAMPLE must name the folder the Rust test writes the sample into: run scripts/test-player.sh');
}

/** file:// URL of a sample package's index.html (`sample` = both languages, `sample-en` = English only). */
export function pageUrl(name = 'sample', hash = '') {
  return pathToFileURL(path.join(SAMPLE_ROOT, name, 'index.html')).href + hash;
}

export const CHROMIUM = process.env.JUNTOS_CHROMIUM || '/usr/bin/chromium';
export const FIREFOX = process.env.JUNTOS_FIREFOX || '/usr/bin/firefox-esr';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-default-apps',
  '--autoplay-policy=no-user-gesture-required',
];

/** Folder for screenshots, when asked for (`scripts/test-player.sh --screenshots`). */
export const SCREENSHOTS = process.env.JUNTOS_PLAYER_SCREENSHOTS || '';

export function freshProfile(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Only file: (and the browsers' own data: URLs) are allowed; anything else is the network. */
export function isNetwork(url) {
  return !/^(file|data|blob|about|chrome|chrome-extension|moz-extension|resource):/.test(url);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The sample's video prepared by the core with real ffmpeg (issue 12; the
 * Rust test makes and prepares it): its package path, its poster's path
 * (a file the export wrote) and the lesson that shows it.
 */
export function preparedVideo(data, name = 'sample') {
  const entries = Object.entries(data.media).filter(([, m]) => m.kind === 'video' && m.poster);
  if (entries.length !== 1) throw new Error(`the sample has one prepared video with a poster: ${JSON.stringify(data.media)}`);
  const [src, media] = entries[0];
  if (!/^media\/[0-9a-f]{64}\.mp4$/.test(src) || !/^media\/[0-9a-f]{64}\.jpe?g$/.test(media.poster)) {
    throw new Error(`prepared video and poster paths: ${src} ${media.poster}`);
  }
  if (!fs.statSync(path.join(SAMPLE_ROOT, name, media.poster)).size) throw new Error(`empty poster ${media.poster}`);
  const lesson = data.modules.flatMap((m) => m.lessons).find((l) => l.body.pt.includes(`src="${src}"`));
  if (!lesson) throw new Error(`no lesson shows ${src}`);
  return { src, poster: media.poster, lesson };
}

/**
 * In the page (Chromium or Firefox): the lesson's <video> for `src`, its
 * poster attribute, and whether that image loads (its decoded width).
 */
export function posterInPage(src) {
  return new Promise((resolve) => {
    const v = document.querySelector(`main video[src="${src}"]`);
    if (!v) return resolve({ found: false });
    const poster = v.getAttribute('poster');
    const img = new Image();
    img.onload = () => resolve({ found: true, poster, width: img.naturalWidth, videos: document.querySelectorAll('main video').length });
    img.onerror = () => resolve({ found: true, poster, width: 0, videos: document.querySelectorAll('main video').length });
    img.src = poster || 'about:blank';
  });
}

/**
 * Learners (issue 17): on first start the player asks who is learning, in a
 * dialog. Tests of other things start as a device where that was answered:
 * `skipLearnerPrompt(contextOrPage)` before the first page opens (a
 * playwright context: every page of it; a puppeteer page: that page).
 * results.test.mjs and a11y.test.mjs test the dialog itself.
 */
export async function skipLearnerPrompt(target) {
  const asked = () => {
    try {
      window.localStorage.setItem('juntos.learners.asked', '1');
    } catch (e) {
      /* no localStorage: the player does not ask then */
    }
  };
  if (typeof target.addInitScript === 'function') await target.addInitScript(asked);
  else await target.evaluateOnNewDocument(asked);
}

/**
 * Runs a Chromium test that checks something is kept in localStorage
 * across a reload or a navigation, again (in a fresh profile) when it fails,
 * at most six times (the catalogue's test, which loads a dozen pages, ten).
 * Debian's Chromium 156.0.8078.114 (headless) now and
 * then loses the player's localStorage writes from a file:// page: the page
 * reads them back, but a second page of the same browser never sees them
 * (polled for 10 s) and a reload forgets them. Measured on this machine with
 * the sample player: 5–40 % of page loads; never on a blank page; the
 * previous session's player bundle too; Firefox ESR never. A real fault
 * (nothing kept) fails every run; each retry is printed.
 */
export async function retryingChromiumStorage(run, attempts = 6) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt);
    } catch (error) {
      if (attempt >= attempts) throw error;
      console.log(`# Chromium storage retry ${attempt}/${attempts - 1}: ${String(error.message).split('\n')[0]}`);
    }
  }
}
