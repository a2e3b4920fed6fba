// axe-core (from npm, its source evaluated in the page: the player runs
// from file://, where no script can be fetched) on every page type of the
// player — home, lesson with video, lesson with a task list, quiz before
// and after checking, completion, handout — at 1366 px and 360 px wide, in
// Debian's Chromium (playwright-core) and Firefox ESR (puppeteer-core over
// WebDriver BiDi), with the WCAG 2.1 A and AA rules: zero violations, and
// every violation printed when there are some.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS, FIREFOX, freshProfile, pageUrl, retryingChromiumStorage, skipLearnerPrompt, sleep } from './support.mjs';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDTHS = [1366, 360];

const closers = [];
after(async () => {
  for (const close of closers) await close().catch(() => {});
});

/** What the test needs of a page, in either driver. */
function driver(page, setWidth) {
  return {
    page,
    setWidth,
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitFor: (fn, arg) => page.waitForFunction(fn, { timeout: 10000 }, arg),
  };
}

async function go(d, hash) {
  await d.evaluate((h) => { window.location.hash = h; }, hash);
  await d.waitFor(() => document.querySelector('#app.ready main h1') !== null);
  await sleep(250);
}

/** axe's WCAG 2.1 A/AA violations on the page as it is now, readable. */
async function violations(d) {
  if (!(await d.evaluate(() => typeof window.axe === 'object'))) {
    await d.evaluate(AXE);
  }
  return d.evaluate(async (tags) => {
    // label-content-name-mismatch (WCAG 2.5.3) is "experimental" in axe, off unless asked for.
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags }, rules: { 'label-content-name-mismatch': { enabled: true } }, resultTypes: ['violations'],
    });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`).join('\n'));
  }, TAGS);
}

async function everyPage(d, browserName) {
  const data = await d.evaluate(() => window.JUNTOS_COURSE);
  const lessons = data.modules.flatMap((m) => m.lessons);
  const video = lessons.find((l) => /<video/.test(l.body.pt));
  const tasks = lessons.find((l) => /type="checkbox"/.test(l.body.pt));
  const quiz = lessons.find((l) => l.quiz);
  assert.ok(video && tasks && quiz, 'the sample has a video, a task list and a quiz');
  // The check itself works: a planted image without alt and a button whose
  // name does not contain its text are found.
  await go(d, '#/');
  await d.evaluate(() => {
    const planted = document.createElement('div');
    planted.id = 'planted';
    planted.innerHTML = '<img src="player/none.png"><button type="button" aria-label="Português">PT</button>';
    document.body.appendChild(planted);
  });
  const planted = (await violations(d)).join('\n');
  assert.ok(planted.includes('image-alt') && planted.includes('label-content-name-mismatch'), planted);
  await d.evaluate(() => document.getElementById('planted').remove());
  const found = [];
  for (const width of WIDTHS) {
    await d.setWidth(width);
    const check = async (what) => {
      for (const v of await violations(d)) found.push(`${browserName} ${width}px ${what}: ${v}`);
    };
    await go(d, '#/');
    await check('home');
    await go(d, `#/lesson/${video.id}`);
    await check('lesson with video');
    await go(d, `#/lesson/${tasks.id}`);
    await check('lesson with a task list');
    await go(d, `#/lesson/${quiz.id}`);
    await check('quiz');
    await d.evaluate(() => {
      document.querySelectorAll('.quiz fieldset').forEach((f) => f.querySelector('input').click());
      document.querySelector('.quiz-check').click();
    });
    await d.waitFor(() => document.querySelector('.quiz-result'));
    await check('quiz checked');
    await go(d, '#/done');
    await check('completion');
    await d.evaluate(() => { if (!document.querySelector('.facilitator-toggle[aria-pressed="true"]')) document.querySelector('.facilitator-toggle').click(); });
    await go(d, `#/module/${data.modules[0].id}`);
    await check('handout');
    await d.evaluate(() => document.querySelector('.facilitator-toggle').click());
  }
  return found;
}

/**
 * Tab through a page: at every step the focused element (or the quiz option
 * that shows its focus) has an outline, and the outline's box is not cut by
 * any ancestor that clips (overflow other than visible). Returns the
 * problems, and how many steps were taken.
 */
