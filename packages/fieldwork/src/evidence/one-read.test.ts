import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectWorkspace } from '../pipeline/collect-workspace.js';
import { integrityWorkspace, TEST_DIALECTS } from '../testing/index.js';
import { sha256 } from './hash.js';

function roster(rows: number): string {
  const lines = ['Employee ID,Name,Work Email,Start Date,End Date'];
  for (let i = 0; i < rows; i++) lines.push(`g-${i},Person ${i},p${i}@example.com,2025-01-06,`);
  return lines.join('\n') + '\n';
}

for (const dialect of TEST_DIALECTS) {
  describe(`one read per file on ${dialect}`, () => {
    it('a file appended to while it is collected is stored, hashed and parsed as one and the same copy', async () => {
      const iw = await integrityWorkspace(dialect);
      const store = await iw.open();
      try {
        const file = join(iw.dir, 'hr', 'growing.csv');
        writeFileSync(file, roster(40_000));
        // An export still being written: a row is appended on every turn of the event loop.
        let appending = true;
        let appended = 0;
        const append = () => {
          if (!appending) return;
          appendFileSync(file, `late-${appended},Late ${appended},late${appended++}@example.com,2025-01-06,\n`);
          setImmediate(append);
        };
        setImmediate(append);
        const outcomes = await collectWorkspace(iw.ws, store);
        appending = false;
        expect(appended).toBeGreaterThan(0);
        const hr = outcomes.find((o) => o.name === 'hr')!;
        expect(hr.status).toBe('collected');
        const entry = (await store.ledger()).find((e) => e.source === 'hr')!;
        const blob = (await store.blobs.read(entry.artifact))!;
        // The stored bytes hash to the name they are stored under…
        expect(sha256(blob)).toBe(entry.artifact);
        // …and the records are exactly the rows of those bytes (not of an earlier or later read).
        expect(entry.recordCount).toBe(blob.toString().trimEnd().split('\n').length - 1);
        const v = await store.verify();
        expect(v.problems).toEqual([]);
      } finally {
        await store.close();
        await iw.dispose();
      }
    }, 120_000);
  });
}
