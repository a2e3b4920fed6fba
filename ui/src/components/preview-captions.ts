// Caption tracks for the videos of a lesson preview, so the trainer sees the
// captions learners will see. The core renders `<video src="<media base>
// <sha256>.<format>">` without tracks (the player adds its own from the
// course data); here each video whose media item has captions gets one
// `<track>` per language, the preview's language first and on.
//
// Tracks are data: URLs: the preview frame is sandboxed without
// same-origin, so a track from the media server or a blob: URL of this page
// would be another origin, and a text track from another origin needs CORS.
// A data: URL is read by any origin, and the CSP allows it for media only.
import type { Lang, MediaItem } from "../bindings";
import { t } from "../i18n";

/** Reads the WebVTT text of `name`'s captions in `lang` (null: none). */
export type CaptionReader = (name: string, lang: Lang) => Promise<string | null>;

const LANG_NAME: Record<Lang, "lang.pt.name" | "lang.en.name"> = { pt: "lang.pt.name", en: "lang.en.name" };

/** `html` with caption tracks added to its videos; unchanged when none has captions. */
export async function withCaptionTracks(html: string, lang: Lang, media: MediaItem[], mediaBase: string, read: CaptionReader): Promise<string> {
  if (!html.includes("<video") || !mediaBase) return html;
  const template = document.createElement("template");
  template.innerHTML = html;
  let added = false;
  for (const video of Array.from(template.content.querySelectorAll("video"))) {
    const item = itemOf(video.getAttribute("src") ?? "", media, mediaBase);
    if (!item) continue;
    const langs = [...item.captions].sort((a, b) => (a === lang ? -1 : b === lang ? 1 : 0));
    for (const [index, captionLang] of langs.entries()) {
      const vtt = await read(item.name, captionLang);
      if (vtt === null) continue;
      const track = document.createElement("track");
      track.kind = "captions";
      track.srclang = captionLang;
      track.label = t(LANG_NAME[captionLang]);
      track.src = `data:text/vtt;charset=utf-8,${encodeURIComponent(vtt)}`;
      if (index === 0) track.default = true;
      video.append(track);
      added = true;
    }
  }
  return added ? template.innerHTML : html;
}

function itemOf(src: string, media: MediaItem[], mediaBase: string): MediaItem | undefined {
  if (!src.startsWith(mediaBase)) return undefined;
  const sha256 = src.slice(mediaBase.length).split(".")[0];
  return media.find((m) => m.sha256 === sha256 && m.captions.length > 0);
}
