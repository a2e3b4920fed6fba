// Desktop app benchmark (not a timed test): with a generated 1,000-course
// library, measures in the real app under Xvfb, through WebDriver:
//   - app start to library shown (process start -> first page of cards with
//     their completeness on screen), median of RUNS cold-ish starts;
//   - search as you type: keystroke -> results on screen (includes the 120 ms
//     debounce), p50/p95 over a set of queries; also results in the DOM and the IPC alone;
//   - preview update after typing stops: last keystroke -> preview frame
//     updated (includes the 60 ms debounce), p50/p95;
//   - idle memory: RSS and PSS of the app and its WebKit processes after 10 s idle.
// Run through benches/app/run.sh, which builds and generates what is needed.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";

const APP = process.env.JUNTOS_STUDIO_BIN;
const LIBRARY = process.env.BENCH_LIBRARY;
const HOME = process.env.BENCH_HOME;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

async function portOpen(port) {
  return new Promise((done) => {
    const s = connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), done(true)));
    s.once("error", () => done(false));
  });
}

async function driver(port) {
  const env = {
    ...process.env,
    JUNTOS_LIBRARY: LIBRARY,
    XDG_DATA_HOME: join(HOME, "data"),
    XDG_CACHE_HOME: join(HOME, "cache"),
    XDG_CONFIG_HOME: join(HOME, "config"),
  };
  const child = spawn("tauri-driver", ["--port", String(port), "--native-port", String(port + 1)], { env, stdio: "ignore" });
  // tauri-driver answers before WebKitWebDriver (on the native port) does;
  // a session asked for in between is dropped ("other side closed").
  while (!(await portOpen(port)) || !(await portOpen(port + 1))) await sleep(50);
  const base = `http://127.0.0.1:${port}`;
  const wd = async (method, path, body) => {
    const r = await fetch(base + path, { method, headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
    const j = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(`${method} ${path}: ${JSON.stringify(j.value ?? j)}`);
    return j.value;
  };
  return { child, wd };
}

function descendants(pid) {
  const all = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  const parent = new Map();
  for (const p of all) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      parent.set(Number(p), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {}
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++) for (const [p, pp] of parent) if (pp === out[i]) out.push(p);
  return out;
}

function memory(pids) {
  let rss = 0;
  let pss = 0;
  const names = [];
  for (const pid of pids) {
    try {
      const roll = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      rss += Number(/^Rss:\s+(\d+)/m.exec(roll)[1]);
      pss += Number(/^Pss:\s+(\d+)/m.exec(roll)[1]);
      names.push(readFileSync(`/proc/${pid}/comm`, "utf8").trim());
    } catch {}
  }
  return { rss: rss / 1024, pss: pss / 1024, names };
}

function findApp(driverPid) {
  for (const pid of descendants(driverPid)) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim().startsWith("juntos-studio")) return pid;
    } catch {}
  }
  return null;
}

const caps = { capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application: APP } } } };
const results = {};

