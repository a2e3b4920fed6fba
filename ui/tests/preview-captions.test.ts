// The lesson preview shows a video's captions: one track per language that
// has them, the preview's own language first and on, as data: URLs (the
// sandboxed frame can read no other origin's text track).
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { Lang, MediaItem } from "../src/bindings";
import { withCaptionTracks } from "../src/components/preview-captions";
import { initLanguage } from "../src/i18n";

const BASE = "http://127.0.0.1:4000/secret/media/";
const sha = (c: string) => c.repeat(64);

function video(name: string, sha256: string, captions: Lang[]): MediaItem {
  return { id: name, course_id: "c1", name, kind: "video", format: "mp4", mime: "video/mp4", size: 1, sha256, captions, interpreters: [], original_name: name, created_at: "" } as MediaItem;
}

const VTT: Record<string, string> = {
  "entrevista.mp4:pt": "WEBVTT\n\n00:00.000 --> 00:02.000\nOlá, ção & <b>bem-vindos</b>\n",
  "entrevista.mp4:en": "WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n",
};

describe("caption tracks in the lesson preview", () => {
  beforeEach(() => {
    localStorage.clear();
    initLanguage();
  });

  it("adds every language's track, the preview's language first and default, with the exact text", async () => {
    const read = vi.fn(async (name: string, lang: Lang) => VTT[`${name}:${lang}`] ?? null);
    const html = `<p>Antes</p><video controls src="${BASE}${sha("a")}.mp4"></video>`;
    const out = await withCaptionTracks(html, "en", [video("entrevista.mp4", sha("a"), ["pt", "en"])], BASE, read);
    const doc = document.createElement("div");
    doc.innerHTML = out;
    const tracks = Array.from(doc.querySelectorAll("video > track")) as HTMLTrackElement[];
    expect(tracks.map((t) => [t.srclang, t.kind, t.default])).toEqual([["en", "captions", true], ["pt", "captions", false]]);
    expect(tracks[1].label).toBe("Português");
    const text = decodeURIComponent(tracks[1].getAttribute("src")!.replace(/^data:text\/vtt;charset=utf-8,/, ""));
    expect(text).toBe(VTT["entrevista.mp4:pt"]);
    expect(doc.querySelector("p")?.textContent).toBe("Antes");
  });

  it("leaves the HTML alone when no video has captions, or the video is not one of the course's", async () => {
    const read = vi.fn(async () => "WEBVTT\n");
    const html = `<video controls src="${BASE}${sha("b")}.mp4"></video><video src="https://example.org/x.mp4"></video>`;
    expect(await withCaptionTracks(html, "pt", [video("mudo.mp4", sha("b"), [])], BASE, read)).toBe(html);
    expect(await withCaptionTracks(html, "pt", [], BASE, read)).toBe(html);
    expect(await withCaptionTracks("<p>sem vídeo</p>", "pt", [video("x", sha("b"), ["pt"])], BASE, read)).toBe("<p>sem vídeo</p>");
    expect(read).not.toHaveBeenCalled();
  });

  it("skips a language whose captions were removed meanwhile", async () => {
    const read = vi.fn(async (_: string, lang: Lang) => (lang === "pt" ? null : "WEBVTT\n"));
    const out = await withCaptionTracks(`<video src="${BASE}${sha("a")}.mp4"></video>`, "pt", [video("v", sha("a"), ["pt", "en"])], BASE, read);
    expect(out.match(/<track/g)?.length).toBe(1);
    expect(out).toContain('srclang="en"');
  });
});
