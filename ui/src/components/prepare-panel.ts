// "Preparar para partilhar / Prepare for sharing", inside the media panel
// (issue 12): the trainer picks a profile by name (Telemóvel / Padrão / Alta)
// or a size the course must fit in, sees each video's predicted size and the
// whole package's BEFORE starting, runs the queue with progress (ms of video,
// from ffmpeg's own progress through the core) and Cancelar, then sees the
// real sizes, "before → after" with the poster as a thumbnail, plays the
// result here, and can go back to the original (which is always kept).
//
// The running queue lives at module level, by course: the media panel is
// mounted again whenever the editor redraws (another lesson, a save), and a
// prepare that takes minutes must not lose its progress row meanwhile.
// Without ffmpeg the plan answers `ffmpeg_missing` and the section says so
// in the app's words; nothing else in the panel depends on ffmpeg.
import type { ErrorReport, JobProgress, PreparedInfo, Profile, QueuePlan } from "../bindings";
import { h } from "../dom";
import { formatDate, localeTag, plural, t } from "../i18n";
import * as ipc from "../ipc";
import { mediaBase } from "../media-base";
import { banner } from "../views/library";
import { confirmDialog } from "./modal";
import { jobRow } from "./job";
import { formatBytes, newId } from "../util";

export const PROFILES: Profile[] = ["phone", "standard", "high"];

/** Where a queue is, from the job's progress (ms of video of the whole queue). */
export interface QueuePosition {
  /** Index of the video being prepared. */
  index: number;
  name: string;
  /** 0..1 of that video, and of the whole queue. */
  item: number;
  overall: number;
}

/** Which video of `plan` the queue is on and how far, from `done` ms of the queue. */
export function queuePosition(plan: QueuePlan, done: number, phase?: string): QueuePosition | null {
  const shares = plan.items.map((i) => Math.max(1, i.duration_ms));
  const total = shares.reduce((a, b) => a + b, 0);
  if (plan.items.length === 0 || total === 0) return null;
  let before = 0;
  let index = plan.items.findIndex((i) => i.name === phase);
  if (index < 0) {
    // No name yet: the video whose share holds `done`.
    index = 0;
    while (index < shares.length - 1 && before + shares[index] <= done) before += shares[index++];
  } else {
    before = shares.slice(0, index).reduce((a, b) => a + b, 0);
  }
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  return { index, name: plan.items[index].name, item: clamp((done - before) / shares[index]), overall: clamp(done / total) };
}

/** Time left from how far a job is (0..1) after `elapsedMs`; null until it can be said. */
export function timeLeft(fraction: number, elapsedMs: number): number | null {
  if (fraction < 0.02 || elapsedMs < 2000 || fraction >= 1) return null;
  return (elapsedMs * (1 - fraction)) / fraction;
}

/** "1:05", "1:02:03". */
export function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const mm = Math.floor(s / 60) % 60;
  const ss = String(s % 60).padStart(2, "0");
  return s >= 3600 ? `${Math.floor(s / 3600)}:${String(mm).padStart(2, "0")}:${ss}` : `${mm}:${ss}`;
}

/** A budget typed in MB ("700", "1,5", "1.5"; MB = 10^6 bytes, as sticks are sold) → bytes; null when not a size. */
export function budgetBytes(text: string): number | null {
  const clean = text.trim().replace(/\s/g, "").replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(clean)) return null;
  const mb = Number(clean);
  return mb > 0 && mb <= 1e9 ? Math.round(mb * 1e6) : null;
}

/** "12,5 MB → 3,1 MB" in the interface's locale. */
export function beforeAfter(before: number, after: number): string {
  return t("prepare.sizes", { before: formatBytes(before, localeTag()), after: formatBytes(after, localeTag()) });
}

interface Running {
  job: string;
  plan: QueuePlan;
  started: number;
  progress: JobProgress | null;
  listeners: Set<() => void>;
  result: Promise<void>;
}

/** Queues running now, by course id (see the file's comment). */
const running = new Map<string, Running>();

export interface PreparePanel {
  root: HTMLElement;
  refresh(): Promise<void>;
}

