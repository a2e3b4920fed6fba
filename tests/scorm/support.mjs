// Shared by the SCORM and Kolibri browser tests: where the unzipped
// packages are, a tiny static server on 127.0.0.1 (an LMS or Kolibri serves
// packages over HTTP, and a SCO must be the same origin as the LMS page to
// reach its API), Debian's Chromium, and the suspend_data format of
// docs/scorm.md written again here from the documentation.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));

export const SAMPLE_ROOT = process.env.JUNTOS_SCORM_SAMPLE;
if (!SAMPLE_ROOT || !fs.existsSync(path.join(SAMPLE_ROOT, 'scorm', 'imsmanifest.xml'))) {
  throw new Error('JUNTOS_SCORM_SAMPLE must name the folder the Rust test unzips the packages into: run scripts/test-scorm.sh');
}

export const CHROMIUM = process.env.JUNTOS_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-default-apps',
  '--autoplay-policy=no-user-gesture-required',
];

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.xml': 'application/xml', '.webm': 'video/webm', '.mp4': 'video/mp4', '.png': 'image/png', '.jpg': 'image/jpeg',
};

// The host pages: an LMS page that puts a scorm-again SCORM 1.2 API in
// window.API and loads the SCO in a frame, and a Kolibri-like page that
// loads the HTML5 app in <iframe sandbox="allow-scripts">.
const PAGES = {
  '/lms/host.html': `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="/lms/scorm12.js"></script><script src="/lms/host.js"></script></head>
<body style="margin:0"><iframe id="sco" title="SCO" style="border:0;width:1200px;height:800px"></iframe></body></html>`,
  '/lms/popup-host.html': `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test LMS (new window)</title>
<script src="/lms/scorm12.js"></script><script src="/lms/host.js"></script></head><body></body></html>`,
  '/kolibri/sandbox.html': `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Kolibri-like host</title></head>
<body style="margin:0"><iframe id="app" title="HTML5 app" sandbox="allow-scripts" src="/pkg/html5/index.html" style="border:0;width:1200px;height:800px"></iframe></body></html>`,
  // Results files (issue 17): hosts whose sandbox the player can read (same
  // origin), with and without allow-downloads.
  '/kolibri/downloads.html': `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host allowing downloads</title></head>
<body style="margin:0"><iframe id="app" title="HTML5 app" sandbox="allow-scripts allow-same-origin allow-downloads" src="/pkg/html5/index.html" style="border:0;width:1200px;height:800px"></iframe></body></html>`,
  '/kolibri/no-downloads.html': `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host refusing downloads</title></head>
<body style="margin:0"><iframe id="app" title="HTML5 app" sandbox="allow-scripts allow-same-origin" src="/pkg/html5/index.html" style="border:0;width:1200px;height:800px"></iframe></body></html>`,
};

// window.LMS.start(cmi, pkg, popup, parameters): a fresh scorm-again API,
// loaded with what the LMS kept from earlier sessions of this SCO, every
// call logged; the SCO is launched as an LMS does, the resource's href with
// the manifest item's parameters appended.
const HOST_JS = `
window.LMS = {
  calls: [],
  errors: [],
  start: function (cmi, pkg, popup, parameters) {
    var api = new window.Scorm12API({ autocommit: false, logLevel: 5 });
    if (cmi) api.loadFromJSON(cmi);
    ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit'].forEach(function (name) {
      var original = api[name].bind(api);
      api[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        var result = original.apply(null, args);
        var code = String(api.LMSGetLastError());
        window.LMS.calls.push({ name: name, args: args, result: result, error: code });
        if (code !== '0') window.LMS.errors.push(name + '(' + args.join(', ') + ') -> ' + code + ' ' + api.LMSGetErrorString(code));
        return result;
      };
    });
    window.API = api;
    var url = '/pkg/' + pkg + '/index.html' + (parameters || '');
    if (popup) {
      window.LMS.popup = window.open(url, 'sco');
    } else {
      document.getElementById('sco').src = url;
    }
  },
  // What the LMS recorded: the last value set for each element, and the CMI.
  recorded: function () {
    var last = {};
    window.LMS.calls.forEach(function (c) { if (c.name === 'LMSSetValue') last[c.args[0]] = c.args[1]; });
    return { last: last, calls: window.LMS.calls.map(function (c) { return c.name; }), errors: window.LMS.errors,
      cmi: { lesson_status: window.API.cmi.core.lesson_status, raw: window.API.cmi.core.score.raw,
        min: window.API.cmi.core.score.min, max: window.API.cmi.core.score.max,
        suspend_data: window.API.cmi.suspend_data, lesson_location: window.API.cmi.core.lesson_location } };
  },
  leave: function () { document.getElementById('sco').src = 'about:blank'; }
};
`;

function send(res, status, type, body) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

