// End-to-end: the "Pen USB" dialog of the real app (issue 18). One app
// writes its library's courses to a folder standing for a stick (the
// pre-flight shown first, the write as a job, then the verification); a
// second app, on another library, lists that stick (every course new) and
// imports the courses after trusting the organisation. Temp libraries and
// folders (driver.mjs).
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";

import { scratch, startApp, waitFor } from "./driver.mjs";

test("a stick written by one app is imported by another", async () => {
  const dir = await scratch("stick");
  // The stick: an empty folder standing for a mounted drive.
  const stick = join(dir, "PEN");
  await mkdir(stick);
  const writer = await startApp({ library: join(dir, "a"), home: join(dir, "home-a"), dialogs: join(dir, "dialogs-a.json") });
  try {
    await writer.waitText(".card-title", "Apresentações eficazes");
    await writer.click("#open-stick");
    await writer.waitFind('[data-testid="stick-dialog"]');
    await writer.answerDialogs({ folder: stick });
    await writer.click("#stick-choose");
    // A stick is signed: the organisation's name is asked in the dialog.
    await writer.waitFind("#stick-org-name");
    await writer.type("#stick-org-name", "Associação Kuyakana");
    await writer.waitText("#stick-checks", "cabe", 30_000);
    assert.match(await writer.text('[data-langs="pt"]'), /\(\d/);
    assert.equal(existsSync(join(stick, "Juntos")), false, "nothing written before Escrever");
    await writer.screenshot("stick-write");
    await writer.click("#stick-write");
    await writer.waitText("#stick-verified", "Verificada", 60_000);
    assert.ok(existsSync(join(stick, "Juntos", "index.html")));
    assert.ok(existsSync(join(stick, "Juntos", "juntos-stick.json")));
  } catch (error) {
    error.message += `\npage text: ${JSON.stringify(await writer.bodyText())}`;
    throw error;
  } finally {
    await writer.stop();
  }

  const reader = await startApp({ library: join(dir, "b"), home: join(dir, "home-b"), dialogs: join(dir, "dialogs-b.json") });
  try {
    await reader.waitText(".card-title", "Apresentações eficazes");
    await reader.click("#open-stick");
    await reader.click("#stick-mode-import");
    await reader.answerDialogs({ folder: stick });
    await reader.click("#stick-in-choose");
    await reader.waitFind(".stick-course");
    const states = await reader.exec('return [...document.querySelectorAll(".stick-course")].map((e) => e.dataset.state)');
    assert.deepEqual(states, ["new"], "the writer's sample course is new here (every library makes its own)");
    assert.equal(await reader.text("#stick-org"), "Associação Kuyakana");
    await reader.click("#stick-import");
    // The writer's organisation is not known here: trusted after its fingerprint is shown.
    await reader.waitFind("#stick-trust-ask");
    await reader.click("#stick-trust");
    await reader.click("#stick-import");
    await reader.waitText("#stick-imported", "Importação feita", 60_000);
    await reader.screenshot("stick-import");
  } catch (error) {
    error.message += `\npage text: ${JSON.stringify(await reader.bodyText())}`;
    throw error;
  } finally {
    await reader.stop();
  }
});
