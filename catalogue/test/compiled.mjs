// The catalogue's modules (and the player modules they import) compiled by
// tsc into a temporary folder, for tests of the modules that need no DOM.
// The compiler is the player's, as locked in player/ (see player/build.mjs).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CATALOGUE, compile } from '../../player/build.mjs';

let out = null;

/** Imports `catalogue/src/<name>.ts` as compiled (e.g. 'search'). */
export async function load(name) {
  if (!out) {
    out = mkdtempSync(join(tmpdir(), 'juntos-catalogue-test-'));
    process.on('exit', () => rmSync(out, { recursive: true, force: true }));
    compile(out, CATALOGUE);
    writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
  }
  return import(pathToFileURL(join(out, 'catalogue', 'src', `${name}.js`)).href);
}

/** A store like the player's (`openStorage`), in memory. */
export function memoryStore(entries = {}) {
  const m = { ...entries };
  return {
    persistent: true,
    get: (k) => (Object.prototype.hasOwnProperty.call(m, k) ? m[k] : null),
    set: (k, v) => { m[k] = v; },
    remove: (k) => { delete m[k]; },
    entries: m,
  };
}
