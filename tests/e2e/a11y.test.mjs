// End-to-end accessibility of the app (issue #16 item 6), in the real
// WebKit web view: axe-core's WCAG 2.1 A/AA rules on the main views — the
// library, search results, the lesson editor, the media panel, the course
// settings, the Results view, and the settings, Pen USB, export and import
// dialogs —
// with zero violations; the dialogs are native modal <dialog>s (the page
// behind inert, Tab kept inside, Escape closes and gives the focus back);
// and a keyboard walk through the library and the editor where every stop
// shows a visible outline that no ancestor cuts.
//
// axe-core comes from the player tests' npm packages (tests/player, the same
// pinned version); its source is run in the page through WebDriver.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "node:test";

import { ROOT, scratch, sleep, startApp, waitFor } from "./driver.mjs";

const AXE = readFileSync(createRequire(join(ROOT, "tests/player/package.json")).resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const TAB = "\uE004";
const ESCAPE = "\uE00C";

/** axe's WCAG 2.1 A/AA violations on the page as it is now, one readable line each. */
async function violations(app) {
  if (!(await app.exec("return typeof window.axe === 'object'"))) {
    await app.exec(`${AXE}\n;window.axe = axe; return true`);
  }
  const found = await app.execAsync(
    `const done = arguments[arguments.length - 1];
     // CodeMirror's scroller holds its contenteditable text, which takes the
     // focus (the keyboard walk below goes through it), but axe does not count
     // contenteditable as focusable content: that one finding is not a fault.
     const falsePositive = (rule, node) => rule === "scrollable-region-focusable" && node.target.join(" ").includes(".cm-scroller");
     window.axe.run(document, { runOnly: { type: "tag", values: arguments[0] }, rules: { "label-content-name-mismatch": { enabled: true } }, resultTypes: ["violations"] })
       .then((r) => done(r.violations.map((v) => ({ ...v, nodes: v.nodes.filter((n) => !falsePositive(v.id, n)) })).filter((v) => v.nodes.length).map((v) => v.id + " (" + v.impact + "): " + v.help + "\\n" +
         v.nodes.map((n) => "    " + n.target.join(" ") + ": " + n.failureSummary.replace(/\\s+/g, " ")).join("\\n"))))
       .catch((e) => done(["axe failed: " + e.message]));`,
    TAGS,
  );
  return found;
}

/** The focused element, described, and whether its outline is visible and uncut. */
const FOCUS_PROBE = `
  const a = document.activeElement;
  if (!a || a === document.body) return { none: true };
  const name = (n) => n.tagName.toLowerCase() + (n.id ? "#" + n.id : "") +
    (typeof n.className === "string" && n.className.trim() ? "." + n.className.trim().split(/\\s+/).join(".") : "") +
    (n.textContent ? ' "' + n.textContent.trim().slice(0, 30) + '"' : "");
  const id = name(a) + "@" + Array.prototype.indexOf.call(document.querySelectorAll("*"), a);
  // CodeMirror draws its own focus ring on the editor box, not the content.
  const shown = a.closest(".cm-editor") || a;
  const style = getComputedStyle(shown);
  const width = parseFloat(style.outlineWidth) || 0;
  const ring = style.outlineStyle !== "none" && width >= 2;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  if (!ring && !shadow) return { id, problem: name(a) + ": no visible focus (" + style.outlineStyle + " " + style.outlineWidth + ")" };
  const off = ring ? (parseFloat(style.outlineOffset) || 0) + width : 0;
  const b = shown.getBoundingClientRect();
  const box = { left: b.left - off, top: b.top - off, right: b.right + off, bottom: b.bottom + off };
  if (box.right < 0 || box.bottom < 0 || box.left > innerWidth || box.top > innerHeight) {
    shown.scrollIntoView({ block: "nearest" });
  }
  for (let p = shown.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement) {
    const ps = getComputedStyle(p);
    const c = p.getBoundingClientRect();
    // A scrolling box scrolls its focused child into view; only a box that clips without scrolling hides it.
    const clips = (o) => o === "hidden" || o === "clip";
    const cutX = clips(ps.overflowX) && (box.left < c.left - 0.5 || box.right > c.right + 0.5);
    const cutY = clips(ps.overflowY) && (box.top < c.top - 0.5 || box.bottom > c.bottom + 0.5);
    if (cutX || cutY) return { id, problem: name(a) + ": focus ring cut by " + name(p).slice(0, 60) };
  }
  return { id, inDialog: !!a.closest("dialog[open]") };
`;

/** Presses Tab through the page (real key events), at most `max` times; the stops and the problems seen. */
async function tabThrough(app, what, max = 60) {
  const problems = [];
  const seen = [];
  let first = null;
  for (let step = 0; step < max; step++) {
    // The text editor keeps Tab for indenting; Escape first lets the next
    // Tab leave it (CodeMirror's way out, shown in the app's shortcut line).
    if (await app.exec('return !!(document.activeElement && document.activeElement.closest(".cm-editor"))')) await app.keys(ESCAPE);
    await app.keys(TAB);
    await sleep(30);
    const r = await app.exec(FOCUS_PROBE);
    if (r.none) continue;
    if (first === null) first = r.id;
    else if (r.id === first) break;
    if (seen.some((s) => s.id === r.id)) continue;
    seen.push(r);
    if (r.problem) problems.push(`${what}: ${r.problem}`);
  }
  return { problems, stops: seen };
}

test("the app's main views have zero axe-core violations, its dialogs are modal, and the keyboard focus is always visible", async () => {
  const dir = await scratch("a11y");
  const app = await startApp({ library: join(dir, "library"), home: join(dir, "home"), dialogs: join(dir, "dialogs.json") });
  const found = [];
  const check = async (what) => {
    await sleep(300);
    for (const v of await violations(app)) found.push(`${what}: ${v}`);
  };
  try {
    await app.waitText(".card-title", "Apresentações eficazes");
    await app.setSize(1366, 768);

    // The check itself works: a planted image without alt text is found.
    await app.exec('const i = document.createElement("img"); i.id = "planted"; i.src = "none.png"; document.body.append(i); return true');
    assert.ok((await violations(app)).join("\n").includes("image-alt"), "axe runs and finds a planted fault");
    await app.exec('document.getElementById("planted").remove(); return true');

    await check("library");
    const walk = await tabThrough(app, "library");
    assert.ok(walk.stops.length >= 5, `only ${walk.stops.length} focus stops in the library`);
    found.push(...walk.problems);

    await app.type("#library-search", "publico");
    await app.waitFind(".hit mark");
    await check("search results");
    await app.clear("#library-search");
    await app.exec('const i = document.querySelector("#library-search"); i.dispatchEvent(new Event("input")); return true');

    // A native modal: the settings dialog.
    await app.click("#open-settings");
    await app.waitFind("dialog.modal[open]");
    assert.equal(await app.exec('return document.querySelector("dialog.modal").matches(":modal")'), true, "opened with showModal()");
    await check("settings dialog");
    const inDialog = await tabThrough(app, "settings dialog", 40);
    assert.ok(inDialog.stops.length >= 2, "the dialog has focus stops");
    assert.deepEqual(inDialog.stops.filter((s) => !s.inDialog).map((s) => s.id), [], "Tab stays inside the modal dialog");
    found.push(...inDialog.problems);
    await app.keys(ESCAPE);
    await waitFor("the settings dialog closed", () => app.exec('return !document.querySelector("dialog.modal")'));
    assert.equal(await app.exec('return document.activeElement && document.activeElement.id'), "open-settings", "the focus returns to the button that opened it");

    // The import dialog, before a package is chosen.
    await app.click("#import-package");
    await app.waitFind("dialog.modal[open]");
    await check("import dialog");
    await app.keys(ESCAPE);
    await waitFor("the import dialog closed", () => app.exec('return !document.querySelector("dialog.modal")'));

    // The Pen USB dialog (writing and importing a stick of courses).
    await app.click("#open-stick");
    await app.waitFind("dialog.modal[open]");
    await sleep(500);
    await check("Pen USB dialog");
    await app.keys(ESCAPE);
    await waitFor("the Pen USB dialog closed", () => app.exec('return !document.querySelector("dialog.modal")'));

    // The editor, on the sample's first lesson.
    await app.click(".card-title-button");
    await app.click(".tree-lesson");
    await app.waitFind('.cm-editor[data-field="body"][data-lang="pt"] .cm-content');
    await check("lesson editor");
    const editorWalk = await tabThrough(app, "lesson editor", 80);
    assert.ok(editorWalk.stops.length >= 10, `only ${editorWalk.stops.length} focus stops in the editor: ${editorWalk.stops.map((s) => s.id).join(" | ")}`);
    found.push(...editorWalk.problems);

    await app.click("#toggle-media");
    await app.waitFind(".media-panel, [data-testid=media-panel], #media-panel");
    await check("media panel");
    await app.click("#toggle-media");

    await app.click('.tree-settings[data-id="settings"]');
    await sleep(500);
    await check("course settings");

    if ((await app.findAll("#open-results")).length) {
      await app.click("#open-results");
      await sleep(800);
      await check("results view");
    }

    await app.click("#export-course");
    await app.waitFind("dialog.modal[open]");
    await check("export dialog");
    await app.keys(ESCAPE);

    // At 1280×720 too: the editor and a dialog.
    await app.setSize(1280, 720);
    await app.click(".tree-lesson");
    await app.waitFind('.cm-editor[data-field="body"][data-lang="pt"] .cm-content');
    await check("lesson editor at 1280×720");

    assert.deepEqual(found, [], `accessibility problems:\n${found.join("\n")}`);
  } catch (error) {
    error.message += `\npage text: ${JSON.stringify((await app.bodyText()).slice(0, 2000))}`;
    throw error;
  } finally {
    await app.stop();
  }
});
