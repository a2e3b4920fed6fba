import { beforeEach, describe, expect, it, vi } from "vitest";

import { initLanguage } from "../src/i18n";
import * as ipc from "../src/ipc";
import { Saver } from "../src/saver";
import { lastLessonOf, mountEditor } from "../src/views/editor";
import { course, settle } from "./fixtures";

vi.mock("../src/ipc");
vi.mock("../src/components/markdown-editor", () => import("./editor-mock"));
const mocked = vi.mocked(ipc);

describe("course editor", () => {
  beforeEach(() => {
    localStorage.clear();
    initLanguage();
    vi.resetAllMocks();
    mocked.getCourse.mockResolvedValue(structuredClone(course));
    mocked.translationStatus.mockResolvedValue({ source_lang: "pt", pt_percent: 100, en_percent: 100, fields: [] });
    mocked.lessonStatus.mockResolvedValue({ source_lang: "pt", pt_percent: 100, en_percent: 100, fields: [] });
    mocked.renderPreview.mockResolvedValue("");
    mocked.listMedia.mockResolvedValue([]);
  });

  const actions = { back: vi.fn(), exportCourse: vi.fn() };

  it("opening a course again lands on the lesson last edited, not on its settings", async () => {
    const first = mountEditor("c1", new Saver(), null, actions);
    document.body.replaceChildren(first.root);
    await settle();
    expect(document.querySelector(".lesson-editor")).toBeNull();
    document.querySelector<HTMLElement>('.tree-lesson[data-id="l3"]')!.click();
    await settle();
    expect(lastLessonOf("c1")).toBe("l3");
    first.destroy();

    const again = mountEditor("c1", new Saver(), null, actions);
    document.body.replaceChildren(again.root);
    await settle();
    expect(document.querySelector(".lesson-editor")?.getAttribute("data-lesson-id")).toBe("l3");
    again.destroy();
  });

  it("a remembered lesson that no longer exists opens the settings", async () => {
    localStorage.setItem("juntos.lastLesson", JSON.stringify({ c1: "gone" }));
    const view = mountEditor("c1", new Saver(), null, actions);
    document.body.replaceChildren(view.root);
    await settle();
    expect(document.querySelector(".lesson-editor")).toBeNull();
    view.destroy();
  });
});
