/**
 * Video and audio in lessons: captions, a transcript, and keeping a
 * player's place across re-renders. The cues arrive as data
 * (`window.JUNTOS_COURSE.media[src].captions`), read by the core's one
 * WebVTT parser (src/media/captions/), so the player parses no WebVTT: it
 * makes tracks with `addTextTrack` and cues with `new VTTCue` (a
 * `<track src>` is a CORS fetch, refused on file://).
 */

import { CueData, Lang, MediaData } from './course-data.js';
import { otherLang, Player, t } from './context.js';
import { el } from './dom.js';
import { LANG_NAMES } from './words.js';
import { addInterpreter } from './sign.js';

/** Where a player was: restored after a re-render (language switch, facilitator mode). */
export interface MediaPlace {
  time: number;
  paused: boolean;
  /** The learner's sound: kept across a language switch. */
  muted?: boolean;
  volume?: number;
}

/** Places by media `src`. */
export interface MediaTimes {
  [src: string]: MediaPlace;
}

/** The cues in the current language, else in the other one (and which it is). */
function pickCues(p: Player, captions: MediaData['captions']): { cues: CueData[]; lang: Lang } | null {
  var lang = p.state.lang;
  var other = otherLang(lang);
  if (captions && captions[lang] && captions[lang].length) {
    return { cues: captions[lang], lang: lang };
  }
  if (captions && captions[other] && captions[other].length) {
    return { cues: captions[other], lang: other };
  }
  return null;
}

/** A browser cue, with the WebVTT settings it takes (others are skipped). */
function makeCue(c: CueData): VTTCue {
  var cue = new window.VTTCue(c.start_ms / 1000, c.end_ms / 1000, c.text);
  (c.settings ? c.settings.split(/\s+/) : []).forEach(function (s: string): void {
    var kv = s.split(':');
    try {
      if (kv[0] === 'align') {
        cue.align = kv[1] as AlignSetting;
      } else if (kv[0] === 'line') {
        var line = kv[1].split(',')[0];
        cue.line = /%$/.test(line) ? parseFloat(line) : parseInt(line, 10);
        if (/%$/.test(line)) {
          cue.snapToLines = false;
        }
      } else if (kv[0] === 'position') {
        cue.position = parseFloat(kv[1]);
      } else if (kv[0] === 'size') {
        cue.size = parseFloat(kv[1]);
      }
    } catch (e) {
      /* a setting this browser does not take */
    }
  });
  return cue;
}

/** Cue text for a transcript: markup (<i>, <v Name>, <c.x>) out, entities decoded, never as HTML. */
export function plainCueText(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&')
    .replace(/\s*\n\s*/g, ' ');
}

/** The transcript of a video: open for print, else a closed <details>. */
function transcriptOf(p: Player, info: MediaData, open: boolean): HTMLElement | null {
  var chosen = pickCues(p, info.captions);
  if (!chosen) {
    return null;
  }
  var body = el('div', { className: 'transcript-text' });
  if (chosen.lang !== p.state.lang) {
    body.setAttribute('lang', chosen.lang);
  }
  chosen.cues.forEach(function (c: CueData): void {
    body.appendChild(el('p', null, [plainCueText(c.text)]));
  });
  if (open) {
    return el('div', { className: 'transcript open' }, [
      el('p', { className: 'transcript-title', text: t(p, 'transcript') }),
      body
    ]);
  }
  return el('details', { className: 'transcript' }, [el('summary', { text: t(p, 'transcript') }), body]);
}

/**
 * Every video and audio in `container`: in a figure, with captions as
 * tracks (current language showing, the other hidden, so both have cues),
 * a label for print, a transcript below, and its earlier place if `times`
 * has one.
 */
export function enhanceMedia(p: Player, container: HTMLElement, times: MediaTimes | null, forPrint: boolean): void {
  var players = container.querySelectorAll('video, audio');
  for (var i = 0; i < players.length; i++) {
    enhanceOne(p, players[i] as HTMLMediaElement, times, forPrint);
  }
}

