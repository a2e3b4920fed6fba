// The player's modules compiled by tsc into a temporary folder, for tests of
// the modules that need no DOM (words, quiz scoring). Removed on exit.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from '../build.mjs';

let out = null;

/** Imports `player/src/<name>.ts` as compiled (e.g. 'quiz/score'). */
export async function load(name) {
  if (!out) {
    out = mkdtempSync(join(tmpdir(), 'juntos-player-test-'));
    process.on('exit', () => rmSync(out, { recursive: true, force: true }));
    compile(out);
    writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
  }
  return import(pathToFileURL(join(out, `${name}.js`)).href);
}
