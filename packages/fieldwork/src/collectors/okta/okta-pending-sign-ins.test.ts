import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { OktaLogEvent } from './okta-mapper.js';
import { PendingSignIns } from './okta-pending-sign-ins.js';
import { useOwnTmpdir } from '../../testing/own-tmpdir.js';

const scratch = () => new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('fieldwork-okta-')));

useOwnTmpdir();

const signIn = (i: number): OktaLogEvent => ({
  uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  published: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  eventType: 'user.authentication.sso',
  actor: { id: `00u${i % 7}`, type: 'User', alternateId: `user${i % 7}@example.com`, displayName: 'not kept' },
  target: [{ id: 'rul1', type: 'Rule', alternateId: 'unknown', displayName: 'Default Rule' }, { id: `0oa${i % 3}`, type: 'AppInstance', alternateId: `App ${i % 3}`, displayName: `App ${i % 3}` }],
  outcome: { result: i % 5 ? 'SUCCESS' : 'FAILURE', reason: 'not kept' },
  authenticationContext: { externalSessionId: `102s${i % 11}` },
} as OktaLogEvent);

/** What `add` keeps of an event: the fields mapOktaSignIn reads. */
const kept = (e: OktaLogEvent) => ({
  uuid: e.uuid, published: e.published, eventType: e.eventType,
  actor: { id: e.actor!.id, type: e.actor!.type, alternateId: e.actor!.alternateId },
  target: [{ type: 'AppInstance', displayName: e.target![1].displayName, alternateId: e.target![1].alternateId }],
  outcome: { result: e.outcome!.result },
  authenticationContext: { externalSessionId: e.authenticationContext!.externalSessionId },
});

describe('PendingSignIns', () => {
  it('gives back every sign-in in order with the fields its record needs, the same whether they stayed in memory or went to the file', async () => {
    const before = scratch();
    const events = Array.from({ length: 2500 }, (_, i) => signIn(i));
    const drained: unknown[][] = [];
    for (const inMemory of [5000, 100, 0]) {
      const pending = new PendingSignIns({ inMemory });
      events.forEach((e, i) => pending.add(e, `line ${i + 1}`));
      // The file exists only once more than `inMemory` are waiting.
      expect(scratch().size > before.size).toBe(inMemory < events.length);
      const out = [];
      for await (const p of pending.drain()) out.push(p);
      drained.push(out);
    }
    expect(drained[0]).toEqual(events.map((e, i) => ({ e: kept(e), loc: `line ${i + 1}` })));
    expect(drained[1]).toEqual(drained[0]);
    expect(drained[2]).toEqual(drained[0]);
    // drain removed the temporary files.
    expect([...scratch()].filter((n) => !before.has(n))).toEqual([]);
  });

  it('removes its file when the collection stops before the drain', () => {
    const before = scratch();
    const pending = new PendingSignIns({ inMemory: 1 });
    for (let i = 0; i < 10; i++) pending.add(signIn(i), `/${i}`);
    expect(scratch().size).toBe(before.size + 1);
    pending.dispose();
    expect([...scratch()].filter((n) => !before.has(n))).toEqual([]);
  });
});
