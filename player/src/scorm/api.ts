/**
 * Finding the SCORM 1.2 API an LMS puts in a parent or opener window
 * (Moodle's SCORM activity and the like). Without one, the player is the
 * standalone player and nothing in scorm/ runs.
 */

/** The SCORM 1.2 runtime API (the `API` object), as far as the player uses it. */
export interface ScormApi {
  LMSInitialize(arg: string): unknown;
  LMSFinish(arg: string): unknown;
  LMSGetValue(name: string): unknown;
  LMSSetValue(name: string, value: string): unknown;
  LMSCommit(arg: string): unknown;
}

interface WindowWithApi {
  API?: ScormApi;
  parent: WindowWithApi | null;
}

/**
 * The standard search: this window and its parents (a few levels), then the
 * opener and its parents. A window of another origin throws when looked
 * into: it is not ours, and the search goes on.
 */
function findApi(): ScormApi | null {
  function scan(start: WindowWithApi): ScormApi | null {
    var win: WindowWithApi | null = start;
    for (var hops = 0; win && hops <= 10; hops++) {
      try {
        if (win.API && typeof win.API.LMSInitialize === 'function') {
          return win.API;
        }
      } catch (e) {
        /* another origin */
      }
      var parent: WindowWithApi | null = null;
      try {
        parent = win.parent;
      } catch (e) {
        /* none */
      }
      if (!parent || parent === win) {
        break;
      }
      win = parent;
    }
    return null;
  }
  var api = scan(window as unknown as WindowWithApi);
  if (!api) {
    var opener: WindowWithApi | null = null;
    try {
      opener = window.opener as WindowWithApi | null;
    } catch (e) {
      /* none */
    }
    if (opener) {
      api = scan(opener);
    }
  }
  return api;
}

/** The LMS's API once LMSInitialize("") said "true", else null. */
export function connectLms(): ScormApi | null {
  var api = findApi();
  if (!api) {
    return null;
  }
  try {
    return String(api.LMSInitialize('')) === 'true' ? api : null;
  } catch (e) {
    return null;
  }
}
