// End-to-end: typing is never lost for more than ~2 seconds. Words are typed
// into a lesson without a pause for ~8 s (the 600 ms autosave delay never
// runs out), then the app is killed with SIGKILL, as a crash or a power cut
// would end it. A new start must show every word typed up to about 2 s
// before the kill (the saver's maximum wait, ui/src/saver.ts), in order.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, readlinkSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { APP, scratch, sleep, startApp, waitFor } from "./driver.mjs";

const body = '.cm-editor[data-field="body"][data-lang="pt"] .cm-content';
/** The autosave's promise: at most this much typing is lost. */
const MAX_LOST_MS = 2000;
/** WebDriver's round trip and one save through IPC and SQLite (fsync) on a loaded 2-core machine. */
const SLACK_MS = 600;

async function openFirstLesson(app) {
  await app.waitFind(".card");
  await app.click(".card-title-button");
  await app.click(".tree-lesson");
  await app.waitFind(body);
}

/** The pid of the app on `library` (the one this spec started), from /proc. */
function appPid(library) {
  const exe = realpathSync(APP);
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readlinkSync(`/proc/${name}/exe`) !== exe) continue;
      const environ = readFileSync(`/proc/${name}/environ`, "utf8").split("\0");
      if (environ.includes(`JUNTOS_LIBRARY=${library}`)) return Number(name);
    } catch {
      // gone, or not ours to read
    }
  }
  return null;
}

test("a crash while typing loses at most the last 2 seconds", async () => {
  const dir = await scratch("crash");
  const library = join(dir, "library");
  const home = join(dir, "home");
  let app = await startApp({ library, home, dialogs: join(dir, "dialogs.json") });
  const typedAt = [];
  let killedAt;
  try {
    await openFirstLesson(app);
    await sleep(300);
    await app.type(body, "\uE009\uE010");
    await app.type(body, "\uE007\uE007");
    const pid = await waitFor("the app's pid", async () => appPid(library));
    const start = Date.now();
    for (let i = 1; Date.now() - start < 8000; i++) {
      await app.type(body, ` w${i}`);
      typedAt[i] = Date.now();
      await sleep(60);
    }
    killedAt = Date.now();
    process.kill(pid, "SIGKILL");
  } finally {
    await app.stop();
  }
  assert.ok(typedAt.length > 20, `only ${typedAt.length - 1} words typed in 8 s`);
  // Faster than the 600 ms autosave delay: without the maximum wait, nothing would be saved.
  const gaps = typedAt.slice(2).map((at, i) => at - typedAt[i + 1]).sort((a, b) => a - b);
  assert.ok(gaps[Math.floor(gaps.length / 2)] < 600, `typing too slow to test the maximum wait: ${gaps}`);

  app = await startApp({ library, home, dialogs: join(dir, "dialogs.json") });
  try {
    await openFirstLesson(app);
    const preview = () => app.exec('return document.querySelector(\'iframe[data-lang="pt"]\').srcdoc');
    await waitFor("the preview", async () => (await preview()).includes("</main>"));
    const saved = [...(await preview()).matchAll(/\bw(\d+)\b/g)].map((m) => Number(m[1]));
    const last = saved.length ? saved.at(-1) : 0;
    assert.deepEqual(saved, Array.from({ length: last }, (_, i) => i + 1), "the saved words are the first ones typed, in order");
    // The first word lost was typed this long before the kill.
    const lostMs = last + 1 < typedAt.length ? killedAt - typedAt[last + 1] : 0;
    console.log(`typed ${typedAt.length - 1} words in 8 s; saved ${last}; lost the last ${lostMs} ms of typing`);
    assert.ok(lostMs <= MAX_LOST_MS + SLACK_MS, `lost ${lostMs} ms of typing (words ${last + 1}…${typedAt.length - 1})`);
  } catch (error) {
    error.message += `\npage text: ${JSON.stringify(await app.bodyText())}`;
    throw error;
  } finally {
    await app.stop();
  }
});
