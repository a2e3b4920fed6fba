/**
 * The browser's localStorage, or memory when it is missing, disabled or
 * throwing (private windows, strict settings, some browsers on file://):
 * then progress lives for this visit only, and the footer says so once.
 */

export interface KeyValueStore {
  /** Whether what is set outlives the page. */
  persistent: boolean;
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** The page's store: localStorage if it works (probed once), else memory. */
export function openStorage(): KeyValueStore {
  var memory: { [key: string]: string } = {};
  var local: Storage | null = null;
  try {
    local = window.localStorage;
    var probe = 'juntos.probe';
    local.setItem(probe, '1');
    local.removeItem(probe);
  } catch (e) {
    local = null;
  }
  return {
    persistent: !!local,
    get: function (key: string): string | null {
      if (local) {
        try {
          return local.getItem(key);
        } catch (e) {
          /* fall through to memory */
        }
      }
      return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null;
    },
    set: function (key: string, value: string): void {
      memory[key] = value;
      if (local) {
        try {
          local.setItem(key, value);
        } catch (e) {
          /* full or refused: memory keeps it */
        }
      }
    },
    remove: function (key: string): void {
      delete memory[key];
      if (local) {
        try {
          local.removeItem(key);
        } catch (e) {
          /* ignore */
        }
      }
    }
  };
}

/* The learner's language is kept per course: see `languageKey` in language.ts. */
/** "1" when facilitator mode is on. */
export var FACILITATOR_KEY = 'juntos.facilitator';
