/**
 * Saving a results file through the browser's normal download, which works
 * from file:// in Chromium and Firefox: a Blob and a link with `download`,
 * clicked; where that is missing (old browsers), a `data:` URL with
 * `download`, or IE's msSaveBlob. The checksum is SHA-256 by js-sha256 (a
 * small, well-kept package, bundled): `crypto.subtle` needs a secure
 * context and is asynchronous, and old browsers lack it.
 *
 * Where a download cannot work the buttons are hidden (`canDownload`): in
 * an LMS (the results are the LMS's: the buttons are not even built), and
 * in an iframe whose `sandbox` lacks `allow-downloads`, and in a frame whose
 * sandbox cannot be read (a cross-origin parent, or an opaque origin: a
 * sandbox without `allow-same-origin`, as Kolibri's HTML5 viewer uses),
 * since a refused download fails silently there.
 */

import { sha256 } from 'js-sha256';
import { Player } from './context.js';
import { deviceId, nowIso } from './learners.js';
import { partsFor } from './learning.js';
import { hasResults, resultsBody, resultsFileName, resultsFileText, Scope } from './results.js';

/** The file text of `body`, with its checksum. */
export function fileTextOf(body: object): string {
  return resultsFileText(body, function (text: string): string {
    return sha256(text);
  });
}

/** Whether this page may start a download (see the module doc). */
export function canDownload(): boolean {
  var link = document.createElement('a');
  var nav = window.navigator as unknown as { msSaveBlob?: unknown };
  if (!('download' in link) && !nav.msSaveBlob) {
    return false;
  }
  if (window.top === window.self) {
    return true;
  }
  try {
    var frame = window.frameElement;
    if (!frame) {
      // A cross-origin parent, or a sandbox without allow-same-origin (an
      // opaque origin, as Kolibri's): whether downloads are allowed cannot
      // be known, and a refused one fails silently. No buttons then.
      return false;
    }
    if (!frame.hasAttribute('sandbox')) {
      return true;
    }
    var tokens = ' ' + String(frame.getAttribute('sandbox')).toLowerCase().replace(/\s+/g, ' ') + ' ';
    return tokens.indexOf(' allow-downloads ') >= 0;
  } catch (e) {
    return false;
  }
}

/** Offers `text` as a download named `name`. */
export function download(name: string, text: string): void {
  var nav = window.navigator as unknown as { msSaveBlob?: (blob: Blob, name: string) => boolean };
  var hasBlob = typeof Blob !== 'undefined' && typeof URL !== 'undefined' && !!URL.createObjectURL;
  if (hasBlob && nav.msSaveBlob) {
    nav.msSaveBlob(new Blob([text], { type: 'application/octet-stream' }), name);
    return;
  }
  var link = document.createElement('a');
  var url: string;
  var revoke = false;
  if (hasBlob) {
    url = URL.createObjectURL(new Blob([text], { type: 'application/octet-stream' }));
    revoke = true;
  } else {
    url = 'data:application/octet-stream;charset=utf-8,' + encodeURIComponent(text);
  }
  link.href = url;
  link.setAttribute('download', name);
  link.className = 'sr-only';
  document.body.appendChild(link);
  link.click();
  window.setTimeout(function (): void {
    document.body.removeChild(link);
    if (revoke) {
      URL.revokeObjectURL(url);
    }
  }, 1000);
}

/**
 * Saves the results of `scope` (the current learner, or every learner with
 * results on this device) as a download; returns the file's name, or null
 * when there is nothing to save.
 */
export function saveResults(p: Player, scope: Scope): string | null {
  var parts = partsFor(p, scope);
  var anything = parts.some(function (part): boolean {
    return hasResults(part.results);
  });
  if (!p.learning || !anything) {
    return null;
  }
  var savedAt = nowIso();
  var body = resultsBody(p.course, deviceId(p.storage), scope, parts, savedAt);
  var name = resultsFileName(p.course.slug, scope === 'learner' ? p.learning.learner.name : null, savedAt);
  download(name, fileTextOf(body));
  return name;
}