// 1. Start to library shown.
const starts = [];
const inPage = [];
let port = 5200;
for (let run = 0; run < RUNS; run++) {
  const { child, wd } = await driver(port);
  port += 2;
  const t0 = performance.now();
  const session = await wd("POST", "/session", caps);
  const s = `/session/${session.sessionId}`;
  let shown = 0;
  for (;;) {
    const ok = await wd("POST", `${s}/execute/sync`, { script: 'return !!document.querySelector(".card .meter")', args: [] }).catch(() => false);
    if (ok) {
      shown = performance.now() - t0;
      break;
    }
    await sleep(10);
  }
  starts.push(shown);
  inPage.push(await wd("POST", `${s}/execute/sync`, { script: 'return performance.getEntriesByName("juntos:library-shown")[0]?.startTime ?? -1', args: [] }));
  if (run < RUNS - 1) {
    await wd("DELETE", s).catch(() => {});
    child.kill();
    await sleep(500);
    continue;
  }

  // 2. Idle memory, 10 s after the library is shown.
  await sleep(10_000);
  const appPid = findApp(child.pid);
  results.memory = appPid ? memory(descendants(appPid)) : null;

  // 3. Search as you type.
  const queries = ["educacao", "saude", "agua", "eleicoes", "comunidade", "mulheres", "orcamento", "escola", "nutricao", "criancas", "credit", "water", "rights", "youth", "teacher", "relat", "parti", "trans", "comunidade jovens", "hospital estrada"];
  const searchTimes = [];
  const searchDom = [];
  const searchIpc = [];
  for (const q of queries) {
    const [shown, inDom, ipc] = await wd("POST", `${s}/execute/async`, {
      script: `const [q, done] = arguments;
        const input = document.querySelector("#library-search");
        input.value = ""; input.dispatchEvent(new Event("input"));
        setTimeout(async () => {
          // The IPC round trip alone (what the page does after the debounce).
          const i0 = performance.now();
          await window.__TAURI_INTERNALS__.invoke("search", { query: q, limit: 30 });
          const ipc = performance.now() - i0;
          const region = document.querySelector(".search-results");
          let inDom = 0;
          const observer = new MutationObserver(() => {
            if (!inDom && region.querySelector(".hits, .empty")) inDom = performance.now() - t0;
          });
          observer.observe(region, { childList: true, subtree: true });
          const t0 = performance.now();
          input.value = q; input.dispatchEvent(new Event("input"));
          const check = () => {
            if (inDom) {
              observer.disconnect();
              // One frame later the results are painted.
              requestAnimationFrame(() => done([performance.now() - t0, inDom, ipc]));
            } else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        }, 300);`,
      args: [q],
    });
    searchTimes.push(shown);
    searchDom.push(inDom);
    searchIpc.push(ipc);
  }
  results.searchDom = searchDom;
  results.searchIpc = searchIpc;
  results.search = searchTimes;

  // 4. Preview after typing stops: open a course's first lesson, type, time the frame update.
  await wd("POST", `${s}/execute/sync`, { script: 'const i = document.querySelector("#library-search"); i.value = ""; i.dispatchEvent(new Event("input")); document.querySelector(".card-title-button").click(); return 1', args: [] });
  for (;;) {
    if (await wd("POST", `${s}/execute/sync`, { script: 'return !!document.querySelector(".tree-lesson")', args: [] })) break;
    await sleep(50);
  }
  await wd("POST", `${s}/execute/sync`, { script: 'document.querySelector(".tree-lesson").click(); return 1', args: [] });
  let editor;
  for (;;) {
    const found = await wd("POST", `${s}/elements`, { using: "css selector", value: '.cm-editor[data-field="body"][data-lang="pt"] .cm-content' });
    if (found.length) {
      editor = found[0][ELEMENT];
      break;
    }
    await sleep(50);
  }
  await sleep(1000);
  const previewTimes = [];
  for (let i = 0; i < 15; i++) {
    await wd("POST", `${s}/execute/sync`, {
      script: `window.__bench = { last: 0, updated: 0 };
        document.addEventListener("keydown", () => (window.__bench.last = performance.now()), { capture: true });
        const frame = document.querySelector('iframe[data-lang="pt"]');
        new MutationObserver(() => (window.__bench.updated = performance.now())).observe(frame, { attributes: true, attributeFilter: ["srcdoc"] });
        return 1`,
      args: [],
    });
    await wd("POST", `${s}/element/${editor}/value`, { text: ` palavra${i}` });
    let r;
    for (;;) {
      r = await wd("POST", `${s}/execute/sync`, { script: "return window.__bench", args: [] });
      if (r.updated > r.last && r.last > 0) break;
      await sleep(20);
    }
    previewTimes.push(r.updated - r.last);
    await sleep(400);
  }
  results.preview = previewTimes;
  await wd("DELETE", s).catch(() => {});
  child.kill();
}
results.start = starts;
results.startInPage = inPage;

const f = (x) => `${Math.round(x)} ms`;
console.log("\n| measure (1,000 courses) | figure |");
console.log("| --- | --- |");
console.log(`| app start to library shown (process start -> first page of cards with completeness), median of ${RUNS} | ${f(median(starts))} (min ${f(Math.min(...starts))}, max ${f(Math.max(...starts))}) |`);
console.log(`| of which in the page (navigation start -> cards shown), median | ${f(median(inPage))} |`);
console.log(`| search as you type, keystroke -> results shown (incl. 120 ms debounce), p50 / p95 | ${f(pct(results.search, 50))} / ${f(pct(results.search, 95))} |`);
console.log(`| search: results in the page (DOM), p50 / p95 | ${f(pct(results.searchDom, 50))} / ${f(pct(results.searchDom, 95))} |`);
console.log(`| search: IPC round trip alone (search command, 30 hits), p50 / p95 | ${f(pct(results.searchIpc, 50))} / ${f(pct(results.searchIpc, 95))} |`);
console.log(`| preview after typing stops, last keystroke -> frame updated (incl. 60 ms debounce), p50 / p95 | ${f(pct(results.preview, 50))} / ${f(pct(results.preview, 95))} |`);
if (results.memory) {
  console.log(`| idle memory, app + WebKit processes (${results.memory.names.join(", ")}) | ${Math.round(results.memory.rss)} MiB RSS / ${Math.round(results.memory.pss)} MiB PSS |`);
}
console.log("\nraw:", JSON.stringify(results));
