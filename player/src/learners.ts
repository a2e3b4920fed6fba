/**
 * Who is learning on this browser (issue 17). Standalone (a USB stick, a
 * shared laptop) several people may use one browser profile, so the player
 * keeps, in `localStorage` and device-wide (not per course, so a learner
 * named once is known to every course opened from the same stick):
 *
 * - `juntos.device`: this profile's id, 32 random hex digits, made once;
 * - `juntos.learners`: the learners, JSON `[{id, name, group, created_at}]`;
 *   the one without a name is the anonymous learner (today's use, "skip");
 * - `juntos.learner`: the current learner's id (absent = anonymous);
 * - `juntos.learners.asked`: "1" once the first-start prompt was answered
 *   or skipped, so it is asked once per browser, not once per course.
 *
 * Progress stays where it always was for the anonymous learner
 * (`juntos.progress.<course id>.<revision>`, so earlier progress keeps
 * working) and is per learner otherwise: `progressKeyFor` is the one place
 * that says which, and the stick's catalogue page imports it. No DOM here,
 * so it is tested in node (test/learners.test.mjs).
 */

import { KeyValueStore } from './storage.js';

export interface Learner {
  /** 32 lowercase hex digits, random. */
  id: string;
  /** Null for the anonymous learner. */
  name: string | null;
  group: string | null;
  /** ISO 8601 UTC. */
  created_at: string;
}

export var DEVICE_KEY = 'juntos.device';
export var LEARNERS_KEY = 'juntos.learners';
export var CURRENT_LEARNER_KEY = 'juntos.learner';
export var ASKED_KEY = 'juntos.learners.asked';

/** Longest name or group kept (longer ones are cut). */
export var MAX_NAME = 80;

var HEX32 = /^[0-9a-f]{32}$/;

/**
 * 32 random lowercase hex digits: from `crypto.getRandomValues` where the
 * browser has it (every browser since 2014, also on file://), else from
 * Math.random with the time mixed in (ids only need to differ, not to be secret).
 */
export function randomHex32(): string {
  var bytes: number[] = [];
  var c: Crypto | undefined =
    typeof window !== 'undefined' ? window.crypto || (window as unknown as { msCrypto?: Crypto }).msCrypto : undefined;
  if (!c && typeof crypto !== 'undefined') {
    c = crypto;
  }
  if (c && c.getRandomValues) {
    var buf = new Uint8Array(16);
    c.getRandomValues(buf);
    for (var i = 0; i < 16; i++) {
      bytes.push(buf[i]);
    }
  } else {
    var now = new Date().getTime();
    for (var j = 0; j < 16; j++) {
      bytes.push((Math.floor(Math.random() * 256) ^ (now >>> ((j % 4) * 8))) & 255);
    }
  }
  return bytes
    .map(function (b: number): string {
      return (b < 16 ? '0' : '') + b.toString(16);
    })
    .join('');
}

/** Now, as `Date.toISOString()` gives it (UTC, milliseconds). */
export function nowIso(): string {
  return new Date().toISOString();
}

/** This browser profile's id, made the first time it is asked for. */
export function deviceId(store: KeyValueStore): string {
  var id = store.get(DEVICE_KEY);
  if (id && HEX32.test(id)) {
    return id;
  }
  id = randomHex32();
  store.set(DEVICE_KEY, id);
  return id;
}

/** A name or group as kept: trimmed, inner spaces single, cut to MAX_NAME; empty is null. */
export function cleanName(text: string | null | undefined): string | null {
  if (text === null || text === undefined) {
    return null;
  }
  var s = String(text).replace(/\s+/g, ' ').replace(/^ | $/g, '');
  return s ? s.slice(0, MAX_NAME) : null;
}

/** Every learner known on this device (the anonymous one included, once made). */
export function listLearners(store: KeyValueStore): Learner[] {
  var raw = store.get(LEARNERS_KEY);
  if (!raw) {
    return [];
  }
  try {
    var list = JSON.parse(raw);
    if (!(list instanceof Array)) {
      return [];
    }
    return list
      .filter(function (l: Learner): boolean {
        return !!l && typeof l.id === 'string' && HEX32.test(l.id);
      })
      .map(function (l: Learner): Learner {
        return {
          id: l.id,
          name: typeof l.name === 'string' ? cleanName(l.name) : null,
          group: typeof l.group === 'string' ? cleanName(l.group) : null,
          created_at: typeof l.created_at === 'string' ? l.created_at : nowIso()
        };
      });
  } catch (e) {
    return [];
  }
}

