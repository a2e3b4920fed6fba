// End-to-end: one library, one writer. A second launch on the library that
// is open already does not open a second window: it asks the running app to
// come forward and exits at once (tauri-plugin-single-instance, found through
// the D-Bus session bus; src-tauri/src/single_instance.rs). A launch on
// another library still runs beside it. Xvfb brings no session bus, so the
// spec starts its own (dbus-daemon, Debian package dbus-daemon).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { once } from "node:events";
import { test } from "node:test";

import { APP, scratch, sleep, startApp, waitFor } from "./driver.mjs";

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

test("a second launch on the same library exits and leaves the first window; another library still opens", async () => {
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

    const second = launch(library, join(dir, "home2"));
    others.push(second.child);
    const code = await Promise.race([second.exited, sleep(30_000).then(() => "still running after 30 s")]);
    assert.equal(code, 0, "the second launch on the same library exits at once, successfully");
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
