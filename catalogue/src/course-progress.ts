/**
 * A learner's progress in each course of the stick, as the course's player
 * keeps it in this browser: the key is the player's (`progressKeyFor`, so
 * the current learner's and the course revision's), the record is read by
 * the player's `readProgress`, and a lesson counts when the player marked
 * it done. Nothing here writes. No DOM, so node tests it.
 */

import { findLearner, CURRENT_LEARNER_KEY, progressKeyFor } from '../../player/src/learners.js';
import { readProgress } from '../../player/src/progress.js';
import { KeyValueStore } from '../../player/src/storage.js';
import { CatalogueCourse } from './data.js';

export interface CourseProgress {
  done: number;
  /** Lessons opened but not completed. */
  started: number;
  total: number;
  /** The lesson opened last, if it is still in the course. */
  last: string | null;
}

export function courseProgress(store: KeyValueStore, course: CatalogueCourse): CourseProgress {
  var progress = readProgress(store, progressKeyFor(store, course.id, course.revision));
  var ids = course.lesson_ids || [];
  var done = 0;
  var started = 0;
  ids.forEach(function (id: string): void {
    if (progress.done[id]) {
      done++;
    } else if (progress.visited[id]) {
      started++;
    }
  });
  var last = progress.last && ids.indexOf(progress.last) >= 0 ? progress.last : null;
  return { done: done, started: started, total: ids.length, last: last };
}

/** The named learner whose progress is shown, or null for the anonymous one. */
export function shownLearnerName(store: KeyValueStore): string | null {
  var learner = findLearner(store, store.get(CURRENT_LEARNER_KEY));
  return learner ? learner.name : null;
}
