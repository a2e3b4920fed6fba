import { beforeEach, describe, expect, it, vi } from "vitest";

import type { JobProgress, MediaItem, PreparedInfo, PrepareReport, QueuePlan } from "../src/bindings";
import { beforeAfter, budgetBytes, clock, mountPreparePanel, queuePosition, timeLeft } from "../src/components/prepare-panel";
import { initLanguage, setLanguage } from "../src/i18n";
import * as ipc from "../src/ipc";
import { settle } from "./fixtures";

vi.mock("../src/ipc");
const mocked = vi.mocked(ipc);
const $ = <T extends HTMLElement = HTMLElement>(css: string) => document.querySelector<T>(css)!;

const plan: QueuePlan = {
  profile: "standard",
  items: [
    { name: "entrevista.mp4", duration_ms: 60_000, original_size: 150_000_000, predicted_size: 7_500_000 },
    { name: "oficina.mp4", duration_ms: 30_000, original_size: 80_000_000, predicted_size: 3_800_000 },
  ],
  other_bytes: 1_300_000,
  predicted_total: 12_600_000,
};

const prepared: PreparedInfo = {
  name: "entrevista.mp4",
  original_size: 150_000_000,
  prepared_size: 5_200_000,
  recipe: { method: "encode", profile: "standard", ffmpeg_version: "ffmpeg version 5.1.6" },
  poster_sha256: "b".repeat(64),
  prepared_at: "2026-12-02T13:00:00Z",
};

function mount() {
  const panel = mountPreparePanel("c1", vi.fn());
  document.body.append(panel.root);
  return panel;
}

async function open() {
  $<HTMLDetailsElement>("#prepare-panel").open = true;
  $("#prepare-panel").dispatchEvent(new Event("toggle"));
  await settle();
}

beforeEach(() => {
  localStorage.clear();
  initLanguage();
  vi.resetAllMocks();
  document.body.replaceChildren();
  mocked.appInfo.mockResolvedValue({ version: "0.1.0", library_path: "/lib", media_base: "juntos-media://localhost/" });
  mocked.preparedMedia.mockResolvedValue([]);
  mocked.listMedia.mockResolvedValue([]);
});

describe("prepare panel logic", () => {
  it("places the queue's progress (ms of video) on a video and on the whole", () => {
    expect(queuePosition(plan, 0)).toMatchObject({ index: 0, name: "entrevista.mp4", item: 0, overall: 0 });
    expect(queuePosition(plan, 30_000, "entrevista.mp4")).toMatchObject({ index: 0, item: 0.5, overall: 1 / 3 });
    expect(queuePosition(plan, 75_000, "oficina.mp4")).toMatchObject({ index: 1, item: 0.5, overall: 75 / 90 });
    // Without the video's name, the share that holds the progress.
    expect(queuePosition(plan, 61_000)?.index).toBe(1);
    expect(queuePosition({ ...plan, items: [] }, 10)).toBeNull();
  });

  it("says the time left only once it can, and reads budgets in MB as sticks count them", () => {
    expect(timeLeft(0.01, 60_000)).toBeNull();
    expect(timeLeft(0.5, 1_000)).toBeNull();
    expect(timeLeft(0.25, 60_000)).toBe(180_000);
    expect(clock(180_000)).toBe("3:00");
    expect(clock(3_723_000)).toBe("1:02:03");
    expect(budgetBytes("700")).toBe(700_000_000);
    expect(budgetBytes(" 1,5 ")).toBe(1_500_000);
    expect(budgetBytes("1.5")).toBe(1_500_000);
    for (const bad of ["", "0", "muito", "-3", "7e2"]) expect(budgetBytes(bad), bad).toBeNull();
    expect(beforeAfter(150_000_000, 5_200_000)).toBe("150 MB → 5,2 MB");
  });
});

