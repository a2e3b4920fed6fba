/**
 * Sign-language interpretation (issue 16): a video whose course data
 * names an interpreter (`media[src].interpreter[lang] = {src, offset_ms}`,
 * written by src/player.rs from the core's links, src/media/sign/) gets a
 * second, muted video in a picture-in-picture window over it, kept in sync:
 * play, pause, seek, playback rate, ended, and buffering of either (the one
 * that waits holds the other). Interpreter time = video time + offset.
 *
 * The learner turns the window on and off, moves it to another corner and
 * enlarges it with buttons (labels in the player's language, real
 * <button>s, so the keyboard works); the choice is kept in the player's
 * store like the other settings. On a narrow screen (≤ 600 px) the style
 * sheet stacks the interpreter under the video. In print (the handout) a
 * line says that the video has interpretation.
 *
 * No library: the sync is a handful of media events, and browsers' own
 * Picture-in-Picture API shows one video at a time, outside the page.
 */

import { InterpreterData, Lang, MediaData } from './course-data.js';
import { otherLang, Player, t } from './context.js';
import { el } from './dom.js';

/** Where the learner's choices are kept (one for all courses, like facilitator mode). */
export var SIGN_KEY = 'juntos.sign';

/** Corners, in the order the "move" button visits them. */
var CORNERS = ['br', 'bl', 'tl', 'tr'];

/** Larger than this between the two times, the interpreter is moved (seconds). */
var DRIFT = 0.25;

export interface SignSettings {
  on: boolean;
  corner: string;
  large: boolean;
}

export function readSettings(p: Player): SignSettings {
  var saved: SignSettings = { on: true, corner: 'br', large: false };
  try {
    var raw = JSON.parse(p.storage.get(SIGN_KEY) || 'null');
    if (raw && typeof raw === 'object') {
      saved.on = raw.on !== false;
      saved.corner = CORNERS.indexOf(raw.corner) >= 0 ? raw.corner : 'br';
      saved.large = raw.large === true;
    }
  } catch (e) {
    /* a damaged value: the defaults */
  }
  return saved;
}

function saveSettings(p: Player, s: SignSettings): void {
  p.storage.set(SIGN_KEY, JSON.stringify(s));
}

/** The interpreter in the current language, else in the other one. */
export function interpreterOf(p: Player, info: MediaData): { data: InterpreterData; lang: Lang } | null {
  var all = info.interpreter;
  if (!all) {
    return null;
  }
  var lang = p.state.lang;
  if (all[lang]) {
    return { data: all[lang] as InterpreterData, lang: lang };
  }
  var other = otherLang(lang);
  return all[other] ? { data: all[other] as InterpreterData, lang: other } : null;
}

/**
 * Adds the interpreter of `media` (a <video> already in `figure`) when the
 * course data has one: the window and its buttons on screen, a line in print.
 */
export function addInterpreter(p: Player, media: HTMLMediaElement, info: MediaData, figure: HTMLElement, forPrint: boolean): void {
  var found = media.tagName === 'VIDEO' ? interpreterOf(p, info) : null;
  if (!found) {
    return;
  }
  if (forPrint) {
    figure.appendChild(el('p', { className: 'sign-note', text: t(p, 'signNote') }));
    return;
  }
  var settings = readSettings(p);
  var pip = el('video', {
    className: 'sign-video',
    src: found.data.src,
    preload: 'auto',
    playsinline: true,
    muted: true,
    'aria-label': t(p, 'signLabel')
  }) as HTMLVideoElement;
  // The interpreter is seen, never heard (a recording's room sound is noise).
  pip.muted = true;
  pip.defaultMuted = true;
  if (found.lang !== p.state.lang) {
    pip.setAttribute('lang', found.lang);
  }
  var stage = el('div', { className: 'sign-stage' });
  figure.insertBefore(stage, media);
  stage.appendChild(media);
  var win = el('div', { className: 'sign-window' }, [pip]);
  stage.appendChild(win);

  var toggle = el('button', { type: 'button', className: 'btn sign-toggle' });
  var corner = el('button', { type: 'button', className: 'btn sign-corner', text: t(p, 'signCorner') });
  var size = el('button', { type: 'button', className: 'btn sign-size' });
  var bar = el('div', { className: 'sign-controls', role: 'group', 'aria-label': t(p, 'signLabel') }, [
    toggle,
    ' ',
    corner,
    ' ',
    size
  ]);
  figure.insertBefore(bar, stage.nextSibling);

  var sync = syncer(media, pip, found.data.offset_ms / 1000);
  var show = function (): void {
    stage.setAttribute('data-sign', settings.on ? 'on' : 'off');
    stage.setAttribute('data-corner', settings.corner);
    stage.setAttribute('data-size', settings.large ? 'large' : 'small');
    win.hidden = !settings.on;
    toggle.textContent = settings.on ? t(p, 'signHide') : t(p, 'signShow');
    toggle.setAttribute('aria-pressed', settings.on ? 'true' : 'false');
    size.textContent = settings.large ? t(p, 'signSmaller') : t(p, 'signLarger');
    size.setAttribute('aria-pressed', settings.large ? 'true' : 'false');
    corner.hidden = !settings.on;
    size.hidden = !settings.on;
    sync.enable(settings.on);
  };
  toggle.addEventListener('click', function (): void {
    settings.on = !settings.on;
    saveSettings(p, settings);
    show();
  });
  corner.addEventListener('click', function (): void {
    settings.corner = CORNERS[(CORNERS.indexOf(settings.corner) + 1) % CORNERS.length];
    saveSettings(p, settings);
    show();
  });
  size.addEventListener('click', function (): void {
    settings.large = !settings.large;
    saveSettings(p, settings);
    show();
  });
  show();
}

