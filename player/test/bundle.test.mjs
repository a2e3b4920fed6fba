// The bundle: plain ES5 (acorn at ecmaVersion 5 parses it, so no let, const,
// arrow, class or template literal slipped in), one classic script with no
// module syntax and no network, and reproducible: two builds, same bytes,
// the bytes committed (a stale bundle fails here).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertEs5, bundle, BUNDLE } from '../build.mjs';

test('the committed bundle is ES5 and names no network', () => {
  const text = readFileSync(BUNDLE, 'utf8');
  assertEs5(text);
  assert.throws(() => assertEs5('let a = () => 1;'), 'acorn at ES5 refuses ES2015');
  for (const forbidden of ['import ', 'export ', 'fetch(', 'XMLHttpRequest', 'http://', 'https://', 'eval(', 'new Function']) {
    assert.ok(!text.includes(forbidden), `player.js contains ${forbidden}`);
  }
  assert.equal((text.match(/\.innerHTML\s*=/g) || []).length, 1, 'one innerHTML, in setRendered');
});

test('two builds give the same bytes, and the committed bundle is one of them', async () => {
  const a = await bundle();
  const b = await bundle();
  assert.ok(a === b, 'two builds of the same sources differ');
  assert.ok(
    readFileSync(BUNDLE, 'utf8') === a,
    'assets/player/player.js is stale: run `npm run build` in player/ and commit it',
  );
});
