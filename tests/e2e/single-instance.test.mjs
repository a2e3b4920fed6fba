// End-to-end: one library, one writer. A second launch on the library that
// is open already does not open a second window: it asks the running app to
// come forward (checked through the X input focus, tests/e2e/focus.py) and
// exits at once (tauri-plugin-single-instance, found through
// the D-Bus session bus; src-tauri/src/single_instance.rs). A launch on
// another library still runs beside it. Xvfb brings no session bus, so the
// spec starts its own (dbus-daemon, Debian package dbus-daemon).
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { once } from "node:events";
import { test } from "node:test";

import { APP, ROOT, scratch, sleep, startApp, waitFor } from "./driver.mjs";

async function sessionBus() {
  const daemon = spawn("dbus-daemon", ["--session", "--nofork", "--print-address=1"], { stdio: ["ignore", "pipe", "inherit"] });
  process.once("exit", () => daemon.kill("SIGKILL"));
  let out = "";
  const address = await waitFor("the D-Bus session bus", async () => {
    const chunk = daemon.stdout.read();
    if (chunk) out += chunk;
    return out.includes("\n") ? out.split("\n")[0].trim() : null;
  }, 10_000);
  return { address, stop: () => daemon.kill("SIGTERM") };
}

function launch(library, home) {
  const child = spawn(APP, [], {
    env: { ...process.env, JUNTOS_LIBRARY: library, XDG_DATA_HOME: join(home, "data"), XDG_CONFIG_HOME: join(home, "config"), XDG_CACHE_HOME: join(home, "cache") },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = once(child, "exit").then(([code]) => code);
  return { child, exited };
}

/** `focus.py clear|pid`: take the X input focus away, or the pid of the window that has it. */
function focus(what) {
  return execFileSync("python3", [join(ROOT, "tests/e2e/focus.py"), what], { encoding: "utf8" }).trim();
}

/** The pid of the juntos-studio process running on `library` (started by WebKitWebDriver). */
function runningApp(library) {
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readlinkSync(`/proc/${pid}/exe`).includes("juntos-studio")) continue;
      const env = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
      if (env.includes(`JUNTOS_LIBRARY=${library}`)) return Number(pid);
    } catch {
      // gone, or not ours to read
    }
  }
  return null;
}

test("a second launch on the same library exits and brings the first window forward; another library still opens", async () => {
  const bus = await sessionBus();
  process.env.DBUS_SESSION_BUS_ADDRESS = bus.address;
  // No accessibility bus to start on it (it would outlive the spec).
  process.env.NO_AT_BRIDGE = "1";
  const dir = await scratch("single");
  const library = join(dir, "library");
  const app = await startApp({ library, home: join(dir, "home"), dialogs: join(dir, "dialogs.json") });
  const others = [];
  try {
    await app.waitFind(".card");

    // The first window loses the focus (as when the person works in another program)...
    const appPid = runningApp(library);
    assert.ok(appPid, "the app on the library is running");
    focus("clear");
    assert.notEqual(focus("pid"), String(appPid), "the first window has lost the focus");

    const second = launch(library, join(dir, "home2"));
    others.push(second.child);
    const code = await Promise.race([second.exited, sleep(30_000).then(() => "still running after 30 s")]);
    assert.equal(code, 0, "the second launch on the same library exits at once, successfully");
    // ...and the second launch brings it forward: it has the focus again.
    // (Xvfb has no window manager: GTK raises the window and sets the X
    // input focus itself, which focus.py reads back.)
    await waitFor("the first window focused again", () => focus("pid") === String(appPid), 10_000);
    // The first one is still there, and still works.
    assert.equal(await app.exec("return document.querySelectorAll('.card').length > 0"), true);

    const elsewhere = launch(join(dir, "other-library"), join(dir, "home3"));
    others.push(elsewhere.child);
    const early = await Promise.race([elsewhere.exited, sleep(8_000).then(() => "running")]);
    assert.equal(early, "running", "an app on another library runs beside the first");
  } finally {
    for (const child of others) if (child.exitCode === null) child.kill("SIGKILL");
    await app.stop();
    bus.stop();
    delete process.env.DBUS_SESSION_BUS_ADDRESS;
  }
});
