// End-to-end: the library view of the real app in a real WebKit web view,
// driven through WebDriver. Its own temp library (see driver.mjs).
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";

import { scratch, sleep, startApp, waitFor } from "./driver.mjs";

test("the library shows the sample course, searches as you type, switches language, and stays inside the app", async () => {
  const dir = await scratch("library");
  const app = await startApp({ library: join(dir, "library"), home: join(dir, "home"), dialogs: join(dir, "dialogs.json") });
  try {
    await app.waitText(".card-title", "Apresentações eficazes");
    assert.equal(await app.text("h1"), "Os seus cursos");
    assert.equal(await app.exec("return document.documentElement.lang"), "pt");
    assert.match(await app.text('.card [data-lang="en"] .meter-value'), /^\d+%$/);

    // The security settings of tauri.conf.json hold in the real web view.
    assert.equal(await app.exec("return Object.isFrozen(Object.prototype)"), true, "freezePrototype");
    assert.equal(await app.exec("return typeof window.__TAURI__"), "undefined", "no withGlobalTauri");
    assert.equal(
      await app.exec('try { new Function("return 1")(); return "eval allowed"; } catch (e) { return e.name; }'),
      "EvalError",
      "the CSP forbids eval",
    );
    // The web view never navigates away: the person is asked (answered "no" here).
    await app.answerDialogs({ confirm: false });
    await app.exec('location.href = "https://example.org/"; return true');
    await sleep(800);
    assert.match(await app.exec("return location.href"), /^(tauri:\/\/localhost|http:\/\/tauri\.localhost)/);
    await app.exec('location.href = "file:///etc/hostname"; return true');
    await sleep(500);
    assert.match(await app.exec("return location.href"), /^(tauri:\/\/localhost|http:\/\/tauri\.localhost)/);

    // Search as you type, accents optional, with the match marked in a snippet.
    await app.type("#library-search", "publico");
    await app.waitFind(".hit mark");
    assert.equal(await app.exec('return document.querySelector(".grid-region").hidden'), true);
    await app.screenshot("search");
    await app.clear("#library-search");
    await app.exec('const i = document.querySelector("#library-search"); i.dispatchEvent(new Event("input")); return true');
    await waitFor("the cards again", () => app.exec('return !document.querySelector(".grid-region").hidden'));

    await app.click('button[data-lang="en"]');
    await app.waitText(".card-title", "Effective presentations");
    assert.equal(await app.text("h1"), "Your courses");
    await app.click('button[data-lang="pt"]');
    await app.waitText(".card-title", "Apresentações eficazes");
    await sleep(300);
    await app.screenshot("library");
  } catch (error) {
    error.message += `\npage text: ${JSON.stringify(await app.bodyText())}`;
    throw error;
  } finally {
    await app.stop();
  }
});