export function mountPreparePanel(courseId: string, onChanged: () => void): PreparePanel {
  let profile: Profile = "standard";
  let plan: QueuePlan | null = null;
  let planned = false;

  const profiles = h(
    "fieldset",
    { class: "prepare-profiles" },
    h("legend", {}, t("prepare.profile")),
    ...PROFILES.map((p) => {
      const input = h("input", { type: "radio", name: `prepare-profile-${courseId}`, value: p, checked: p === profile, "data-profile": p });
      input.addEventListener("change", () => {
        profile = p;
        void makePlan();
      });
      return h("label", { class: "prepare-profile" }, input, " ", t(`prepare.profile.${p}`));
    }),
  );
  const budgetOn = h("input", { type: "checkbox", id: `prepare-budget-on-${courseId}`, "data-action": "budget-on" });
  const budgetInput = h("input", { type: "text", inputmode: "decimal", size: 6, class: "prepare-budget", "data-action": "budget", "aria-label": t("prepare.budget"), disabled: true, value: "700" });
  budgetOn.addEventListener("change", () => {
    budgetInput.disabled = !budgetOn.checked;
    void makePlan();
  });
  budgetInput.addEventListener("change", () => void makePlan());
  const budget = h("p", { class: "prepare-budget-row" }, h("label", {}, budgetOn, " ", t("prepare.budget")), " ", budgetInput, " MB");
  const planArea = h("div", { class: "prepare-plan", "aria-live": "polite" });
  const start = h("button", { type: "button", class: "button button-primary", "data-action": "prepare-start", disabled: true }, t("prepare.start"));
  const jobArea = h("div", { class: "job-area" });
  const messages = h("div", { class: "prepare-messages" });
  const results = h("div", { class: "prepare-results" });
  const form = h("div", { class: "prepare-form" }, profiles, budget, planArea, h("div", { class: "prepare-actions" }, start));
  const details = h(
    "details",
    { class: "prepare-panel", id: "prepare-panel" },
    h("summary", {}, t("prepare.title")),
    h("p", { class: "muted small" }, t("prepare.hint")),
    form,
    jobArea,
    messages,
  );
  const root = h("section", { class: "prepare" }, details, results);
  details.addEventListener("toggle", () => {
    if (details.open && !planned) void makePlan();
  });

  let asked = 0;
  async function makePlan() {
    planned = true;
    plan = null;
    start.disabled = true;
    let bytes: number | null = null;
    if (budgetOn.checked) {
      bytes = budgetBytes(budgetInput.value);
      if (bytes === null) {
        planArea.replaceChildren(h("p", { class: "notice notice-warn", role: "status" }, t("prepare.budget.invalid")));
        return;
      }
    }
    const mine = ++asked;
    planArea.replaceChildren(h("p", { class: "muted" }, t("prepare.planning")));
    try {
      const got = await ipc.planPrepare(courseId, profile, bytes);
      if (mine !== asked) return;
      plan = got;
      drawPlan(got);
    } catch (error) {
      if (mine !== asked) return;
      planArea.replaceChildren(banner(error as ErrorReport));
    }
  }

  function drawPlan(p: QueuePlan) {
    if (p.items.length === 0) {
      planArea.replaceChildren(h("p", { class: "muted" }, t("prepare.noVideos")));
      return;
    }
    const rows = p.items.map((item) =>
      h(
        "li",
        { "data-name": item.name, "data-predicted": item.predicted_size },
        h("code", {}, item.name),
        " ",
        h("span", { class: "muted" }, clock(item.duration_ms)),
        " · ",
        t("prepare.predicted", { before: formatBytes(item.original_size, localeTag()), after: formatBytes(item.predicted_size, localeTag()) }),
      ),
    );
    const total = p.budget
      ? t("prepare.total.budget", { size: formatBytes(p.predicted_total, localeTag()), budget: formatBytes(p.budget, localeTag()) })
      : t("prepare.total", { size: formatBytes(p.predicted_total, localeTag()) });
    planArea.replaceChildren(
      h("ul", { class: "prepare-items" }, ...rows),
      h("p", { class: "prepare-total", "data-total": p.predicted_total }, total),
      p.video_kbps ? h("p", { class: "muted small" }, t("prepare.lowered", { kbps: p.video_kbps })) : "",
      h("p", { class: "muted small" }, t("prepare.predicted.hint")),
    );
    start.textContent = plural("prepare.start", p.items.length);
    start.disabled = running.has(courseId);
  }

  start.addEventListener("click", () => {
    if (!plan || running.has(courseId)) return;
    startQueue(courseId, plan, onChanged);
    attach();
  });

  /** Shows the running queue of this course, if any, in this (possibly new) panel. */
  function attach() {
    const run = running.get(courseId);
    if (!run) {
      // A queue that ended while the editor redrew the panel: its outcome, once.
      const outcome = lastOutcome(courseId);
      if (outcome.length) {
        details.open = true;
        messages.replaceChildren(...outcome);
      }
      return;
    }
    details.open = true;
    start.disabled = true;
    messages.replaceChildren();
    const { row, label, update } = jobRow(run.job, t("prepare.title"));
    const cancel = row.querySelector("button");
    if (cancel) cancel.id = "prepare-cancel";
    row.setAttribute("data-job", "prepare");
    jobArea.replaceChildren(row);
    const draw = () => {
      const p = run.progress;
      const at = p ? queuePosition(run.plan, p.done, p.phase) : null;
      if (!at) {
        label.textContent = t("prepare.starting");
        return;
      }
      update(Math.round(at.overall * 1000), 1000);
      const left = timeLeft(at.overall, Date.now() - run.started);
      label.textContent = [
        t("prepare.running", { name: at.name, i: at.index + 1, n: run.plan.items.length }),
        `${Math.round(at.item * 100)} %`,
        left === null ? null : t("prepare.left", { time: clock(left) }),
      ]
        .filter(Boolean)
        .join(" · ");
    };
    draw();
    run.listeners.add(draw);
    void run.result.then(async () => {
      run.listeners.delete(draw);
      // A panel the editor has since replaced leaves it to the new one.
      if (!root.isConnected) return;
      jobArea.replaceChildren();
      messages.replaceChildren(...lastOutcome(courseId));
      start.disabled = false;
      await refresh();
      if (plan) void makePlan();
    });
  }

  async function refresh() {
    let prepared: PreparedInfo[] = [];
    try {
      prepared = (await ipc.preparedMedia(courseId)) ?? [];
    } catch (error) {
      results.replaceChildren(banner(error as ErrorReport));
      return;
    }
    if (prepared.length === 0) {
      results.replaceChildren();
      return;
    }
    const mediaBaseUrl = await mediaBase();
    const items = await ipc.listMedia(courseId).catch(() => []);
    results.replaceChildren(
      h("h3", {}, t("prepare.prepared.title")),
      h("ul", { class: "prepare-done" }, ...prepared.map((info) => preparedCard(info, items?.find((m) => m.name === info.name)?.sha256 ?? null, mediaBaseUrl))),
    );
  }

  function preparedCard(info: PreparedInfo, sha256: string | null, mediaBaseUrl: string): HTMLElement {
    const poster = info.poster_sha256 ? `${mediaBaseUrl}${info.poster_sha256}.jpeg` : undefined;
    const thumb = poster ? h("img", { class: "prepare-poster", src: poster, alt: t("prepare.poster.alt", { name: info.name }), loading: "lazy" }) : null;
    const sizes = info.original_size !== undefined ? beforeAfter(info.original_size, info.prepared_size) : t("prepare.noOriginal", { size: formatBytes(info.prepared_size, localeTag()) });
    const play = h("button", { type: "button", class: "link-button", "data-action": "play" }, t("prepare.play"));
    const player = h("div", { class: "prepare-player" });
    play.addEventListener("click", () => {
      if (player.firstChild) {
        player.replaceChildren();
        return;
      }
      if (!sha256) return;
      player.replaceChildren(h("video", { controls: true, preload: "metadata", src: `${mediaBaseUrl}${sha256}.mp4`, poster, class: "prepare-video" }));
    });
    const restore = h("button", { type: "button", class: "link-button", "data-action": "restore-original", disabled: info.original_size === undefined || running.has(courseId) }, t("prepare.restore"));
    restore.addEventListener("click", async () => {
      const size = info.original_size === undefined ? "" : formatBytes(info.original_size, localeTag());
      if (!(await confirmDialog(t("prepare.restore"), t("prepare.restore.body", { name: info.name, size }), t("prepare.restore")))) return;
      messages.replaceChildren();
      try {
        await ipc.restoreOriginalMedia(courseId, info.name);
        messages.replaceChildren(h("p", { class: "notice", role: "status" }, t("prepare.restored", { name: info.name })));
        onChanged();
      } catch (error) {
        messages.replaceChildren(banner(error as ErrorReport));
      }
      await refresh();
    });
    return h(
      "li",
      { class: "prepare-card", "data-name": info.name, "data-profile": info.recipe.profile },
      thumb,
      h(
        "div",
        { class: "prepare-card-body" },
        h("code", {}, info.name),
        h("p", { class: "prepare-sizes" }, sizes),
        h("p", { class: "muted small" }, `${t(`prepare.profile.${info.recipe.profile}`)} · ${formatDate(info.prepared_at)}`),
        h("div", { class: "media-actions" }, play, restore),
        player,
      ),
    );
  }

  attach();
  return { root, refresh };
}

