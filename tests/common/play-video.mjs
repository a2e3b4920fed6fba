// Plays the video of the lesson on screen, muted, until 0.3 s have passed
// (at most 5 s), then pauses and says what happened: the time reached, the
// media error code (null when none), and the captions track showing with
// its cue count and the cue on screen. One helper for the player's browser
// tests (Chromium through playwright-core, Firefox through puppeteer-core)
// and the Kolibri HTML5 test: `target` is a page or a frame of either.
export async function playBriefly(target) {
  return target.evaluate(async () => {
    const v = document.querySelector('main video');
    v.muted = true;
    await v.play();
    const start = Date.now();
    while (v.currentTime < 0.3 && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 50));
    v.pause();
    const showing = [...v.textTracks].find((t) => t.mode === 'showing');
    return {
      time: v.currentTime,
      error: v.error && v.error.code,
      track: showing ? showing.language : null,
      cues: showing && showing.cues ? showing.cues.length : 0,
      active: showing && showing.activeCues && showing.activeCues.length ? showing.activeCues[0].text : null,
    };
  });
}
