// The catalogue bundle: plain ES5 (acorn at ecmaVersion 5), one classic
// script that names no network and assigns no innerHTML, reproducible (two
// builds, same bytes) and not stale (the committed bytes are a build of the
// sources). The page's CSP forbids the network, and it loads only files of the stick.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertEs5, bundleCatalogue, CATALOGUE_BUNDLE } from '../../player/build.mjs';

test('the committed catalogue bundle is ES5, names no network, sets no innerHTML', () => {
  const text = readFileSync(CATALOGUE_BUNDLE, 'utf8');
  assertEs5(text);
  for (const forbidden of ['import ', 'export ', 'fetch(', 'XMLHttpRequest', 'http://', 'https://', 'eval(', 'new Function', 'innerHTML']) {
    assert.ok(!text.includes(forbidden), `catalogue.js contains ${forbidden}`);
  }
});

test('two builds give the same bytes, and the committed bundle is one of them', async () => {
  const a = await bundleCatalogue();
  const b = await bundleCatalogue();
  assert.ok(a === b, 'two builds of the same sources differ');
  assert.ok(
    readFileSync(CATALOGUE_BUNDLE, 'utf8') === a,
    'assets/catalogue/catalogue.js is stale: run `npm run build` in player/ and commit it',
  );
});

test('the page: a CSP with no network, the stick\'s own files only, both languages and the course list without a script', () => {
  const html = readFileSync(join(CATALOGUE_BUNDLE, '..', 'index.html'), 'utf8');
  assert.match(html, /Content-Security-Policy" content="default-src 'none'; script-src 'self';[^"]*connect-src 'none'/);
  const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(refs, ['catalogue/catalogue.css', 'catalogue/data.js', 'catalogue/catalogue.js']);
  assert.match(html, /<noscript>[\s\S]*lang="pt"[\s\S]*lang="en"[\s\S]*<!--courses-->\s*<\/noscript>/);
  assert.equal(html.split('<!--courses-->').length, 2, 'one place for the stick writer\'s plain list of the courses (src/stick/assets.rs)');
});
