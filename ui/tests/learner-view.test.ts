// "Ver como formando": the path of the learner's view is shown; an
// organisation with no name is asked for in place, then the view opens.
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { ErrorReport } from "../src/bindings";
import { initLanguage } from "../src/i18n";
import * as ipc from "../src/ipc";
import { Saver } from "../src/saver";
import { seeAsLearner } from "../src/views/learner-view";
import { settle } from "./fixtures";

vi.mock("../src/ipc");
const mocked = vi.mocked(ipc);
const noName: ErrorReport = { code: "org_name_missing", message_pt: "sem nome", message_en: "no name", fields: {} } as ErrorReport;

describe("see as a learner", () => {
  beforeEach(() => {
    localStorage.clear();
    initLanguage();
    vi.resetAllMocks();
    document.body.replaceChildren();
  });

  it("saves first, then says where the learner's view was opened", async () => {
    const saver = new Saver(10_000);
    const write = vi.fn(async () => undefined);
    saver.schedule("k", write);
    mocked.seeAsLearner.mockResolvedValue("/cache/learner-view/c1/index.html");
    const shown: HTMLElement[] = [];
    await seeAsLearner("c1", saver, (m) => shown.push(m));
    expect(write).toHaveBeenCalled();
    expect(mocked.seeAsLearner).toHaveBeenCalledWith("c1");
    expect(shown[0].dataset.learnerView).toBe("/cache/learner-view/c1/index.html");
    expect(shown[0].textContent).toContain("como os formandos o veem");
  });

  it("asks for the organisation's name when it has none, saves it, and opens the view", async () => {
    mocked.seeAsLearner.mockRejectedValueOnce(noName).mockResolvedValueOnce("/cache/learner-view/c1/index.html");
    mocked.setOrgName.mockResolvedValue({ name: "Associação Juntos" } as Awaited<ReturnType<typeof ipc.setOrgName>>);
    const shown: HTMLElement[] = [];
    await seeAsLearner("c1", new Saver(), (m) => shown.push(m));
    await settle();
    const dialog = document.querySelector('[data-testid="learner-org"]')!;
    expect(dialog.textContent).toContain("nome da sua organização");
    const input = dialog.querySelector<HTMLInputElement>("#learner-org-name")!;
    input.value = "Associação Juntos";
    dialog.querySelector<HTMLButtonElement>('[data-action="confirm"]')!.click();
    await settle(10);
    expect(mocked.setOrgName).toHaveBeenCalledWith("Associação Juntos");
    expect(mocked.seeAsLearner).toHaveBeenCalledTimes(2);
    expect(shown.at(-1)?.dataset.learnerView).toBe("/cache/learner-view/c1/index.html");
    expect(document.querySelector('[data-testid="learner-org"]')).toBeNull();
  });

  it("shows any other error as the app's banner", async () => {
    mocked.seeAsLearner.mockRejectedValue({ code: "course_not_found", message_pt: "x", message_en: "x", fields: { query: "c1" } } as unknown as ErrorReport);
    const shown: HTMLElement[] = [];
    await seeAsLearner("c1", new Saver(), (m) => shown.push(m));
    expect(shown[0].classList.contains("banner")).toBe(true);
  });
});