/** What the last queue of a course ended with, shown by whichever panel is mounted then. */
const outcomes = new Map<string, () => HTMLElement[]>();

function lastOutcome(courseId: string): HTMLElement[] {
  const draw = outcomes.get(courseId);
  outcomes.delete(courseId);
  return draw ? draw() : [];
}

function startQueue(courseId: string, plan: QueuePlan, onChanged: () => void): void {
  const job = newId("prepare-");
  const run: Running = { job, plan, started: Date.now(), progress: null, listeners: new Set(), result: Promise.resolve() };
  running.set(courseId, run);
  outcomes.delete(courseId);
  run.result = ipc
    .prepareVideos(courseId, plan, job, (p) => {
      run.progress = p;
      for (const listener of run.listeners) listener();
    })
    .then((reports) => {
      const list = reports ?? [];
      outcomes.set(courseId, () => [
        h("p", { class: "notice notice-ok", role: "status" }, plural("prepare.done", list.length)),
        h("ul", { class: "prepare-report" }, ...list.map((r) => h("li", { "data-name": r.name, "data-size": r.prepared_size }, h("code", {}, r.name), " ", beforeAfter(r.original_size, r.prepared_size)))),
      ]);
    })
    .catch((error: ErrorReport) => {
      outcomes.set(courseId, () => [
        error.code === "cancelled" ? h("p", { class: "notice", role: "status", "data-code": "cancelled" }, t("prepare.cancelled")) : banner(error),
      ]);
    })
    .finally(() => {
      running.delete(courseId);
      onChanged();
    });
}
