// End-to-end: video plays inside the app (issue 13 item 6, issue 12 item 8,
// "Ver como formando" of issue 13 item 8). WebKitGTK plays media through
// GStreamer, which cannot read an app's own URI scheme, so media come from
// the shell's loopback server (src-tauri/src/loopback.rs). A real H.264/AAC
// MP4 made here by ffmpeg, with Portuguese captions, is shown by a lesson:
// the preview carries the caption track; the same URL plays in the app's
// web view (currentTime advances); "Ver como formando" opens the course in
// the real player in a window of the app, where the video plays with its
// captions. Temp library (driver.mjs).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { playsFor, ROOT, scratch, startApp, waitFor } from "./driver.mjs";

const JUNTOS = join(ROOT, "target/debug/juntos");
const CAPTIONS = join(ROOT, "tests/fixtures/media/legendas-pt.srt");
const srcdoc = (app, lang) => app.exec(`return document.querySelector('iframe[data-lang="${lang}"]')?.srcdoc ?? ""`);

test("a lesson's video plays in the app with its captions, and in the learner window", async () => {
  const dir = await scratch("video");
  const library = join(dir, "library");
  const clip = join(dir, "aula.mp4");
  // Six seconds of picture and tone: long enough to see the clock move.
  execFileSync("ffmpeg", ["-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440",
    "-t", "6", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart", clip]);
  const cli = (...args) => execFileSync(JUNTOS, args, { env: { ...process.env, JUNTOS_LIBRARY: library, LANG: "en_GB.UTF-8" } });
  cli("init");
  cli("org", "set", "--name", "Associação Kuyakana");
  cli("new", "course", "Vídeo na aplicação");
  cli("new", "module", "video-na-aplicacao", "Um");
  cli("new", "lesson", "video-na-aplicacao", "1", "Ver o vídeo");
  cli("attach", "video-na-aplicacao", clip, "--name", "aula.mp4");
  cli("media", "captions", "video-na-aplicacao", "aula.mp4", "--lang", "pt", CAPTIONS);
  const body = join(dir, "licao.md");
  writeFileSync(body, "Veja a aula:\n\n![Aula](media:aula.mp4)\n");
  cli("edit", "video-na-aplicacao", "1.1", "--field", "body", "--lang", "pt", "--file", body);

  const app = await startApp({ library, home: join(dir, "home"), dialogs: join(dir, "dialogs.json") });
  try {
    await app.waitText(".card-title", "Vídeo na aplicação");
    await app.exec(`[...document.querySelectorAll(".card")].find((c) => c.textContent.includes("Vídeo na aplicação")).querySelector(".card-title-button").click(); return 1`);
    await app.waitText(".editor-title", "Vídeo na aplicação");
    await app.click(".tree-lesson");

    // The preview: the video from the loopback server, with its Portuguese captions as a track.
    await waitFor("the caption track in the preview", async () => (await srcdoc(app, "pt")).includes("<track"));
    const preview = await srcdoc(app, "pt");
    const src = preview.match(/<video[^>]* src="(http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{64}\/media\/[0-9a-f]{64}\.mp4)"/)?.[1];
    assert.ok(src, preview);
    assert.match(preview, /<track kind="captions" srclang="pt" label="Português" src="data:text\/vtt;charset=utf-8,WEBVTT/);
    assert.match(preview, /default=""/);

    // The preview frame runs no script, so the same URL is played by the
    // app's own page: real WebKitGTK, real GStreamer, real server, the app's CSP.
    await app.exec(`const v = document.createElement("video"); v.id = "probe-video"; v.src = arguments[0]; document.body.append(v); return 1`, src);
    await playsFor(app, "#probe-video", 1);
    await app.exec('document.querySelector("#probe-video").remove(); return 1');

    // "Ver como formando": the whole course in the real player, in a window of the app.
    const main = await app.currentWindow();
    await app.click("#see-as-learner");
    await app.waitFind("[data-learner-view]", 60_000);
    const learner = await waitFor("the learner window", async () => (await app.windows()).find((h) => h !== main));
    await app.switchToWindow(learner);
    await waitFor("the learner window's page", () => app.exec('return document.readyState === "complete" && !!document.querySelector("iframe")'));
    assert.match(await app.exec("return location.href"), /^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{64}\/learner-window\/[^/]+$/);
    const ipc = await app.execAsync(
      "const done = arguments[0]; const i = window.__TAURI_INTERNALS__; if (!i || typeof i.invoke !== 'function') return done('no ipc'); i.invoke('list_courses').then(() => done('allowed'), (e) => done('refused: ' + e))",
    );
    assert.doesNotMatch(ipc, /^allowed/, "the learner window can call no command");
    // The player runs in a frame of that page (the window's own page has
    // Tauri's frozen Object.prototype, which the player's SHA-256 cannot take).
    await app.switchToFrame(0);
    await waitFor("the player", () => app.exec('return document.readyState === "complete" && location.href'));
    assert.match(await app.exec("return location.href"), /^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{64}\/learner\/[^/]+\/index\.html/);
    assert.equal(await app.exec("return typeof window.__TAURI_INTERNALS__"), "undefined", "no IPC in the player's frame");
    // The player asks who is learning (issue 17): this learner skips it.
    await waitFor("the learner's question", () => app.exec('const b = document.querySelector(".learner-out"); if (b) b.click(); return !!b'));
    // Open the lesson with the video: the player's first lesson link.
    await waitFor("the lesson link", () => app.exec('const a = [...document.querySelectorAll("a")].find((a) => a.textContent.includes("Ver o vídeo")); if (a) a.click(); return !!a'));
    await app.waitFind("video");
    await playsFor(app, "video", 1);
    const tracks = await app.exec('return [...document.querySelector("video").textTracks].map((t) => t.language)');
    assert.ok(tracks.includes("pt"), `captions in the player: ${JSON.stringify(tracks)}`);
    await app.screenshot("learner-window");
    await app.switchToFrame(null);
    await app.switchToWindow(main);
  } catch (error) {
    error.message += `\npage text: ${JSON.stringify(await app.bodyText())}`;
    throw error;
  } finally {
    await app.stop();
  }
});
