import { beforeEach, describe, expect, it, vi } from "vitest";

import type { MediaItem } from "../src/bindings";
import { offsetMs, signInterpreterSection, signRequiredToggle, type SignHost } from "../src/components/sign-interpreter";
import { initLanguage, setLanguage } from "../src/i18n";
import * as ipc from "../src/ipc";

vi.mock("../src/ipc");
const mocked = vi.mocked(ipc);

function video(name: string, extra: Partial<MediaItem> = {}): MediaItem {
  return {
    id: `id-${name}`,
    course_id: "c1",
    name,
    kind: "video",
    format: "mp4",
    mime: "video/mp4",
    size: 1000,
    sha256: "a".repeat(64),
    captions: [],
    interpreters: [],
    original_name: name,
    created_at: "2026-12-02T13:00:00Z",
    ...extra,
  } as MediaItem;
}

function host(): SignHost {
  return { courseId: "c1", run: async (action) => void (await action()), jobArea: document.createElement("div") };
}

describe("sign-language interpreter in the media panel", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    initLanguage();
    setLanguage("pt");
    document.body.replaceChildren();
  });

  it("reads the offset in seconds, with a comma too", () => {
    expect(offsetMs("1.5")).toBe(1500);
    expect(offsetMs("-0,25")).toBe(-250);
    expect(offsetMs("abc")).toBe(0);
  });

  it("only videos get the section; it lists the links with their language and offset", () => {
    expect(signInterpreterSection(host(), video("foto.png", { kind: "image" }), [])).toBeNull();
    const item = video("aula.mp4", {
      interpreters: [
        { lang: null, media: "lgp.mp4", offset_ms: 1500 },
        { lang: "en", media: "asl.mp4", offset_ms: -500 },
      ],
    } as Partial<MediaItem>);
    const section = signInterpreterSection(host(), item, [item, video("lgp.mp4")])!;
    const links = [...section.querySelectorAll(".sign-links li")].map((li) => li.firstChild!.textContent);
    expect(links).toEqual(["As duas línguas: lgp.mp4 (desfasamento 1.5 s)", "EN: asl.mp4 (desfasamento -0.5 s)"]);
    // Every field has a label.
    for (const field of section.querySelectorAll("select, input")) {
      expect(section.querySelector(`label[for="${field.id}"]`)).not.toBeNull();
    }
  });

  it("links another video of the course with the language and offset, and removes a link", async () => {
    const item = video("aula.mp4", { interpreters: [{ lang: "pt", media: "lgp.mp4", offset_ms: 0 }] } as Partial<MediaItem>);
    const section = signInterpreterSection(host(), item, [item, video("lgp.mp4"), video("foto.png", { kind: "image" })])!;
    document.body.append(section);
    const options = [...section.querySelectorAll<HTMLOptionElement>('[data-field="video"] option')].map((o) => o.value);
    expect(options).toEqual(["", "lgp.mp4"]);
    section.querySelector<HTMLSelectElement>('[data-field="video"]')!.value = "lgp.mp4";
    section.querySelector<HTMLSelectElement>('[data-field="lang"]')!.value = "en";
    section.querySelector<HTMLInputElement>('[data-field="offset"]')!.value = "2";
    section.querySelector<HTMLButtonElement>('[data-action="sign-video"]')!.click();
    await Promise.resolve();
    expect(mocked.setInterpreter).toHaveBeenCalledWith("c1", "aula.mp4", "lgp.mp4", "en", 2000);
    section.querySelector<HTMLButtonElement>('[data-action="unsign"]')!.click();
    await Promise.resolve();
    expect(mocked.removeInterpreter).toHaveBeenCalledWith("c1", "aula.mp4", "pt");
  });

  it("attaches a file for both languages through the dialog", async () => {
    const item = video("aula.mp4");
    const section = signInterpreterSection(host(), item, [item])!;
    section.querySelector<HTMLInputElement>('[data-field="offset"]')!.value = "-1";
    section.querySelector<HTMLButtonElement>('[data-action="sign-file"]')!.click();
    await Promise.resolve();
    expect(mocked.chooseInterpreter).toHaveBeenCalledWith("c1", "aula.mp4", null, -1000, expect.any(String), expect.any(String), expect.any(Function));
  });

  it("the course's setting is a labelled checkbox", async () => {
    const toggle = signRequiredToggle(host(), { required: false, missing: [] });
    document.body.append(toggle);
    const box = toggle.querySelector<HTMLInputElement>("#sign-required")!;
    expect(toggle.querySelector('label[for="sign-required"]')!.textContent).toBe("Este curso precisa de interpretação em língua gestual");
    box.click();
    await Promise.resolve();
    expect(mocked.setSignRequired).toHaveBeenCalledWith("c1", true);
  });
});
