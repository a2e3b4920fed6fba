/**
 * Time spent on a lesson, counted only while the page is visible (a tab in
 * the background or a closed laptop lid is not learning): the clock runs
 * while a lesson is shown and `document.visibilityState` is "visible", and
 * what it counted is handed over when the lesson changes, the page hides
 * or leaves, and every 15 seconds (so a browser that dies loses little).
 * Browsers without the Page Visibility API count the time the lesson is shown.
 */

/** Hands over `ms` counted on `lessonId`. */
export type TimeSink = (lessonId: string, ms: number) => void;

export interface LessonClock {
  /** The lesson now shown, or null on other pages. */
  enter(lessonId: string | null): void;
  /** Hands over what was counted so far (keeps counting). */
  flush(): void;
}

var TICK_MS = 15000;

function visible(): boolean {
  return document.visibilityState ? document.visibilityState === 'visible' : !document.hidden;
}

function now(): number {
  return new Date().getTime();
}

export function startClock(sink: TimeSink): LessonClock {
  var lesson: string | null = null;
  var since: number | null = null;

  function flush(): void {
    if (lesson !== null && since !== null) {
      var t = now();
      var ms = t - since;
      since = t;
      if (ms > 0) {
        sink(lesson, ms);
      }
    }
  }
  function enter(lessonId: string | null): void {
    flush();
    lesson = lessonId;
    since = lessonId !== null && visible() ? now() : null;
  }
  document.addEventListener('visibilitychange', function (): void {
    if (visible()) {
      if (lesson !== null && since === null) {
        since = now();
      }
    } else {
      flush();
      since = null;
    }
  });
  window.addEventListener('pagehide', flush);
  window.addEventListener('beforeunload', flush);
  window.setInterval(flush, TICK_MS);
  return { enter: enter, flush: flush };
}
