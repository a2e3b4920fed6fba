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