async function tabThrough(d, what) {
  const problems = [];
  const seen = new Set();
  let first = null;
  let last = null;
  for (let step = 0; step < 80; step++) {
    await d.page.keyboard.press('Tab');
    await sleep(40);
    const r = await d.evaluate(() => {
      const a = document.activeElement;
      if (!a || a === document.body) return { none: true };
      const name = (n) => n.tagName.toLowerCase() + (n.className && typeof n.className === 'string' ? '.' + n.className.trim().split(/\s+/).join('.') : '') +
        (n.getAttribute('href') ? `[href=${n.getAttribute('href')}]` : '') + (n.textContent ? ` "${n.textContent.trim().slice(0, 30)}"` : '');
      let shown = a;
      let style = getComputedStyle(a);
      if ((style.outlineStyle === 'none' || !parseFloat(style.outlineWidth)) && a.closest('.option')) {
        shown = a.closest('.option');
        style = getComputedStyle(shown);
      }
      const id = name(a) + '#' + Array.prototype.indexOf.call(document.querySelectorAll('*'), a);
      const width = parseFloat(style.outlineWidth) || 0;
      if (style.outlineStyle === 'none' || width < 2) return { id, problem: `${name(a)}: no visible outline (${style.outlineStyle} ${style.outlineWidth})` };
      const off = parseFloat(style.outlineOffset) || 0;
      const b = shown.getBoundingClientRect();
      const box = { left: b.left - off - width, top: b.top - off - width, right: b.right + off + width, bottom: b.bottom + off + width };
      for (let p = shown.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement) {
        const ps = getComputedStyle(p);
        const c = p.getBoundingClientRect();
        const cutX = ps.overflowX !== 'visible' && (box.left < c.left - 0.5 || box.right > c.right + 0.5);
        const cutY = ps.overflowY !== 'visible' && (box.top < c.top - 0.5 || box.bottom > c.bottom + 0.5);
        if (cutX || cutY) return { id, problem: `${name(a)}: outline ${JSON.stringify(box)} cut by ${name(p).slice(0, 60)} (overflow ${ps.overflowX}/${ps.overflowY}) ${JSON.stringify({ left: c.left, top: c.top, right: c.right, bottom: c.bottom })}` };
      }
      return { id };
    });
    if (r.none) continue;
    // Round the page once; an element may hold several stops (a video's controls).
    if (seen.size > 1 && r.id === first && last !== first) break;
    last = r.id;
    if (seen.has(r.id)) continue;
    if (!seen.size) first = r.id;
    seen.add(r.id);
    if (r.problem) problems.push(`${what}: ${r.problem}`);
  }
  return { problems, steps: seen.size };
}

async function keyboardPath(d, browserName, newPage) {
  const data = await d.evaluate(() => window.JUNTOS_COURSE);
  const lessons = data.modules.flatMap((m) => m.lessons);
  const video = lessons.find((l) => /<video/.test(l.body.pt));
  const tasks = lessons.find((l) => /type="checkbox"/.test(l.body.pt));
  const quiz = lessons.find((l) => l.quiz);
  const problems = [];
  for (const width of WIDTHS) {
    for (const [what, id] of [['lesson with video', video.id], ['lesson with a task list', tasks.id], ['quiz', quiz.id]]) {
      // A fresh tab: focus starts at the top, as for a learner arriving
      // (Firefox keeps a tab's last focus modality across loads).
      const fresh = await newPage(width);
      await fresh.page.goto(pageUrl('sample', `#/lesson/${id}`));
      await fresh.page.waitForSelector('#app.ready main h1');
      const r = await tabThrough(fresh, `${browserName} ${width}px ${what}`);
      await fresh.page.close();
      assert.ok(r.steps >= 6, `${what}: only ${r.steps} focus stops`);
      problems.push(...r.problems);
    }
  }
  // The check itself works: with the PT/EN group clipping again (as it did
  // before, overflow:hidden), their outlines are found cut.
  const clipped = await newPage(1366);
  await clipped.page.goto(pageUrl('sample', `#/lesson/${video.id}`));
  await clipped.page.waitForSelector('#app.ready main h1');
  await clipped.evaluate(() => { document.querySelector('.langs').style.overflow = 'hidden'; });
  const cut = (await tabThrough(clipped, 'planted')).problems.join('\n');
  assert.ok(/button\.tool\.lang "PT": outline .* cut by div\.langs/.test(cut), cut);
  await clipped.page.close();
  return problems;
}

test('Chromium: zero axe-core WCAG 2.1 AA violations on every page type at 1366 and 360 px; a visible, unclipped focus along the keyboard path', async () => {
  const context = await chromium.launchPersistentContext(freshProfile('juntos-axe-chromium-'), {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, locale: 'pt-MZ', viewport: { width: 1366, height: 800 },
  });
  closers.push(() => context.close());
  await skipLearnerPrompt(context);
  const page = context.pages()[0] || (await context.newPage());
  await page.goto(pageUrl());
  await page.waitForSelector('#app.ready');
  const d = driver(page, (w) => page.setViewportSize({ width: w, height: 800 }));
  const found = await everyPage(d, 'Chromium');
  assert.deepEqual(found, [], `\n${found.join('\n')}`);
  const unseen = await keyboardPath(d, 'Chromium', async (w) => {
    const p = await context.newPage();
    await p.setViewportSize({ width: w, height: 800 });
    return driver(p, null);
  });
  assert.deepEqual(unseen, [], `\n${unseen.join('\n')}`);
});