/** Keeps `pip` at `main`'s time + `offset` seconds, playing when it plays. */
function syncer(main: HTMLMediaElement, pip: HTMLMediaElement, offset: number): { enable: (on: boolean) => void } {
  var on = true;
  /** The main video waits for the interpreter (which is buffering). */
  var heldForPip = false;
  var mainWaiting = false;

  var play = function (m: HTMLMediaElement): void {
    var played = m.play();
    if (played && played.catch) {
      played.catch(function (): void {});
    }
  };
  /** The interpreter's time for the main video's, and whether it is inside the interpreter. */
  var target = function (): { time: number; inside: boolean } {
    var time = main.currentTime + offset;
    var end = pip.duration;
    if (time < 0) {
      return { time: 0, inside: false };
    }
    if (end && isFinite(end) && time >= end) {
      return { time: end, inside: false };
    }
    return { time: time, inside: true };
  };
  var seek = function (force: boolean): void {
    if (!on || pip.readyState < 1) {
      return;
    }
    var want = target();
    if (force || Math.abs(pip.currentTime - want.time) > DRIFT) {
      try {
        pip.currentTime = want.time;
      } catch (e) {
        /* not seekable yet: loadedmetadata comes back here */
      }
    }
  };
  var follow = function (): void {
    if (!on) {
      pip.pause();
      return;
    }
    if (pip.playbackRate !== main.playbackRate) {
      pip.playbackRate = main.playbackRate;
    }
    seek(false);
    var running = !main.paused && !main.ended && !mainWaiting;
    if (running && target().inside) {
      if (pip.paused) {
        play(pip);
      }
    } else if (!pip.paused) {
      pip.pause();
    }
  };

  main.addEventListener('play', follow);
  main.addEventListener('playing', function (): void {
    mainWaiting = false;
    follow();
  });
  main.addEventListener('pause', function (): void {
    if (!heldForPip) {
      pip.pause();
    }
    seek(false);
  });
  main.addEventListener('waiting', function (): void {
    mainWaiting = true;
    pip.pause();
  });
  main.addEventListener('seeking', function (): void {
    seek(true);
  });
  main.addEventListener('seeked', function (): void {
    seek(true);
    follow();
  });
  main.addEventListener('ratechange', follow);
  main.addEventListener('timeupdate', follow);
  main.addEventListener('ended', function (): void {
    pip.pause();
  });
  pip.addEventListener('loadedmetadata', function (): void {
    seek(true);
    follow();
  });
  // The interpreter buffering holds the video, and lets it go when ready.
  pip.addEventListener('waiting', function (): void {
    if (on && !main.paused && target().inside) {
      heldForPip = true;
      main.pause();
    }
  });
  var release = function (): void {
    if (heldForPip) {
      heldForPip = false;
      play(main);
    }
  };
  pip.addEventListener('canplay', release);
  pip.addEventListener('playing', release);

  return {
    enable: function (value: boolean): void {
      on = value;
      if (!on && heldForPip) {
        release();
      }
      follow();
    }
  };
}
