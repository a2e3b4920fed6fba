// End-to-end: a partner's package whose lessons carry an XSS corpus is
// imported through the app's import dialog, and every lesson is shown in the
// editor with its live preview. Nothing may execute: every payload tries to
// set a marker global (in its own frame, the app window and the top window)
// or to call Tauri's IPC, and the markers must stay undefined.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdir, readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { test } from "node:test";

import { ROOT, scratch, sleep, startApp, waitFor } from "./driver.mjs";

const JUNTOS = process.env.JUNTOS_CLI_BIN ?? resolve(ROOT, "target/debug/juntos");
const MARK = "window.__xss=1;try{parent.__xss=1;top.__xss=1}catch(e){};try{top.__TAURI_INTERNALS__.invoke('list_courses').then(function(){top.__xss_ipc=1})}catch(e){}";

const PAYLOADS = [
  `<script>${MARK}</script>`,
  `<img src=x onerror="${MARK}">`,
  `<svg onload="${MARK}"><script>${MARK}</script></svg>`,
  `<iframe srcdoc="<script>${MARK}</script>"></iframe>`,
  `<a href="javascript:${MARK}">link</a> [md link](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
  `<a href="JaVaScRiPt&#58;${MARK}">entity</a> <a href="  java\tscript:${MARK}">whitespace</a> <a href="vbscript:msgbox(1)">vb</a>`,
  `<style>body{background:url("javascript:${MARK}")}</style><div style="background:url(javascript:alert(1))">styled</div>`,
  `<form action="javascript:${MARK}"><button>go</button></form><input autofocus onfocus="${MARK}">`,
  `<base href="https://attacker.example/"><meta http-equiv="refresh" content="0;url=javascript:${MARK}">`,
  `<object data="javascript:${MARK}"></object><embed src="javascript:${MARK}"><math><mtext><script>${MARK}</script></mtext></math>`,
  `![img](//attacker.example/x.png) [proto-relative](//attacker.example/) <a href="\\\\\\\\attacker\\\\share">unc</a>`,
  `<details open ontoggle="${MARK}">x</details><video src=x onerror="${MARK}"></video><body onload="${MARK}">`,
];

function juntos(library, args, input) {
  return execFileSync(JUNTOS, ["--library", library, ...args], { input, env: { ...process.env, LANG: "en_GB.UTF-8" } }).toString();
}

test("a package carrying an XSS corpus is imported and every lesson shown: nothing executes", async () => {
  const dir = await scratch("xss");
  const author = join(dir, "author");
  const stick = join(dir, "stick");
  await mkdir(stick);
  juntos(author, ["org", "set", "--name", "Parceiro Hostil"]);
  juntos(author, ["new", "course", "Curso hostil", "--slug", "curso-hostil"]);
  juntos(author, ["new", "module", "curso-hostil", "Ataques"]);
  PAYLOADS.forEach((payload, i) => {
    juntos(author, ["new", "lesson", "curso-hostil", "1", `Lição ${i + 1}`]);
    juntos(author, ["edit", "curso-hostil", `1.${i + 1}`, "--field", "body", "--lang", "pt"], `# Ataque ${i + 1}\n\n${payload}\n`);
    juntos(author, ["edit", "curso-hostil", `1.${i + 1}`, "--field", "body", "--lang", "en"], `# Attack ${i + 1}\n\n${payload}\n`);
    juntos(author, ["edit", "curso-hostil", `1.${i + 1}`, "--field", "notes", "--lang", "pt"], payload);
  });
  juntos(author, ["export", "curso-hostil", "--to", stick]);
  const [pkg] = (await readdir(stick)).filter((f) => f.endsWith(".juntos"));

  const app = await startApp({ library: join(dir, "library"), home: join(dir, "home"), dialogs: join(dir, "dialogs.json") });
  try {
    await app.waitFind(".card");
    await app.answerDialogs({ package: join(stick, pkg) });
    await app.click("#import-package");
    await app.click("#import-choose");
    await app.waitText("#import-organisation", "Parceiro Hostil", 60_000);
    await app.click("#import-trust");
    await app.click("#import-start");
    await app.waitFind("#import-done", 60_000);
    await app.exec('document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" })); return true');
    await app.waitText(".card-title", "Curso hostil");
    await app.exec(`
      const card = [...document.querySelectorAll(".card")].find((c) => c.textContent.includes("Curso hostil"));
      card.querySelector(".card-open").click(); return true`);
    await app.waitText(".editor-title", "Curso hostil");

    for (let i = 0; i < PAYLOADS.length; i++) {
      await app.exec(`document.querySelectorAll(".tree-lesson")[${i}].click(); return true`);
      await waitFor(`lesson ${i + 1} in the preview`, () =>
        app.exec(`const f = document.querySelector('iframe[data-lang="pt"]'); return !!f && f.srcdoc.includes("Ataque ${i + 1}")`),
      );
      // Every preview frame stays sandboxed: no scripts, no same origin.
      const sandboxes = await app.exec('return [...document.querySelectorAll("iframe")].map((f) => f.getAttribute("sandbox"))');
      assert.ok(sandboxes.length > 0 && sandboxes.every((s) => s === ""), `sandbox attributes: ${sandboxes}`);
      // What reaches the frame is the renderer's output, parsed (never run)
      // here: no dangerous element, no event attribute, no script URL.
      const found = await app.exec(`
        const doc = new DOMParser().parseFromString(document.querySelector('iframe[data-lang="pt"]').srcdoc, "text/html");
        const bad = [];
        for (const el of doc.querySelectorAll("script, iframe, object, embed, svg, math, form, input, base, meta:not([charset]), meta[http-equiv], style, link:not([href='preview.css'])")) bad.push(el.tagName);
        for (const el of doc.querySelectorAll("*")) {
          for (const a of el.attributes) {
            if (/^on/i.test(a.name) || a.name === "style") bad.push(el.tagName + "@" + a.name);
            if (/^(href|src|action|formaction|data)$/i.test(a.name) && /^\\s*(javascript|vbscript|data):|^\\s*\\/\\/|^\\s*\\\\\\\\/i.test(a.value)) bad.push(el.tagName + "@" + a.name + "=" + a.value);
          }
        }
        return bad;`);
      assert.deepEqual(found, [], `lesson ${i + 1}`);
      await sleep(250);
    }
    await sleep(1000);
    assert.equal(await app.exec("return typeof window.__xss"), "undefined", "no payload ran in the app window");
    assert.equal(await app.exec("return typeof window.__xss_ipc"), "undefined", "no payload reached IPC");
    assert.match(await app.exec("return location.href"), /^(tauri:\/\/localhost|http:\/\/tauri\.localhost)/, "still inside the app");
  } catch (error) {
    error.message += `\npage text: ${JSON.stringify(await app.bodyText())}`;
    throw error;
  } finally {
    await app.stop();
  }
});
