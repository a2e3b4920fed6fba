/**
 * The player as a SCORM 1.2 SCO: the LMS keeps the learner's progress
 * (cmi.suspend_data), status and score. Launched with ?module=<id> the
 * outline holds that module's lessons only, so what is reported is the
 * module's. Every change is committed as it happens; `finish` ends the
 * session when the page goes. The rules are in docs/scorm.md.
 *
 * A failed quiz is reported as `incomplete` unless the package asks for
 * `failed` (Moodle sends a failed SCO to review mode, where the learner
 * cannot try again). In review mode the LMS keeps nothing, so nothing is
 * written; with no credit, the place and progress are kept but no status
 * or score.
 */

import { CourseData, Lang } from '../course-data.js';
import { Outline } from '../outline.js';
import { Progress } from '../progress.js';
import { ScormApi } from './api.js';
import { courseScore, courseStatus, STATUS_RANK, timespan } from './status.js';
import { decodeSuspend, encodeSuspend, structureOf } from './suspend.js';

/** What a failed quiz is reported as: `incomplete` (the default) lets the learner retry in Moodle. */
export type FailedStatus = 'incomplete' | 'failed';

export interface LmsSession {
  /** The progress the LMS had saved for this structure, else null. */
  progress: Progress | null;
  /** The language saved with it, else null. */
  lang: Lang | null;
  /** cmi.core.student_id (empty when the LMS gives none). */
  learner: string;
  /** The lesson the learner was at (cmi.core.lesson_location) when the LMS resumes the attempt, else null. */
  location: string | null;
  /** Sends what changed (suspend_data, status, score, exit) and commits. */
  save(progress: Progress, lang: Lang): void;
  /** Saves, sends the session time and calls LMSFinish; nothing after it. */
  finish(progress: Progress, lang: Lang): void;
}

/** Starts the session on an initialised API: reads what the LMS kept, marks a first attempt. */
export function openLmsSession(
  api: ScormApi,
  course: CourseData,
  outline: Outline,
  failedStatus: FailedStatus
): LmsSession {
  var structure = structureOf(course, outline);

  function get(name: string): string {
    try {
      var value = api.LMSGetValue(name);
      return value === null || value === undefined ? '' : String(value);
    } catch (e) {
      return '';
    }
  }
  function set(name: string, value: string): boolean {
    try {
      return String(api.LMSSetValue(name, String(value))) === 'true';
    } catch (e) {
      return false;
    }
  }
  function commit(): void {
    try {
      api.LMSCommit('');
    } catch (e) {
      /* the LMS keeps what it has */
    }
  }

  var started = new Date().getTime();
  var launchStatus = get('cmi.core.lesson_status');
  var launchRaw = parseFloat(get('cmi.core.score.raw'));
  var saved = get('cmi.suspend_data');
  var restored = decodeSuspend(outline, structure, saved);
  var launchLocation = get('cmi.core.lesson_location');
  // Review mode: the LMS shows a finished attempt and records nothing.
  // No credit (browse, or an attempt that does not count): no status, no score.
  var review = get('cmi.core.lesson_mode') === 'review';
  var credit = !review && get('cmi.core.credit') !== 'no-credit' && get('cmi.core.lesson_mode') !== 'browse';
  var sent: { data: string; status: string; raw: number | null; exit: string | null; location: string } = {
    data: saved,
    status: launchStatus,
    raw: isNaN(launchRaw) ? null : launchRaw,
    exit: null,
    location: launchLocation
  };
  var finished = false;
  if (credit && !STATUS_RANK[launchStatus]) {
    // First launch: the learner has now attempted the course.
    if (set('cmi.core.lesson_status', 'incomplete')) {
      sent.status = 'incomplete';
    }
    commit();
  }

  function save(progress: Progress, lang: Lang): void {
    if (finished || review) {
      return;
    }
    var changed = false;
    var data = encodeSuspend(outline, structure, progress, lang);
    if (data !== sent.data && set('cmi.suspend_data', data)) {
      sent.data = data;
      changed = true;
    }
    // The lesson's id (a CMIString255): where the LMS resumes.
    var location = progress.last && outline.lessonById[progress.last] ? progress.last : '';
    if (location && location.length <= 255 && location !== sent.location && set('cmi.core.lesson_location', location)) {
      sent.location = location;
      changed = true;
    }
    if (credit) {
      changed = sendResult(progress) || changed;
    }
    var exit = sent.status === 'passed' || sent.status === 'completed' ? '' : 'suspend';
    if (exit !== sent.exit && set('cmi.core.exit', exit)) {
      sent.exit = exit;
      changed = true;
    }
    if (changed) {
      commit();
    }
  }

  /** Status and score, when the attempt counts; true when something was sent. */
  function sendResult(progress: Progress): boolean {
    var changed = false;
    // Never below what the LMS already recorded (a changed course starts
    // afresh, but a learner who passed stays passed).
    var status: string = courseStatus(outline, progress);
    if (status === 'failed' && failedStatus === 'incomplete') {
      status = 'incomplete';
    }
    if (
      status !== sent.status &&
      STATUS_RANK[status] >= (STATUS_RANK[launchStatus] || 0) &&
      set('cmi.core.lesson_status', status)
    ) {
      sent.status = status;
      changed = true;
    }
    var raw = courseScore(outline, progress);
    if (raw !== null && !isNaN(launchRaw) && launchRaw > raw) {
      raw = launchRaw;
    }
    if (raw !== null && raw !== sent.raw) {
      set('cmi.core.score.min', '0');
      set('cmi.core.score.max', '100');
      if (set('cmi.core.score.raw', String(raw))) {
        sent.raw = raw;
        changed = true;
      }
    }
    return changed;
  }

  function finish(progress: Progress, lang: Lang): void {
    if (finished) {
      return;
    }
    save(progress, lang);
    if (!review) {
      set('cmi.core.session_time', timespan(new Date().getTime() - started));
      commit();
    }
    finished = true;
    try {
      api.LMSFinish('');
    } catch (e) {
      /* leaving anyway */
    }
  }

  return {
    progress: restored ? restored.progress : null,
    lang: restored ? restored.lang : null,
    learner: get('cmi.core.student_id'),
    location: get('cmi.core.entry') === 'resume' || review ? launchLocation || null : null,
    save: save,
    finish: finish
  };
}
