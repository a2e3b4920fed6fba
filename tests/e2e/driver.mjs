// A small WebDriver client for the end-to-end specs, over plain HTTP (no npm
// packages). Each spec starts its own app through its own tauri-driver, with
// its own environment: a temp library (JUNTOS_LIBRARY), fresh XDG folders
// (so the web view's localStorage starts empty) and a file of answers for
// the native dialogs (JUNTOS_TEST_DIALOGS, read by the `e2e` build only, see src-tauri/src/dialogs.rs).
// scripts/test-e2e.sh only provides the X server (Xvfb).
import { spawn } from "node:child_process";
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const APP = process.env.JUNTOS_STUDIO_BIN ?? resolve(ROOT, "target/debug/juntos-studio");
// Screenshots are always taken (a failing capture fails the spec), but land
// in docs/screenshots/ only when asked (scripts/test-e2e.sh --screenshots),
// so a test run leaves the working tree as it was.
export const SCREENSHOTS = process.env.JUNTOS_E2E_SCREENSHOTS
  ?? join(process.env.JUNTOS_E2E_TMP ?? tmpdir(), "screenshots");
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor(what, probe, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await sleep(150);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ""}`);
}

/**
 * Plays the `<video>` at `css` (muted, as autoplay rules allow) and waits
 * until its clock has moved `seconds` past where it started: the bytes
 * arrived, were decoded and are being shown. Fails with the element's error.
 */
export async function playsFor(app, css, seconds, timeoutMs = 30_000) {
  const start = await app.exec(
    "const v = document.querySelector(arguments[0]); v.muted = true; v.play().catch((e) => { v.dataset.playError = String(e); }); return v.currentTime",
    css,
  );
  return waitFor(`${css} playing for ${seconds} s`, async () => {
    const state = await app.exec(
      "const v = document.querySelector(arguments[0]); return { t: v.currentTime, error: v.error && v.error.code, refused: v.dataset.playError || null, ready: v.readyState }",
      css,
    );
    if (state.error || state.refused) throw new Error(`${css} cannot play: ${JSON.stringify(state)}`);
    return state.t >= start + seconds ? state : null;
  }, timeoutMs);
}

/** A fresh temp folder for one spec: libraries, XDG folders, dialog answers, exports. */
export async function scratch(name) {
  return mkdtemp(join(process.env.JUNTOS_E2E_TMP ?? tmpdir(), `juntos-e2e-${name}-`));
}

let nextPort = 4444 + Math.floor(Math.random() * 200) * 2;

function portOpen(port) {
  return new Promise((done) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      done(true);
    });
    socket.once("error", () => done(false));
  });
}

/**
 * Starts the app on `library` through a tauri-driver of its own.
 * `dialogs` is the path of the JSON file answering native dialogs.
 */
export async function startApp({ library, home, dialogs }) {
  const port = nextPort;
  nextPort += 2;
  await mkdir(home, { recursive: true });
  if (dialogs) await writeFile(dialogs, "{}");
  const env = {
    ...process.env,
    JUNTOS_LIBRARY: library,
    XDG_DATA_HOME: join(home, "data"),
    XDG_CACHE_HOME: join(home, "cache"),
    XDG_CONFIG_HOME: join(home, "config"),
    ...(dialogs ? { JUNTOS_TEST_DIALOGS: dialogs } : {}),
  };
  // Its own process group: tauri-driver, WebKitWebDriver and the app it
  // launches. stop() ends the whole group, so an app that outlived its
  // session (say, one whose window was closed under the driver) cannot keep
  // the test runner waiting.
  const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(port + 1)], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const killGroup = (signal) => {
    try {
      process.kill(-driver.pid, signal);
    } catch {
      // already gone
    }
  };
  process.once("exit", () => killGroup("SIGKILL"));
  const base = `http://127.0.0.1:${port}`;
  await waitFor("tauri-driver", () => portOpen(port), 15_000);

  async function wd(method, path, body) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${JSON.stringify(json.value ?? json)}`);
    return json.value;
  }

  const capabilities = { alwaysMatch: { browserName: "wry", "tauri:options": { application: APP } } };
  let session;
  for (let attempt = 1; ; attempt++) {
    try {
      session = await wd("POST", "/session", { capabilities });
      break;
    } catch (error) {
      if (attempt >= 40) throw error;
      await sleep(250);
    }
  }
  const s = `/session/${session.sessionId}`;
  const app = {
    library,
    async find(css) {
      return (await wd("POST", `${s}/element`, { using: "css selector", value: css }))[ELEMENT];
    },
    async findAll(css) {
      return (await wd("POST", `${s}/elements`, { using: "css selector", value: css })).map((e) => e[ELEMENT]);
    },
    async waitFind(css, timeout) {
      return waitFor(css, async () => (await app.findAll(css))[0], timeout);
    },
    /**
     * Finds `css` and acts on it. The views re-render (the library redraws its
     * cards when their completeness arrives), so an element found a moment
     * ago may be gone: then it is found again, a few times at most.
     */
    async act(css, action, body = {}) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await wd("POST", `${s}/element/${await app.waitFind(css)}/${action}`, body);
        } catch (error) {
          if (attempt >= 5 || !/stale element reference/.test(error.message)) throw error;
          await sleep(100);
        }
      }
    },
    click(css) {
      return app.act(css, "click");
    },
    type(css, text) {
      return app.act(css, "value", { text });
    },
    clear(css) {
      return app.act(css, "clear");
    },
    /** The text content (not WebDriver's "rendered text", which is empty for clipped elements). */
    async text(css) {
      await app.waitFind(css);
      return app.exec("return document.querySelector(arguments[0]).textContent.normalize('NFC')", css);
    },
    exec(script, ...args) {
      return wd("POST", `${s}/execute/sync`, { script, args });
    },
    /** A script that calls its last argument with the result (for promises). */
    execAsync(script, ...args) {
      return wd("POST", `${s}/execute/async`, { script, args });
    },
    /** Real key presses (WebDriver actions) to whatever has the focus: "\uE004" is Tab, "\uE00C" Escape. */
    async keys(text) {
      const actions = [...text].flatMap((value) => [{ type: "keyDown", value }, { type: "keyUp", value }]);
      await wd("POST", `${s}/actions`, { actions: [{ type: "key", id: "keyboard", actions }] });
      await wd("DELETE", `${s}/actions`).catch(() => {});
    },
    async waitText(css, expected, timeout) {
      return waitFor(`${css} to contain ${JSON.stringify(expected)}`, () =>
        app.exec(
          "return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent.normalize('NFC')).find((t) => t.includes(arguments[1])) ?? null",
          css,
          expected,
        ), timeout);
    },
    async bodyText() {
      return app.exec("return document.body.innerText").catch((e) => e.message);
    },
    async screenshot(name) {
      // Let WebKit paint the last change before capturing it.
      await wd("POST", `${s}/execute/async`, {
        script: "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
        args: [],
      });
      await sleep(150);
      const png = await wd("GET", `${s}/screenshot`);
      await mkdir(SCREENSHOTS, { recursive: true });
      await writeFile(join(SCREENSHOTS, `${name}.png`), Buffer.from(png, "base64"));
    },
    /** The handles of the app's windows (WebDriver window handles). */
    windows() {
      return wd("GET", `${s}/window/handles`);
    },
    /** The handle of the window commands now go to. */
    currentWindow() {
      return wd("GET", `${s}/window`);
    },
    /** Sends the next commands into the page's `index`th frame, or back to the top page with `null`. */
    switchToFrame(index) {
      return wd("POST", `${s}/frame`, { id: index });
    },
    /** Sends the next commands to another window of the app. */
    switchToWindow(handle) {
      return wd("POST", `${s}/window`, { handle });
    },
    /** Resizes the window (the screenshots and layout checks are at 1366×768 and 1280×720). */
    async setSize(width, height) {
      await wd("POST", `${s}/window/rect`, { width, height });
      await waitFor(`a ${width}px wide page`, () => app.exec("return Math.abs(window.innerWidth - arguments[0]) <= 2", width));
    },
    async answerDialogs(answers) {
      await writeFile(dialogs, JSON.stringify(answers));
    },
    /** Asks the window to close, as the window manager's close button does. */
    async closeWindow() {
      return wd("DELETE", `${s}/window`).catch((error) => error);
    },
    async stop() {
      await wd("DELETE", s).catch(() => {});
      const exited = new Promise((done) => (driver.exitCode !== null ? done() : driver.once("exit", done)));
      killGroup("SIGTERM");
      await Promise.race([exited, sleep(3000)]);
      killGroup("SIGKILL");
      await exited;
    },
  };
  return app;
}