function writeLearners(store: KeyValueStore, list: Learner[]): void {
  store.set(LEARNERS_KEY, JSON.stringify(list));
}

/** The learners with a name, sorted by name (for the switcher). */
export function namedLearners(store: KeyValueStore): Learner[] {
  return listLearners(store)
    .filter(function (l: Learner): boolean {
      return l.name !== null;
    })
    .sort(function (a: Learner, b: Learner): number {
      var x = (a.name || '').toLowerCase();
      var y = (b.name || '').toLowerCase();
      return x < y ? -1 : x > y ? 1 : a.created_at < b.created_at ? -1 : 1;
    });
}

export function isAnonymous(learner: Learner): boolean {
  return learner.name === null;
}

/** The anonymous learner (name and group null), made once per device. */
export function anonymousLearner(store: KeyValueStore): Learner {
  var list = listLearners(store);
  for (var i = 0; i < list.length; i++) {
    if (list[i].name === null) {
      return list[i];
    }
  }
  var made: Learner = { id: randomHex32(), name: null, group: null, created_at: nowIso() };
  list.push(made);
  writeLearners(store, list);
  return made;
}

/** A learner by id, or null. */
export function findLearner(store: KeyValueStore, id: string | null): Learner | null {
  if (!id) {
    return null;
  }
  var list = listLearners(store);
  for (var i = 0; i < list.length; i++) {
    if (list[i].id === id) {
      return list[i];
    }
  }
  return null;
}

/** The learner using the player now: the one chosen last on this device, else the anonymous one. */
export function currentLearner(store: KeyValueStore): Learner {
  return findLearner(store, store.get(CURRENT_LEARNER_KEY)) || anonymousLearner(store);
}

/** Makes `id` the current learner (an unknown id is ignored). */
export function setCurrentLearner(store: KeyValueStore, id: string): Learner | null {
  var found = findLearner(store, id);
  if (found) {
    store.set(CURRENT_LEARNER_KEY, found.id);
  }
  return found;
}

/**
 * A learner with `name` (required) and `group` (optional): the one already
 * known with the same name and group (case and spaces aside), else a new
 * one. Returns null when the name is empty.
 */
export function addLearner(store: KeyValueStore, name: string, group: string | null): Learner | null {
  var n = cleanName(name);
  if (!n) {
    return null;
  }
  var g = cleanName(group);
  var list = listLearners(store);
  for (var i = 0; i < list.length; i++) {
    var l = list[i];
    if (l.name !== null && l.name.toLowerCase() === n.toLowerCase() && (l.group || '').toLowerCase() === (g || '').toLowerCase()) {
      return l;
    }
  }
  var made: Learner = { id: randomHex32(), name: n, group: g, created_at: nowIso() };
  list.push(made);
  writeLearners(store, list);
  return made;
}

/** Whether the first-start prompt was answered or skipped on this device. */
export function wasAsked(store: KeyValueStore): boolean {
  return store.get(ASKED_KEY) === '1';
}

export function markAsked(store: KeyValueStore): void {
  store.set(ASKED_KEY, '1');
}

/**
 * Where `learner`'s progress in a course revision is kept: today's key for
 * the anonymous learner (so progress from before learners still counts),
 * the same with the learner's id after it otherwise.
 */
export function progressKeyOf(learner: Learner | null, courseId: string, revision: number): string {
  var base = 'juntos.progress.' + courseId + '.' + revision;
  return learner && !isAnonymous(learner) ? base + '.' + learner.id : base;
}

/**
 * Where the current learner's progress in a course revision is kept. Reads
 * the store only (the stick's catalogue page calls it for every course):
 * no learner chosen yet is the anonymous learner, whose key is today's.
 */
export function progressKeyFor(store: KeyValueStore, courseId: string, revision: number): string {
  return progressKeyOf(findLearner(store, store.get(CURRENT_LEARNER_KEY)), courseId, revision);
}

/** Where a learner's results in a course revision (lesson times, quiz attempts) are kept: see results.ts. */
export function resultsKeyOf(learnerId: string, courseId: string, revision: number): string {
  return 'juntos.results.' + courseId + '.' + revision + '.' + learnerId;
}
