// Never lose typing. Every edit is queued under a key (one per field and
// language); the latest value of a key is written SAVE_DELAY after the last
// keystroke, and never later than MAX_WAIT after the first unsaved one, so
// continuous typing is written at least every 2 s (a crash loses at most
// that). Writes go one at a time in order, and `flush()` writes everything
// now (Ctrl+S, blur, switching lesson, closing the window).
//
// A failed write is kept: its key stays pending with the newest text, the
// status says "error" (the view shows it and a retry), and the next edit or
// flush tries again. Text in the editors is never replaced on failure.
import type { ErrorReport } from "./bindings";

export const SAVE_DELAY = 600;
/** The longest an edit waits while the person keeps typing. */
export const MAX_WAIT = 2000;

export type SaveState =
  | { kind: "saved" }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "error"; error: ErrorReport };

type Write = () => Promise<unknown>;

export class Saver {
  private pending = new Map<string, Write>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the oldest unsaved edit was queued (undefined when none waits). */
  private firstPendingAt: number | undefined;
  private running: Promise<boolean> | null = null;
  private listeners = new Set<(state: SaveState) => void>();
  state: SaveState = { kind: "saved" };

  constructor(
    private readonly delay = SAVE_DELAY,
    private readonly maxWait = MAX_WAIT,
  ) {}

  /** Queues `write` under `key`, replacing an older write of the same key. */
  schedule(key: string, write: Write): void {
    this.pending.set(key, write);
    if (this.state.kind !== "error") this.set({ kind: "pending" });
    const now = Date.now();
    this.firstPendingAt ??= now;
    const wait = Math.max(0, Math.min(this.delay, this.firstPendingAt + this.maxWait - now));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), wait);
  }

  hasPending(): boolean {
    return this.pending.size > 0 || this.running !== null;
  }

  /** Writes everything queued; true when all of it was saved. */
  async flush(): Promise<boolean> {
    clearTimeout(this.timer);
    while (this.running) await this.running;
    this.firstPendingAt = undefined;
    if (this.pending.size === 0) return this.state.kind !== "error";
    this.running = this.drain();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  /**
   * Saves at once when a field loses focus, the window loses focus or is hidden,
   * or the page goes away; returns the function that stops listening.
   */
  flushOnLeave(win: Window): () => void {
    const flush = () => void this.flush();
    const hidden = () => {
      if (win.document.visibilityState === "hidden") flush();
    };
    win.document.addEventListener("focusout", flush);
    win.addEventListener("blur", flush);
    win.addEventListener("pagehide", flush);
    win.document.addEventListener("visibilitychange", hidden);
    return () => {
      win.document.removeEventListener("focusout", flush);
      win.removeEventListener("blur", flush);
      win.removeEventListener("pagehide", flush);
      win.document.removeEventListener("visibilitychange", hidden);
    };
  }

  onChange(listener: (state: SaveState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tries every queued write once; failed ones stay queued (unless newer text arrived). */
  private async drain(): Promise<boolean> {
    this.set({ kind: "saving" });
    let failure: ErrorReport | null = null;
    const failed = new Map<string, Write>();
    while (this.pending.size > 0) {
      const [key, write] = this.pending.entries().next().value as [string, Write];
      this.pending.delete(key);
      try {
        await write();
      } catch (error) {
        failure = error as ErrorReport;
        failed.set(key, write);
      }
    }
    for (const [key, write] of failed) if (!this.pending.has(key)) this.pending.set(key, write);
    if (failure) {
      this.set({ kind: "error", error: failure });
      return false;
    }
    this.set({ kind: "saved" });
    return true;
  }

  private set(state: SaveState): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }
}
