// End-to-end: nothing important below the fold (issue 13 item 5). On a
// 1280×720 and a 1366×768 screen the export and import dialogs fit the
// window; their bodies scroll inside, while the action row, the reason a
// button is grey (no organisation name yet; an organisation not trusted
// yet), the job's progress with Cancelar and the outcome are in view. A
// partner's package (another library, made with the CLI) is imported into
// the app's library. Temp libraries (driver.mjs).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";

import { ROOT, scratch, startApp, waitFor } from "./driver.mjs";

const JUNTOS = join(ROOT, "target/debug/juntos");

// True when `css` is on screen and not clipped by a scrolling ancestor
// (the dialog's body): what a person can see without scrolling.
const SHOWN = `
  const el = document.querySelector(arguments[0]);
  if (!el) return "missing";
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return "not drawn";
  if (r.top < 0 || r.left < 0 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5) return "outside the window " + JSON.stringify([r.top, r.bottom, innerHeight]);
  for (let p = el.parentElement; p; p = p.parentElement) {
    if (!/(auto|scroll|hidden)/.test(getComputedStyle(p).overflowY)) continue;
    const q = p.getBoundingClientRect();
    if (r.top < q.top - 0.5 || r.bottom > q.bottom + 0.5) return "scrolled out of " + p.className;
  }
  return "shown";`;

async function assertShown(app, css, where) {
  assert.equal(await app.exec(SHOWN, css), "shown", `${css} at ${where}`);
}

async function assertDialogFits(app, where) {
  const fits = await app.exec(`
    const d = document.querySelector("dialog.modal[open]");
    const r = d.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight + 0.5 && r.left >= 0 && r.right <= innerWidth + 0.5`);
  assert.equal(fits, true, `the dialog fits the window at ${where}`);
  await assertShown(app, "dialog.modal[open] .modal-actions", where);
}

for (const [width, height] of [[1280, 720], [1366, 768]]) {
  test(`at ${width}×${height}, the export and import dialogs keep their actions, reasons and progress in view`, async () => {
    const where = `${width}×${height}`;
    const dir = await scratch(`small-${width}`);
    const partner = join(dir, "partner");
    const library = join(dir, "library");
    const stick = join(dir, "stick");
    await mkdir(stick, { recursive: true });
    const cli = (lib, ...args) => execFileSync(JUNTOS, args, { env: { ...process.env, JUNTOS_LIBRARY: lib, LANG: "en_GB.UTF-8" } });
    cli(partner, "init");
    cli(partner, "org", "set", "--name", "Associação Parceira");
    cli(partner, "new", "course", "Curso da parceira");
    cli(partner, "export", "curso-da-parceira", "--to", stick);

    const app = await startApp({ library, home: join(dir, "home"), dialogs: join(dir, "dialogs.json") });
    try {
      await app.setSize(width, height);
      await app.waitFind(".card");

      // Export with no organisation name yet: the reason is beside the grey button.
      await app.click(".card-title-button");
      await app.waitFind("#export-course");
      await app.answerDialogs({ folder: stick });
      await app.click("#export-course");
      await app.click("#export-choose-folder");
      await app.waitFind("#export-need-org");
      assert.equal(await app.exec("return document.querySelector('#export-start').disabled"), true);
      await assertDialogFits(app, where);
      await waitFor("the reason beside Exportar", async () => (await app.text("#export-reason")).length > 0);
      await assertShown(app, "#export-reason", where);
      await assertShown(app, "#export-start", where);
      await app.type("#export-org-name", "Associação Kuyakana");
      await app.waitFind("#export-ok");
      await waitFor("the reason gone", async () => (await app.text("#export-reason")) === "");
      await app.click("#export-start");
      await app.waitFind("#export-done", 60_000);
      await assertShown(app, "#export-done", where);
      await assertDialogFits(app, where);
      await app.exec('document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" })); return true');
      await waitFor("the export dialog closed", () => app.exec('return !document.querySelector("dialog.modal[open]")'));

      // Import from an organisation not trusted yet: why Importar is grey is in view.
      await app.click("#back-to-library");
      await app.waitFind("#import-package");
      await app.answerDialogs({ package: join(stick, "curso-da-parceira.juntos") });
      await app.click("#import-package");
      await app.click("#import-choose");
      await app.waitText("#import-trust-state", "Organização desconhecida", 60_000);
      await assertDialogFits(app, where);
      assert.equal(await app.exec('return document.querySelector("#import-start").disabled'), true);
      assert.match(await app.text("#import-reason"), /impressão digital/);
      await assertShown(app, "#import-reason", where);
      await assertShown(app, "#import-start", where);
      await app.exec('document.querySelector("#import-trust").scrollIntoView(); return 1');
      await app.click("#import-trust");
      assert.equal(await app.text("#import-reason"), "");
      await app.click("#import-start");
      await app.waitFind("#import-done", 60_000);
      await assertShown(app, "#import-done", where);
      await assertDialogFits(app, where);
    } catch (error) {
      error.message += `\npage text: ${JSON.stringify((await app.bodyText()).slice(0, 2000))}`;
      throw error;
    } finally {
      await app.stop();
    }
  });
}