test('Firefox ESR: zero axe-core WCAG 2.1 AA violations on every page type at 1366 and 360 px; a visible, unclipped focus along the keyboard path', async () => {
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: freshProfile('juntos-axe-firefox-'),
    extraPrefsFirefox: { 'intl.accept_languages': 'pt-MZ, pt' },
  });
  closers.push(() => browser.close());
  const page = await browser.newPage();
  await skipLearnerPrompt(page);
  await page.setViewport({ width: 1366, height: 800 });
  await page.goto(pageUrl());
  await page.waitForSelector('#app.ready');
  const d = driver(page, (w) => page.setViewport({ width: w, height: 800 }));
  const found = await everyPage(d, 'Firefox');
  assert.deepEqual(found, [], `\n${found.join('\n')}`);
  const unseen = await keyboardPath(d, 'Firefox', async (w) => {
    const p = await browser.newPage();
    await skipLearnerPrompt(p);
    await p.setViewport({ width: w, height: 800 });
    return driver(p, null);
  });
  assert.deepEqual(unseen, [], `\n${unseen.join('\n')}`);
});

test('task lists are labelled checkboxes whose ticks the learner keeps; the handout prints empty boxes', async () => retryingChromiumStorage(async () => {
  const context = await chromium.launchPersistentContext(freshProfile('juntos-tasks-chromium-'), {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, locale: 'pt-MZ', viewport: { width: 1366, height: 800 },
  });
  closers.push(() => context.close());
  await skipLearnerPrompt(context);
  const page = context.pages()[0] || (await context.newPage());
  await page.goto(pageUrl());
  await page.waitForSelector('#app.ready');
  const data = await page.evaluate(() => window.JUNTOS_COURSE);
  const lesson = data.modules.flatMap((m) => m.lessons).find((l) => /type="checkbox"/.test(l.body.pt));
  await page.goto(pageUrl('sample', `#/lesson/${lesson.id}`));
  const box = page.getByRole('checkbox', { name: 'Saber onde votar' });
  assert.equal(await box.isEnabled(), true);
  assert.equal(await box.isChecked(), false);
  await box.focus(); // the keyboard ticks it
  await page.keyboard.press('Space');
  assert.equal(await box.isChecked(), true);
  await page.reload();
  await page.waitForSelector('#app.ready');
  assert.equal(await page.getByRole('checkbox', { name: 'Saber onde votar' }).isChecked(), true, 'kept across a reload');
  assert.equal(await page.getByRole('checkbox', { name: 'Levar o cartão de eleitor' }).isChecked(), false);
  // In English the same item is ticked (ticks are by position).
  await page.locator('button[data-lang="en"]').click();
  assert.equal(await page.getByRole('checkbox', { name: 'Know where to vote' }).isChecked(), true);
  // The handout: empty boxes to tick on paper, with their labels.
  await page.locator('.facilitator-toggle').click();
  await page.goto(pageUrl('sample', `#/module/${data.modules[0].id}`));
  await page.waitForSelector('main h1');
  const handoutBox = page.getByRole('checkbox', { name: 'Know where to vote' });
  assert.equal(await handoutBox.isChecked(), false);
  await page.emulateMedia({ media: 'print' });
  assert.ok(await handoutBox.isVisible(), 'printed');
  // A quiz lesson whose text ends with its own "Quiz" heading: said once.
  await page.emulateMedia({ media: 'screen' });
  await page.goto(pageUrl('sample', `#/module/${data.modules.find((m) => m.lessons.some((l) => l.quiz)).id}`));
  await page.waitForFunction(() => document.querySelector('.handout-quiz'));
  const quizHeadings = await page.evaluate(() => [...document.querySelectorAll('main h2, main h3, main h4')].filter((h) => h.textContent.trim() === 'Quiz').length);
  assert.equal(quizHeadings, 1, 'the handout says "Quiz" once');
}));

