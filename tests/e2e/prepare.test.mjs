// End-to-end: "Preparar para partilhar" in the real app (issue 12) with real
// ffmpeg. A course with a filmed video (attached by the CLI on the same
// library) is opened, the media panel's prepare section shows the predicted
// sizes before anything starts, the queue runs, and the result shows its
// poster (served by the app's loopback server) and "before → after"; going
// back to the original is one confirmation. Temp library (driver.mjs).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";

import { playsFor, ROOT, scratch, startApp, waitFor } from "./driver.mjs";

const VIDEO = join(ROOT, "tests/fixtures/media/h264-aac-moov-at-end.mp4");
const JUNTOS = join(ROOT, "target/debug/juntos");

test("prepare a course's video in the media panel, see its sizes and poster, and go back", async () => {
  const dir = await scratch("prepare");
  const library = join(dir, "library");
  const cli = (...args) => execFileSync(JUNTOS, args, { env: { ...process.env, JUNTOS_LIBRARY: library, LANG: "en_GB.UTF-8" } });
  cli("init");
  cli("new", "course", "Vídeo filmado");
  cli("attach", "video-filmado", VIDEO, "--name", "aula.mp4");

  const app = await startApp({ library, home: join(dir, "home"), dialogs: join(dir, "dialogs.json") });
  try {
    await app.waitText(".card-title", "Vídeo filmado");
    await app.exec(`[...document.querySelectorAll(".card")].find((c) => c.textContent.includes("Vídeo filmado")).querySelector(".card-title-button").click(); return 1`);
    await app.waitText(".editor-title", "Vídeo filmado");
    await app.click("#toggle-media");
    await app.waitFind("#prepare-panel");
    await app.click("#prepare-panel summary");
    // Sizes before starting: the video's and the whole package's.
    await app.waitFind('.prepare-items li[data-name="aula.mp4"]', 30_000);
    assert.match(await app.text(".prepare-items li"), /→ até/);
    assert.match(await app.text(".prepare-total"), /^Pacote completo: até \d/);
    assert.equal(await app.exec('return document.querySelectorAll(".prepare-card").length'), 0, "nothing prepared yet");

    await app.click('[data-action="prepare-start"]');
    await app.waitFind('.prepare-card[data-name="aula.mp4"]', 120_000);
    assert.match(await app.text(".prepare-messages"), /1 vídeo preparado/);
    assert.match(await app.text('.prepare-card[data-name="aula.mp4"] .prepare-sizes'), /kB → .*kB|B → /);
    // The poster is a real JPEG from the library, through the loopback server.
    await waitFor("the poster thumbnail", () => app.exec('return document.querySelector(".prepare-card img.prepare-poster")?.naturalWidth > 0'));
    // The result plays in the panel (WebKitGTK through GStreamer, from the loopback server).
    await app.click('.prepare-card [data-action="play"]');
    await app.waitFind(".prepare-card video.prepare-video");
    await playsFor(app, ".prepare-card video.prepare-video", 0.5);
    await app.screenshot("prepare");

    await app.click('.prepare-card [data-action="restore-original"]');
    await waitFor("the confirmation", () => app.exec('return [...document.querySelectorAll(".modal button")].some((b) => b.textContent === "Voltar ao original")'));
    await app.exec('[...document.querySelectorAll(".modal button")].find((b) => b.textContent === "Voltar ao original").click(); return 1');
    await app.waitText(".prepare-messages", "mostra de novo o original");
    await waitFor("the prepared list emptied", () => app.exec('return document.querySelectorAll(".prepare-card").length === 0'));
  } catch (error) {
    error.message += `\npage text: ${JSON.stringify(await app.bodyText())}`;
    throw error;
  } finally {
    await app.stop();
  }
});
