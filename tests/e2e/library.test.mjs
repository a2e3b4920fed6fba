// End-to-end: the real Juntos Studio binary in a real WebKit web view, driven
// through WebDriver (tauri-driver -> WebKitWebDriver) over plain HTTP, so the
// test needs no npm packages. Run through scripts/test-e2e.sh, which starts
// Xvfb and tauri-driver and points JUNTOS_LIBRARY at a fresh temp library.
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const APP = process.env.JUNTOS_STUDIO_BIN ?? resolve(ROOT, "target/debug/juntos-studio");
const SCREENSHOT = resolve(ROOT, "docs/screenshots/library.png");
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

async function webdriver(method, path, body) {
  const response = await fetch(`${DRIVER}${path}`, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(`${method} ${path}: HTTP ${response.status} ${JSON.stringify(json.value ?? json)}`);
  }
  return json.value;
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes. */
async function waitFor(what, probe, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await sleep(250);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ""}`);
}

/**
 * Starts the app through tauri-driver. tauri-driver may accept connections a
 * moment before WebKitWebDriver is up; only a failed connection (so no session
 * and no app were made) is retried.
 */
async function newSession() {
  const capabilities = { alwaysMatch: { browserName: "wry", "tauri:options": { application: APP } } };
  for (let attempt = 1; ; attempt++) {
    try {
      return await webdriver("POST", "/session", { capabilities });
    } catch (error) {
      if (!(error instanceof TypeError) || attempt >= 40) throw error; // TypeError: fetch failed
      await sleep(250);
    }
  }
}

test("the library shows the sample course and switches language", async () => {
  const session = await newSession();
  const base = `/session/${session.sessionId}`;
  const find = async (css) => (await webdriver("POST", `${base}/element`, { using: "css selector", value: css }))[ELEMENT];
  const findAll = async (css) =>
    (await webdriver("POST", `${base}/elements`, { using: "css selector", value: css })).map((e) => e[ELEMENT]);
  const text = (id) => webdriver("GET", `${base}/element/${id}/text`);
  const titles = async () => Promise.all((await findAll(".card-title")).map(text));

  const bodyText = () =>
    webdriver("POST", `${base}/execute/sync`, { script: "return document.body.innerText", args: [] }).catch((e) => e.message);

  try {
    const pt = await waitFor("the sample course in Portuguese", async () => {
      const shown = await titles();
      return shown.includes("Apresentações eficazes") ? shown : null;
    });
    assert.ok(pt.includes("Apresentações eficazes"));
    assert.equal(await text(await find("h1")), "Os seus cursos");
    const inPage = (script) => webdriver("POST", `${base}/execute/sync`, { script, args: [] });
    assert.equal(await inPage("return document.documentElement.lang"), "pt");

    // The security settings of tauri.conf.json hold in the real web view.
    assert.equal(await inPage("return Object.isFrozen(Object.prototype)"), true, "freezePrototype");
    assert.equal(await inPage("return typeof window.__TAURI__"), "undefined", "no withGlobalTauri");
    assert.equal(
      await inPage('try { new Function("return 1")(); return "eval allowed"; } catch (e) { return e.name; }'),
      "EvalError",
      "the CSP forbids eval",
    );

    await webdriver("POST", `${base}/element/${await find('button[data-lang="en"]')}/click`, {});

    const en = await waitFor("the sample course in English", async () => {
      const shown = await titles();
      return shown.includes("Effective presentations") ? shown : null;
    });
    assert.ok(en.includes("Effective presentations"));
    assert.equal(await text(await find("h1")), "Your courses");

    // Let WebKit paint the new frame before capturing it.
    await webdriver("POST", `${base}/execute/async`, {
      script: "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
      args: [],
    });
    const png = await webdriver("GET", `${base}/screenshot`);
    await mkdir(dirname(SCREENSHOT), { recursive: true });
    await writeFile(SCREENSHOT, Buffer.from(png, "base64"));
  } catch (error) {
    error.message += `\npage text: ${JSON.stringify(await bodyText())}`;
    throw error;
  } finally {
    await webdriver("DELETE", base).catch((error) => console.error(`could not delete the session: ${error.message}`));
  }
});