describe("prepare panel", () => {
  it("shows each video's and the package's predicted size before starting, per profile and budget", async () => {
    mocked.planPrepare.mockResolvedValue(plan);
    mount();
    expect(mocked.planPrepare).not.toHaveBeenCalled(); // no ffprobe until the trainer opens it
    await open();
    expect(mocked.planPrepare).toHaveBeenLastCalledWith("c1", "standard", null);
    const rows = document.querySelectorAll(".prepare-items li");
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain("150 MB → até 7,5 MB");
    expect($(".prepare-total").textContent).toBe("Pacote completo: até 12,6 MB");
    expect($('[data-action="prepare-start"]').textContent).toBe("Preparar 2 vídeos");
    expect($<HTMLButtonElement>('[data-action="prepare-start"]').disabled).toBe(false);

    $('input[data-profile="phone"]').click();
    await settle();
    expect(mocked.planPrepare).toHaveBeenLastCalledWith("c1", "phone", null);

    mocked.planPrepare.mockResolvedValue({ ...plan, profile: "phone", budget: 10_000_000, video_kbps: 300, predicted_total: 9_900_000 });
    const on = $<HTMLInputElement>('[data-action="budget-on"]');
    on.checked = true;
    on.dispatchEvent(new Event("change"));
    await settle();
    expect(mocked.planPrepare).toHaveBeenLastCalledWith("c1", "phone", 700_000_000);
    const budget = $<HTMLInputElement>('[data-action="budget"]');
    budget.value = "10";
    budget.dispatchEvent(new Event("change"));
    await settle();
    expect(mocked.planPrepare).toHaveBeenLastCalledWith("c1", "phone", 10_000_000);
    expect($(".prepare-total").textContent).toBe("Pacote completo: até 9,9 MB (limite 10 MB)");
    expect($(".prepare-plan").textContent).toContain("300 kbit/s");

    budget.value = "muito";
    budget.dispatchEvent(new Event("change"));
    await settle();
    expect($(".prepare-plan").textContent).toContain("Escreva um tamanho em MB");
    expect($<HTMLButtonElement>('[data-action="prepare-start"]').disabled).toBe(true);
  });

  it("without ffmpeg says so in the app's words and offers nothing to start", async () => {
    mocked.planPrepare.mockRejectedValue({ code: "ffmpeg_missing", message_pt: "O ffmpeg não foi encontrado.", message_en: "ffmpeg was not found.", fields: {} });
    mount();
    await open();
    const alert = $('.prepare-plan [data-code="ffmpeg_missing"]');
    expect(alert.textContent).toContain("Para preparar vídeos é preciso o programa ffmpeg");
    expect($<HTMLButtonElement>('[data-action="prepare-start"]').disabled).toBe(true);
    setLanguage("en");
    mount();
    document.querySelectorAll<HTMLDetailsElement>("#prepare-panel")[1].open = true;
    document.querySelectorAll("#prepare-panel")[1].dispatchEvent(new Event("toggle"));
    await settle();
    expect(document.querySelectorAll('[data-code="ffmpeg_missing"]')[1].textContent).toContain("Preparing videos needs the ffmpeg program");
    setLanguage("pt");
  });

  it("runs the queue with progress per video and cancel, then shows the real sizes with the poster", async () => {
    mocked.planPrepare.mockResolvedValue(plan);
    let progress: ((p: JobProgress) => void) | null = null;
    let finish: (r: PrepareReport[]) => void = () => undefined;
    mocked.prepareVideos.mockImplementation((_c, _p, _job, onProgress) => {
      progress = onProgress;
      return new Promise((resolve) => (finish = resolve));
    });
    mocked.cancelJob.mockResolvedValue(true);
    const panel = mount();
    await open();
    $('[data-action="prepare-start"]').click();
    await settle();
    expect(mocked.prepareVideos).toHaveBeenCalledWith("c1", plan, expect.stringMatching(/^prepare-/), expect.any(Function));
    progress!({ done: 75_000, total: 90_000, phase: "oficina.mp4" });
    expect($(".job-label").textContent).toContain("A preparar «oficina.mp4» (2 de 2)");
    expect($(".job-label").textContent).toContain("50 %");
    expect($<HTMLProgressElement>(".job progress").value).toBe(83);
    expect($<HTMLButtonElement>('[data-action="prepare-start"]').disabled).toBe(true);

    // The editor redraws the media panel meanwhile: the new panel shows the same job.
    document.body.replaceChildren();
    mount();
    await settle();
    expect($(".job-label").textContent).toContain("oficina.mp4");
    $("#prepare-cancel").click();
    expect(mocked.cancelJob).toHaveBeenCalledWith(mocked.prepareVideos.mock.calls[0][2]);

    mocked.preparedMedia.mockResolvedValue([prepared]);
    mocked.listMedia.mockResolvedValue([{ id: "m1", course_id: "c1", name: "entrevista.mp4", kind: "video", format: "mp4", mime: "video/mp4", size: 5_200_000, sha256: "c".repeat(64), captions: [], interpreters: [], original_name: "e.mp4", created_at: "2026-12-02T12:00:00Z" } as MediaItem]);
    finish([{ name: "entrevista.mp4", original_size: 150_000_000, prepared_size: 5_200_000, predicted_size: 7_500_000, recipe: prepared.recipe, media: {} as never }]);
    await settle();
    await settle();
    expect($(".prepare-messages").textContent).toContain("1 vídeo preparado.");
    expect($(".prepare-report").textContent).toContain("150 MB → 5,2 MB");
    const card = $('.prepare-card[data-name="entrevista.mp4"]');
    expect(card.querySelector(".prepare-sizes")?.textContent).toBe("150 MB → 5,2 MB");
    expect(card.querySelector<HTMLImageElement>("img.prepare-poster")?.getAttribute("src")).toBe(`juntos-media://localhost/${"b".repeat(64)}.jpeg`);
    card.querySelector<HTMLElement>('[data-action="play"]')!.click();
    const video = card.querySelector("video")!;
    expect(video.getAttribute("src")).toBe(`juntos-media://localhost/${"c".repeat(64)}.mp4`);
    expect(video.getAttribute("poster")).toContain(".jpeg");
    void panel;
  });

  it("a cancelled queue says what stayed; the original can be shown again", async () => {
    mocked.planPrepare.mockResolvedValue(plan);
    mocked.prepareVideos.mockRejectedValue({ code: "cancelled", message_pt: "", message_en: "", fields: {} });
    mocked.preparedMedia.mockResolvedValue([prepared, { ...prepared, name: "importado.mp4", original_size: undefined, poster_sha256: undefined }]);
    mount();
    await open();
    $('[data-action="prepare-start"]').click();
    await settle();
    await settle();
    expect($('.prepare-messages [data-code="cancelled"]').textContent).toContain("Os vídeos já preparados ficam");
    // Imported prepared video: no original here, nothing to go back to.
    const imported = $('.prepare-card[data-name="importado.mp4"]');
    expect(imported.querySelector(".prepare-sizes")?.textContent).toContain("o original ficou com quem fez o pacote");
    expect(imported.querySelector<HTMLButtonElement>('[data-action="restore-original"]')!.disabled).toBe(true);

    mocked.restoreOriginalMedia.mockResolvedValue({} as never);
    $('.prepare-card[data-name="entrevista.mp4"] [data-action="restore-original"]').click();
    await settle();
    const confirm = [...document.querySelectorAll<HTMLButtonElement>(".modal button")].find((b) => b.textContent === "Voltar ao original")!;
    confirm.click();
    await settle();
    expect(mocked.restoreOriginalMedia).toHaveBeenCalledWith("c1", "entrevista.mp4");
    expect($(".prepare-messages").textContent).toBe("«entrevista.mp4» mostra de novo o original.");
  });
});