function enhanceOne(p: Player, media: HTMLMediaElement, times: MediaTimes | null, forPrint: boolean): void {
  var src = media.getAttribute('src') || '';
  var info = Object.prototype.hasOwnProperty.call(p.course.media, src) ? p.course.media[src] : null;
  var figure = el('figure', { className: 'media' });
  (media.parentNode as Node).insertBefore(figure, media);
  figure.appendChild(media);
  media.setAttribute('playsinline', '');
  if (info) {
    var label = (media.textContent || '').trim();
    media.setAttribute('aria-label', (media.textContent || info.name).trim());
    figure.insertBefore(
      el('figcaption', { className: 'print-only', text: t(p, 'video') + ': ' + (label || info.name) }),
      media
    );
    // A prepared video's poster frame (src/media/prepare/), shown before it plays.
    if (info.poster && media.tagName === 'VIDEO') {
      media.setAttribute('poster', info.poster);
    }
    var captions = info.captions || {};
    var langs = Object.keys(captions);
    if (typeof window.VTTCue === 'function' && media.addTextTrack) {
      langs.forEach(function (lang: string): void {
        var track = media.addTextTrack('captions', LANG_NAMES[lang as Lang] || lang, lang);
        captions[lang].forEach(function (c: CueData): void {
          try {
            track.addCue(makeCue(c));
          } catch (e) {
            /* a cue the browser refuses is skipped */
          }
        });
      });
      setTrackModes(p, media, langs);
      if (media.tagName === 'VIDEO') {
        sizeCaptions(media);
      }
      // Firefox runs its own track selection when the media loads and
      // disables the hidden track: set the modes again once it has.
      media.addEventListener('loadedmetadata', function (): void {
        setTrackModes(p, media, langs);
      });
    }
    // A sign-language interpreter beside it (sign.ts).
    addInterpreter(p, media, info, figure, forPrint);
    var transcript = transcriptOf(p, info, forPrint);
    if (transcript) {
      figure.appendChild(transcript);
    }
  }
  if (times && times[src]) {
    restoreTime(media, times[src]);
  }
}

/**
 * Captions sized for the video as it is shown, not by the browser's
 * default (tiny in Chromium on a phone, four lines over the picture in
 * Firefox): 4.5 % of the video's width, at least 15 px and at most 28 px, so
 * a two-line cue of about 40 characters a line stays two lines from a 360 px
 * phone to a wide screen. The size follows the video's width (ResizeObserver,
 * or the window's size where there is none) through a `data-cue-px`
 * attribute matched by one `video[data-cue-px="N"]::cue` rule per size in
 * player.css (CUE_MIN_PX to CUE_MAX_PX): the page's CSP (`style-src
 * 'self'`) allows no style made here, and both browsers apply a plain rule
 * to `::cue`.
 */
export var CUE_MIN_PX = 15;
export var CUE_MAX_PX = 28;

export function cuePixels(videoWidth: number): number {
  return Math.max(CUE_MIN_PX, Math.min(CUE_MAX_PX, Math.round(videoWidth * 0.045)));
}

function sizeCaptions(media: HTMLMediaElement): void {
  var apply = function (): void {
    var width = media.getBoundingClientRect().width || media.clientWidth;
    if (!width) {
      return;
    }
    var px = cuePixels(width);
    if (media.getAttribute('data-cue-px') !== String(px)) {
      media.setAttribute('data-cue-px', String(px));
    }
  };
  var Observer = (window as unknown as { ResizeObserver?: typeof ResizeObserver }).ResizeObserver;
  if (typeof Observer === 'function') {
    new Observer(apply).observe(media);
  } else {
    window.addEventListener('resize', apply);
  }
  media.addEventListener('loadedmetadata', apply);
  apply();
}

/**
 * The current language's captions showing, the other's hidden (its cues
 * stay readable); with none in this language, the other is shown.
 */
function setTrackModes(p: Player, media: HTMLMediaElement, langs: string[]): void {
  var show = langs.indexOf(p.state.lang) >= 0 ? p.state.lang : langs[0];
  for (var k = 0; k < media.textTracks.length; k++) {
    var track = media.textTracks[k];
    var mode: TextTrackMode = track.language === show ? 'showing' : 'hidden';
    if (track.mode !== mode) {
      track.mode = mode;
    }
  }
}

function restoreTime(media: HTMLMediaElement, saved: MediaPlace): void {
  if (saved.muted !== undefined) {
    media.muted = saved.muted;
  }
  if (saved.volume !== undefined) {
    media.volume = saved.volume;
  }
  var apply = function (): void {
    try {
      media.currentTime = saved.time;
    } catch (e) {
      /* not seekable yet */
    }
    if (!saved.paused) {
      var played = media.play();
      if (played && played.catch) {
        played.catch(function (): void {});
      }
    }
  };
  if (media.readyState >= 1) {
    apply();
  } else {
    media.addEventListener('loadedmetadata', apply, { once: true });
  }
}

/** Where each playing or played medium of the page is. */
export function mediaTimes(): MediaTimes {
  var times: MediaTimes = {};
  // The sign-language interpreter (sign.ts) follows its video: not kept.
  var players = document.querySelectorAll('#main video:not(.sign-video), #main audio');
  for (var i = 0; i < players.length; i++) {
    var media = players[i] as HTMLMediaElement;
    if (media.currentTime > 0 || media.muted || !media.paused) {
      times[media.getAttribute('src') || ''] = {
        time: media.currentTime,
        paused: media.paused,
        muted: media.muted,
        volume: media.volume
      };
    }
  }
  return times;
}
