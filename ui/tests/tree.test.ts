import { beforeEach, describe, expect, it, vi } from "vitest";

import { initLanguage } from "../src/i18n";
import * as ipc from "../src/ipc";
import { keyboardMove, renderTree } from "../src/views/tree";
import { course, settle } from "./fixtures";

vi.mock("../src/ipc");
const mocked = vi.mocked(ipc);

function handlers() {
  return {
    select: vi.fn(),
    changed: vi.fn(async () => {}),
    addModule: vi.fn(),
    addLesson: vi.fn(),
    renameModule: vi.fn(),
    deleteModule: vi.fn(),
    deleteLesson: vi.fn(),
    error: vi.fn(),
  };
}

describe("keyboard moves", () => {
  it("move within a module, across modules, and stop at the ends", () => {
    expect(keyboardMove(course, "lesson", "l1", 1)).toEqual({ moduleId: null, position: 2 });
    expect(keyboardMove(course, "lesson", "l2", 1)).toEqual({ moduleId: "m2", position: 1 });
    expect(keyboardMove(course, "lesson", "l3", -1)).toEqual({ moduleId: "m1", position: 3 });
    expect(keyboardMove(course, "lesson", "l1", -1)).toBeNull();
    expect(keyboardMove(course, "lesson", "l3", 1)).toBeNull();
    expect(keyboardMove(course, "module", "m2", -1)).toEqual({ moduleId: null, position: 1 });
    expect(keyboardMove(course, "module", "m1", -1)).toBeNull();
  });
});

describe("module and lesson tree", () => {
  beforeEach(() => {
    initLanguage();
    vi.resetAllMocks();
    mocked.moveLesson.mockResolvedValue(undefined);
    mocked.moveModule.mockResolvedValue(undefined);
  });

  it("lists modules and lessons by position and marks the current lesson", () => {
    const tree = renderTree(course, null, { kind: "lesson", id: "l2" }, "pt", handlers());
    const rows = [...tree.querySelectorAll(".tree-lesson")].map((r) => r.querySelector(".tree-num")?.textContent + " " + r.querySelector(".tree-label")?.textContent);
    expect(rows).toEqual(["1.1 Objetivo", "1.2 Público", "2.1 Voz"]);
    expect(tree.querySelector('[data-id="l2"]')?.getAttribute("aria-current")).toBe("true");
  });

  it("Alt+↓ moves the focused lesson through the core and keeps focus on it", async () => {
    const h = handlers();
    const tree = renderTree(course, null, { kind: "settings" }, "pt", h);
    tree.querySelector('[data-id="l2"]')!.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", altKey: true, bubbles: true }));
    await settle();
    expect(mocked.moveLesson).toHaveBeenCalledWith("l2", "m2", 1);
    expect(h.changed).toHaveBeenCalledWith("l2");
  });

  it("Alt+↑ on a module moves the module", async () => {
    const h = handlers();
    const tree = renderTree(course, null, { kind: "settings" }, "pt", h);
    tree.querySelector('[data-id="m2"]')!.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowUp", altKey: true, bubbles: true }));
    await settle();
    expect(mocked.moveModule).toHaveBeenCalledWith("m2", 1);
  });

  it("dragging a lesson onto another puts it at that position", async () => {
    const h = handlers();
    const tree = renderTree(course, null, { kind: "settings" }, "pt", h);
    const from = tree.querySelector('[data-id="l3"]')!.closest("li")!;
    const to = tree.querySelector('[data-id="l1"]')!.closest("li")!;
    from.dispatchEvent(new Event("dragstart"));
    const over = new Event("dragover", { cancelable: true });
    to.dispatchEvent(over);
    expect(over.defaultPrevented).toBe(true);
    to.dispatchEvent(new Event("drop", { cancelable: true }));
    await settle();
    expect(mocked.moveLesson).toHaveBeenCalledWith("l3", "m1", 1);
  });

  it("dragging a lesson onto a module header appends it to that module", async () => {
    const tree = renderTree(course, null, { kind: "settings" }, "pt", handlers());
    tree.querySelector('[data-id="l1"]')!.closest("li")!.dispatchEvent(new Event("dragstart"));
    const head = tree.querySelector('[data-module-id="m2"]')!;
    head.dispatchEvent(new Event("dragover", { cancelable: true }));
    head.dispatchEvent(new Event("drop", { cancelable: true }));
    await settle();
    expect(mocked.moveLesson).toHaveBeenCalledWith("l1", "m2", 2);
  });

  it("marks lessons whose translation is stale", () => {
    const status = { source_lang: "pt" as const, pt_percent: 100, en_percent: 50, fields: [{ location: "lesson 1.1", owner_id: "l1", field: "body", pt: "complete" as const, en: "stale" as const }] };
    const tree = renderTree(course, status, { kind: "settings" }, "pt", handlers());
    expect(tree.querySelector('[data-id="l1"] .dot-stale')).not.toBeNull();
    expect(tree.querySelector('[data-id="l2"] .dot-stale')).toBeNull();
  });
});

describe("tree titles", () => {
  it("a title cut with an ellipsis shows whole on hover", async () => {
    const { renderTree } = await import("../src/views/tree");
    const { course } = await import("./fixtures");
    const handlers = { select() {}, changed() {}, addModule() {}, addLesson() {}, renameModule() {}, deleteModule() {}, deleteLesson() {}, error() {} };
    const tree = renderTree(course, null, { kind: "settings" }, "pt", handlers as never);
    const labels = [...tree.querySelectorAll<HTMLElement>(".tree-label")];
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label.title).toBe(label.textContent);
  });
});
