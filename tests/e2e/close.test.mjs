// End-to-end: never lose typing. Text typed a moment before the window is
// closed (before the autosave delay runs out) is saved before the window
// goes: the close button's request (WM_DELETE_WINDOW, sent by close-window.py
// since Xvfb has no window manager) is held until the UI has saved.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";

import { ROOT, scratch, sleep, startApp, waitFor } from "./driver.mjs";

const body = '.cm-editor[data-field="body"][data-lang="pt"] .cm-content';

async function openFirstLesson(app) {
  await app.waitFind(".card");
  await app.click(".card-title-button");
  await app.click(".tree-lesson");
  await app.waitFind(body);
}

test("closing the window right after typing saves the text first", async () => {
  const dir = await scratch("close");
  const library = join(dir, "library");
  let app = await startApp({ library, home: join(dir, "home"), dialogs: join(dir, "dialogs.json") });
  try {
    await openFirstLesson(app);
    await sleep(300);
    await app.type(body, "\uE009\uE010");
    await app.type(body, " Escrito antes de fechar");
    // At once, well inside the 600 ms autosave delay.
    execFileSync("python3", [join(ROOT, "tests/e2e/close-window.py"), "Juntos Studio"]);
    await waitFor("the window to close", async () => {
      try {
        await app.exec("return 1");
        return false;
      } catch (error) {
        return /invalid session|no such window|HTTP 404/.test(error.message);
      }
    }, 15_000);
  } finally {
    await app.stop();
  }

  app = await startApp({ library, home: join(dir, "home"), dialogs: join(dir, "dialogs.json") });
  try {
    await openFirstLesson(app);
    // The editor draws only the lines on screen; the preview holds the whole saved text.
    const preview = () => app.exec('return document.querySelector(\'iframe[data-lang="pt"]\').srcdoc');
    await waitFor("the preview", async () => (await preview()).includes("</main>"));
    assert.match(await preview(), /Escrito antes de fechar/);
  } catch (error) {
    error.message += `\npage text: ${JSON.stringify(await app.bodyText())}`;
    throw error;
  } finally {
    await app.stop();
  }
});