/** Starts the server on 127.0.0.1 (a free port); it closes itself after `lifetimeMs`. */
export async function startServer(lifetimeMs = 10 * 60 * 1000) {
  const scormAgain = path.join(here, 'node_modules', 'scorm-again', 'dist', 'scorm12.js');
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const p = decodeURIComponent(url.pathname);
    if (PAGES[p]) return send(res, 200, TYPES['.html'], PAGES[p]);
    // The browser asks the host for its icon; a real LMS has one.
    if (p === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    if (!p.startsWith('/pkg/') && !p.startsWith('/lms/')) console.error(`test server: 404 ${p}`);
    if (p === '/lms/host.js') return send(res, 200, TYPES['.js'], HOST_JS);
    if (p === '/lms/scorm12.js') return send(res, 200, TYPES['.js'], fs.readFileSync(scormAgain));
    const m = /^\/pkg\/([a-z0-9-]+)\/(.+)$/.exec(p);
    if (!m || m[2].split('/').some((part) => part === '..' || part === '.' || part === '')) return send(res, 404, 'text/plain', 'not found');
    const file = path.join(SAMPLE_ROOT, m[1], ...m[2].split('/'));
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return send(res, 404, 'text/plain', 'not found');
    const size = fs.statSync(file).size;
    const type = TYPES[path.extname(file)] || 'application/octet-stream';
    // Single ranges, as a browser asks for media.
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range || '');
    if (range && (range[1] || range[2])) {
      let start = range[1] ? Number(range[1]) : size - Number(range[2]);
      let end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      start = Math.max(0, start);
      if (start > end) {
        res.writeHead(416, { 'Content-Range': `bytes */${size}` });
        return res.end();
      }
      res.writeHead(206, { 'Content-Type': type, 'Content-Length': end - start + 1, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Accept-Ranges': 'bytes' });
      return fs.createReadStream(file, { start, end }).pipe(res);
    }
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': size, 'Accept-Ranges': 'bytes' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const timer = setTimeout(() => server.close(), lifetimeMs);
  timer.unref();
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    close: () => new Promise((resolve) => { clearTimeout(timer); server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** A page that records console errors, page errors and every request. */
export async function openPage(browser, { locale = 'pt-MZ' } = {}) {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const seen = { errors: [], requests: [] };
  context.on('request', (r) => seen.requests.push(r.url()));
  context.on('console', (m) => { if (m.type() === 'error') seen.errors.push(m.text()); });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  context.on('page', (p) => p.on('pageerror', (e) => seen.errors.push(String(e))));
  return { context, page, seen };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function tmpdir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

// ---------------------------------------------------------------------------
// cmi.suspend_data as docs/scorm.md specifies it (written from the document,
// not copied from the player, so that each checks the other).

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function lessonsOf(course) {
  return course.modules.flatMap((m) => m.lessons);
}

/** What one SCO covers: a module (launched with ?module=<id>) or, without it, the course. */
export function moduleScope(course, moduleId) {
  const module = course.modules.find((m) => m.id === moduleId);
  if (!module) throw new Error(`no module ${moduleId}`);
  return { id: module.id, lessons: module.lessons };
}

export function courseScope(course) {
  return { id: course.id, lessons: lessonsOf(course) };
}

/**
 * The launchable items of an unzipped package's imsmanifest.xml, in order:
 * { identifier, title, href, parameters } (a small reading for the tests;
 * the Rust checker validates the manifest).
 */
export function manifestItems(pkg) {
  const xml = fs.readFileSync(path.join(SAMPLE_ROOT, pkg, 'imsmanifest.xml'), 'utf8');
  const resources = {};
  for (const m of xml.matchAll(/<resource identifier="([^"]+)"[^>]*\shref="([^"]+)"/g)) resources[m[1]] = m[2];
  const items = [];
  for (const m of xml.matchAll(/<item identifier="([^"]+)" identifierref="([^"]+)"([^>]*)>\s*<title>([^<]*)<\/title>/g)) {
    const parameters = /parameters="([^"]*)"/.exec(m[3]);
    const unescape = (t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
    items.push({ identifier: m[1], href: resources[m[2]], parameters: parameters ? unescape(parameters[1]) : '', title: unescape(m[4]) });
  }
  return items;
}

export function structure(scope) {
  let text = String(scope.id);
  for (const l of scope.lessons) text += '\n' + l.id + (l.quiz ? ':q' : '');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** { states: [0|1|2 per lesson], scores: [best or null per quiz lesson], last, lang } -> text (no truncation). */
export function encode(scope, { states, scores, last = null, lang = 'pt' }) {
  let s = '';
  for (let i = 0; i < states.length; i += 3) {
    s += B64[(states[i] || 0) + 4 * (states[i + 1] || 0) + 16 * (states[i + 2] || 0)];
  }
  s = s.replace(/A+$/, '');
  let q = '';
  for (const best of scores) {
    const v = best === null || best === undefined ? 0 : best + 1;
    q += B64[v >> 6] + B64[v & 63];
  }
  q = q.replace(/(AA)+$/, '');
  return ['J1', structure(scope), lang === 'en' ? 'e' : 'p', last === null ? '' : last.toString(36), s, q].join('.');
}

export function decode(scope, text) {
  const parts = text.split('.');
  const lessons = scope.lessons;
  const quizzes = lessons.filter((l) => l.quiz);
  if (parts.length !== 6 || parts[0] !== 'J1' || parts[1] !== structure(scope)) return null;
  const states = lessons.map((_, i) => {
    const c = B64.indexOf(parts[4][Math.floor(i / 3)] || 'A');
    return (c >> (2 * (i % 3))) & 3;
  });
  const scores = quizzes.map((_, i) => {
    const hi = B64.indexOf(parts[5][2 * i] || 'A');
    const lo = B64.indexOf(parts[5][2 * i + 1] || 'A');
    const v = hi * 64 + lo;
    return v ? v - 1 : null;
  });
  return { lang: parts[2] === 'e' ? 'en' : 'pt', last: parts[3] ? parseInt(parts[3], 36) : null, states, scores };
}
