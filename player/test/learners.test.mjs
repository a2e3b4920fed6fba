// Learners on one browser (issue 17): the device id made once, the list
// device-wide, the current learner, and where each one's progress is kept
// (today's key for the anonymous learner, so earlier progress still counts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './compiled.mjs';

const L = await load('learners');

function memoryStore() {
  const m = new Map();
  return {
    persistent: true,
    get: (k) => (m.has(k) ? m.get(k) : null),
    set: (k, v) => m.set(k, String(v)),
    remove: (k) => m.delete(k),
    map: m,
  };
}

test('the device id is 32 hex, made once', () => {
  const s = memoryStore();
  const id = L.deviceId(s);
  assert.match(id, /^[0-9a-f]{32}$/);
  assert.equal(L.deviceId(s), id);
  assert.equal(s.get('juntos.device'), id);
  assert.notEqual(L.deviceId(memoryStore()), id);
});

test('the anonymous learner keeps today\'s progress key; a named one has its own', () => {
  const s = memoryStore();
  assert.equal(L.progressKeyFor(s, 'c1', 3), 'juntos.progress.c1.3');
  assert.equal(s.map.size, 0, 'progressKeyFor only reads');
  const anon = L.currentLearner(s);
  assert.equal(anon.name, null);
  assert.match(anon.id, /^[0-9a-f]{32}$/);
  assert.equal(L.progressKeyFor(s, 'c1', 3), 'juntos.progress.c1.3');
  const ana = L.addLearner(s, '  Ana   Maria ', ' CSO X ');
  assert.equal(ana.name, 'Ana Maria');
  assert.equal(ana.group, 'CSO X');
  L.setCurrentLearner(s, ana.id);
  assert.equal(L.currentLearner(s).id, ana.id);
  assert.equal(L.progressKeyFor(s, 'c1', 3), `juntos.progress.c1.3.${ana.id}`);
  assert.equal(L.progressKeyFor(s, 'c2', 1), `juntos.progress.c2.1.${ana.id}`, 'device-wide: every course knows her');
  L.setCurrentLearner(s, anon.id);
  assert.equal(L.progressKeyFor(s, 'c1', 3), 'juntos.progress.c1.3');
  assert.equal(L.anonymousLearner(s).id, anon.id, 'one anonymous learner per device');
});

test('the list: same name and group is the same learner, names are required, sorted', () => {
  const s = memoryStore();
  const b = L.addLearner(s, 'bruno', null);
  const a = L.addLearner(s, 'Ana', 'G1');
  assert.equal(L.addLearner(s, 'ANA', 'g1').id, a.id);
  assert.notEqual(L.addLearner(s, 'Ana', 'G2').id, a.id);
  assert.equal(L.addLearner(s, '   ', 'G1'), null);
  assert.deepEqual(L.namedLearners(s).map((l) => l.name), ['Ana', 'Ana', 'bruno']);
  assert.equal(L.setCurrentLearner(s, 'f'.repeat(32)), null);
  assert.equal(L.findLearner(s, b.id).name, 'bruno');
  assert.equal(L.addLearner(s, 'x'.repeat(200), null).name.length, L.MAX_NAME);
});

test('a damaged list or current id falls back to the anonymous learner', () => {
  const s = memoryStore();
  s.set('juntos.learners', '{not json');
  s.set('juntos.learner', 'nobody');
  assert.deepEqual(L.listLearners(s), []);
  assert.equal(L.currentLearner(s).name, null);
  assert.equal(L.progressKeyFor(s, 'c', 1), 'juntos.progress.c.1');
});

test('asked once per device', () => {
  const s = memoryStore();
  assert.equal(L.wasAsked(s), false);
  L.markAsked(s);
  assert.equal(L.wasAsked(s), true);
});
