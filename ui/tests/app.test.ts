import { beforeEach, describe, expect, it, vi } from "vitest";

import { mountApp } from "../src/app";
import { initLanguage, setLanguage } from "../src/i18n";
import * as ipc from "../src/ipc";
import { info, sample, settle } from "./fixtures";

vi.mock("../src/ipc");
const mocked = vi.mocked(ipc);

describe("the app frame", () => {
  beforeEach(() => {
    localStorage.clear();
    initLanguage();
    vi.resetAllMocks();
    mocked.appInfo.mockResolvedValue(info);
    mocked.listCourses.mockResolvedValue([sample]);
    mocked.courseCards.mockResolvedValue([]);
    mocked.setUiLanguage.mockResolvedValue(undefined);
    mocked.onCloseRequested.mockResolvedValue(() => {});
    mocked.closeWindow.mockResolvedValue(undefined);
  });

  it("saves everything before the window closes", async () => {
    const root = document.createElement("div");
    document.body.replaceChildren(root);
    const app = mountApp(root);
    await settle();
    const write = vi.fn(async () => {});
    app.saver.schedule("lesson:l1:body:pt", write);
    await app.closeRequested();
    expect(write).toHaveBeenCalled();
    expect(mocked.closeWindow).toHaveBeenCalled();
    expect(write.mock.invocationCallOrder[0]).toBeLessThan(mocked.closeWindow.mock.invocationCallOrder[0]);
  });

  it("keeps the window open when saving fails, unless the person insists", async () => {
    const root = document.createElement("div");
    document.body.replaceChildren(root);
    const app = mountApp(root);
    await settle();
    app.saver.schedule("k", async () => {
      throw { code: "library_locked", message_pt: "", message_en: "" };
    });
    const closing = app.closeRequested();
    await settle();
    expect(mocked.closeWindow).not.toHaveBeenCalled();
    const dialog = document.querySelector('[data-testid="confirm"]')!;
    expect(dialog.textContent).toContain("Não foi possível guardar tudo");
    (dialog.querySelector('[data-action="confirm"]') as HTMLElement).click();
    await closing;
    expect(mocked.closeWindow).toHaveBeenCalled();
  });

  it("Ctrl+S saves now; the interface language reaches the shell", async () => {
    const root = document.createElement("div");
    document.body.replaceChildren(root);
    const app = mountApp(root);
    await settle();
    const write = vi.fn(async () => {});
    app.saver.schedule("k", write);
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "s", ctrlKey: true }));
    await settle();
    expect(write).toHaveBeenCalled();
    setLanguage("en");
    expect(mocked.setUiLanguage).toHaveBeenLastCalledWith("en");
    expect(root.querySelector("#open-settings")?.textContent).toBe("Settings");
    setLanguage("pt");
  });
});
