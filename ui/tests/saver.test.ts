import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { ErrorReport } from "../src/bindings";
import { Saver } from "../src/saver";

const locked: ErrorReport = { code: "library_locked", message_pt: "…", message_en: "…", fields: {} };

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

describe("autosave while typing without a pause", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("writes at least every 2 s however fast the keys come", async () => {
    const saver = new Saver(600, 2000);
    const writes: { at: number; text: string }[] = [];
    const start = Date.now();
    let text = "";
    // 10 s of typing, a key every 150 ms: the 600 ms pause never comes.
    for (let i = 0; i < 66; i++) {
      text += "a";
      const snapshot = text;
      saver.schedule("body:pt", async () => void writes.push({ at: Date.now() - start, text: snapshot }));
      await vi.advanceTimersByTimeAsync(150);
    }
    await vi.advanceTimersByTimeAsync(600);
    expect(writes.length).toBeGreaterThanOrEqual(4);
    expect(writes.at(-1)?.text).toBe(text);
    // Key i was typed at 150·i ms; the first write holding it came at most 2 s later,
    // so a crash at any moment loses at most the last 2 s of typing.
    for (let i = 0; i < text.length; i++) {
      const first = writes.find((write) => write.text.length > i);
      expect(first!.at - 150 * i).toBeLessThanOrEqual(2000);
    }
  });

  it("a pause still saves 600 ms after the last key, and the next burst starts a new 2 s window", async () => {
    const saver = new Saver(600, 2000);
    const writes: number[] = [];
    const start = Date.now();
    const key = () => saver.schedule("body:pt", async () => void writes.push(Date.now() - start));
    key();
    await vi.advanceTimersByTimeAsync(300);
    key();
    await vi.advanceTimersByTimeAsync(600);
    expect(writes).toEqual([900]);
    // A new burst 1 s later: its maximum wait counts from its own first key.
    await vi.advanceTimersByTimeAsync(1000);
    for (let i = 0; i < 20; i++) {
      key();
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(writes[1]).toBe(1900 + 2000);
  });
});

describe("autosave when the person leaves a field", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("a field losing focus or the window losing focus saves at once", async () => {
    const saver = new Saver(600, 2000);
    const stop = saver.flushOnLeave(window);
    const input = document.createElement("textarea");
    document.body.append(input);
    input.focus();
    const writes: string[] = [];
    saver.schedule("body:pt", async () => void writes.push("campo"));
    input.blur();
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toEqual(["campo"]);
    saver.schedule("body:pt", async () => void writes.push("janela"));
    window.dispatchEvent(new Event("blur"));
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toEqual(["campo", "janela"]);
    stop();
    saver.schedule("body:pt", async () => void writes.push("depois"));
    window.dispatchEvent(new Event("blur"));
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toEqual(["campo", "janela"]);
    input.remove();
  });
});
