import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { ErrorReport } from "../src/bindings";
import { Saver } from "../src/saver";

const locked: ErrorReport = { code: "library_locked", message_pt: "…", message_en: "…" };

describe("autosave", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("writes within a second of the last keystroke, only the latest text of a field", async () => {
    const saver = new Saver(600);
    const writes: string[] = [];
    for (const text of ["O", "Ol", "Olá"]) {
      saver.schedule("body:pt", async () => void writes.push(text));
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(writes).toEqual([]);
    expect(saver.state.kind).toBe("pending");
    await vi.advanceTimersByTimeAsync(600);
    expect(writes).toEqual(["Olá"]);
    expect(saver.state.kind).toBe("saved");
  });

  it("a failed save keeps the text pending, says so, and is retried", async () => {
    const saver = new Saver(600);
    let fail = true;
    const saved: string[] = [];
    const write = async () => {
      if (fail) throw locked;
      saved.push("texto");
    };
    saver.schedule("body:pt", write);
    saver.schedule("title:pt", async () => void saved.push("título"));
    expect(await saver.flush()).toBe(false);
    expect(saver.state).toEqual({ kind: "error", error: locked });
    expect(saved).toEqual(["título"]);
    expect(saver.hasPending()).toBe(true);
    fail = false;
    expect(await saver.flush()).toBe(true);
    expect(saved).toEqual(["título", "texto"]);
    expect(saver.state.kind).toBe("saved");
  });

  it("flush writes at once, in order, one at a time", async () => {
    const saver = new Saver(600);
    const order: string[] = [];
    let running = 0;
    let overlap = false;
    const write = (name: string) => async () => {
      running++;
      overlap ||= running > 1;
      await Promise.resolve();
      order.push(name);
      running--;
    };
    saver.schedule("a", write("a"));
    saver.schedule("b", write("b"));
    const first = saver.flush();
    saver.schedule("c", write("c"));
    await first;
    await saver.flush();
    expect(order).toEqual(["a", "b", "c"]);
    expect(overlap).toBe(false);
  });
});