test('phones: the top bar is one row at 360 px (and at 320 px nothing scrolls sideways)', async () => {
  const context = await chromium.launchPersistentContext(freshProfile('juntos-phone-chromium-'), {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, locale: 'pt-MZ', viewport: { width: 360, height: 740 },
  });
  closers.push(() => context.close());
  await skipLearnerPrompt(context);
  const page = context.pages()[0] || (await context.newPage());
  await page.goto(pageUrl());
  await page.waitForSelector('#app.ready');
  const measure = () => page.evaluate(() => {
    const bar = document.querySelector('.topbar').getBoundingClientRect();
    // Items on one row share their vertical centre (align-items: center).
    const centres = [...document.querySelectorAll('.topbar .brand, .topbar .tool')].filter((e) => e.offsetParent)
      .map((e) => { const r = e.getBoundingClientRect(); return r.top + r.height / 2; });
    const rows = centres.filter((c, i) => centres.slice(0, i).every((d) => Math.abs(c - d) > 6)).length;
    return { height: bar.height, rows, wide: document.documentElement.scrollWidth > window.innerWidth };
  });
  for (const width of [360, 320]) {
    await page.setViewportSize({ width, height: 740 });
    for (const lang of ['pt', 'en']) {
      await page.locator(`button[data-lang="${lang}"]`).click();
      for (const facilitator of [false, true]) {
        if ((await page.locator('.facilitator-toggle').getAttribute('aria-pressed')) !== String(facilitator)) await page.locator('.facilitator-toggle').click();
        const m = await measure();
        const where = `${width}px ${lang} facilitator ${facilitator}: ${JSON.stringify(m)}`;
        assert.equal(m.wide, false, where);
        if (width === 360) {
          assert.equal(m.rows, 1, where);
          assert.ok(m.height <= 56, where);
        }
      }
    }
  }
});

test('switching language keeps the video playing, at its place, and muted', async () => {
  const context = await chromium.launchPersistentContext(freshProfile('juntos-switch-chromium-'), {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, locale: 'pt-MZ', viewport: { width: 360, height: 740 },
  });
  closers.push(() => context.close());
  await skipLearnerPrompt(context);
  const page = context.pages()[0] || (await context.newPage());
  await page.goto(pageUrl());
  await page.waitForSelector('#app.ready');
  const data = await page.evaluate(() => window.JUNTOS_COURSE);
  const video = data.modules.flatMap((m) => m.lessons).find((l) => /<video/.test(l.body.pt));
  await page.goto(pageUrl('sample', `#/lesson/${video.id}`));
  await page.waitForFunction(() => { const v = document.querySelector('main video'); return v && v.readyState >= 1; });
  await page.evaluate(() => { const v = document.querySelector('main video'); v.muted = true; v.loop = true; return v.play(); });
  await page.waitForFunction(() => document.querySelector('main video').currentTime >= 0.3);
  await page.locator('button[data-lang="en"]').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const after = await page.evaluate(() => { const v = document.querySelector('main video'); return { muted: v.muted }; });
  assert.equal(after.muted, true, 'still muted');
  await page.waitForFunction(() => { const v = document.querySelector('main video'); return !v.paused && v.currentTime >= 0.3; }, null, { timeout: 5000 });
});

// Learners (issue 17): the first-start prompt and the "Someone else"
// switcher are a labelled form in a modal dialog; zero violations on both,
// at both widths, in both browsers, with an error shown too.
async function learnerDialogs(d, browserName) {
  const found = [];
  const check = async (what) => {
    for (const v of await violations(d)) found.push(`${browserName} ${what}: ${v}`);
  };
  await d.waitFor(() => document.querySelector('[role="dialog"]') !== null);
  for (const width of WIDTHS) {
    await d.setWidth(width);
    await sleep(150);
    await check(`${width}px first-start prompt`);
  }
  // An empty name: the error is said and tied to the field.
  await d.evaluate(() => document.querySelector('.learner-start').click());
  await check('prompt with an error');
  await d.evaluate(() => {
    document.getElementById('learner-name').value = 'Ana';
    document.getElementById('learner-group').value = 'CSO X';
    document.querySelector('.learner-start').click();
  });
  await d.waitFor(() => document.querySelector('[role="dialog"]') === null);
  await check('home with the learner bar');
  await d.evaluate(() => document.querySelector('.learner-switch').click());
  await d.waitFor(() => document.querySelector('[role="dialog"] .learner-choice') !== null);
  for (const width of WIDTHS) {
    await d.setWidth(width);
    await sleep(150);
    await check(`${width}px switcher`);
  }
  return found;
}

test('the learner prompt and switcher: zero axe-core violations in Chromium and Firefox ESR', async () => {
  const context = await chromium.launchPersistentContext(freshProfile('juntos-learners-chromium-'), {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, locale: 'pt-MZ', viewport: { width: 1366, height: 800 },
  });
  closers.push(() => context.close());
  const page = context.pages()[0] || (await context.newPage());
  await page.goto(pageUrl());
  const found = await learnerDialogs(driver(page, (w) => page.setViewportSize({ width: w, height: 800 })), 'Chromium');

  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: freshProfile('juntos-learners-firefox-'),
    extraPrefsFirefox: { 'intl.accept_languages': 'pt-MZ, pt' },
  });
  closers.push(() => browser.close());
  const fpage = await browser.newPage();
  await fpage.setViewport({ width: 1366, height: 800 });
  await fpage.goto(pageUrl());
  found.push(...(await learnerDialogs(driver(fpage, (w) => fpage.setViewport({ width: w, height: 800 })), 'Firefox')));
  assert.deepEqual(found, [], `\n${found.join('\n')}`);
});
