import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recordIdentities } from '@fieldwork/core';
import { collectors } from './registry.js';

const doc = readFileSync(new URL('../../../../docs/recollection.md', import.meta.url), 'utf8');

/** The rows of the table under a `## heading` of docs/recollection.md, as cells (header and rule left out). */
function table(heading: string): string[][] {
  const start = doc.indexOf(`## ${heading}`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const end = doc.indexOf('\n## ', start + 3);
  const section = doc.slice(start, end < 0 ? undefined : end);
  return section.split('\n').filter((l) => l.startsWith('| ')).slice(1).map((r) => r.slice(2, -2).split(' | '));
}

/** The `code` names in a cell. */
const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

describe('docs/recollection.md states the re-collection rule for everything the code knows', () => {
  it('names the identity of every record kind', () => {
    const documented = table('Identity of each record kind').flatMap(([kinds]) => names(kinds));
    expect([...new Set(documented)].sort()).toEqual(Object.keys(recordIdentities).sort());
  });

  it('names every source kind with the record kinds it replaces as a snapshot', () => {
    const rows = table('Snapshot or log, per source kind');
    const snapshotOf = new Map(rows.flatMap(([kinds, snapshot]) => names(kinds).map((k) => [k, names(snapshot).sort()] as const)));
    for (const [kind, c] of Object.entries(collectors)) {
      expect(snapshotOf.get(kind), `${kind} is in the table`).toBeDefined();
      expect(snapshotOf.get(kind), `${kind}: its snapshot kinds`).toEqual([...c.snapshotKinds].sort());
    }
  });
});
