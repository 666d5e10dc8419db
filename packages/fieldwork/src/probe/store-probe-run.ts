import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FieldworkError, recordSchemas } from '@fieldwork/core';
import type { FieldworkRecord } from '@fieldwork/core';
import { isolationProbeCollector } from '../collectors/isolation-probe/isolation-probe-collector.js';
import { sha256File } from '../evidence/index.js';
import type { FieldworkStore, IngestResult } from '../store/index.js';
import { createPseudonymizer } from '../workspace/index.js';
import type { ProbeRun } from './probe-run.js';

/** The exact bytes a probe run is stored as (and `--json` prints). */
export function probeRunBytes(run: ProbeRun): Buffer {
  return Buffer.from(JSON.stringify(run, null, 2) + '\n', 'utf8');
}

/**
 * Stores a probe run as evidence: the run's JSON bytes as the artifact, a ledger entry of
 * kind `isolation-probe-json` under `source`, and its `isolation_probe` record — parsed by the
 * same collector that imports runs made elsewhere, so both paths give the same record.
 */
export async function storeProbeRun(store: FieldworkStore, run: ProbeRun, source: string, origin: string): Promise<IngestResult> {
  const dir = await mkdtemp(join(tmpdir(), 'fieldwork-probe-'));
  try {
    const path = join(dir, `${run.runId}.json`);
    await writeFile(path, probeRunBytes(run));
    const { sha256, size } = await sha256File(path);
    const name = `probe ${run.runId}.json`;
    const input = { path, displayName: name, sha256, size, open: () => createReadStream(path) };
    async function* records(): AsyncGenerator<FieldworkRecord> {
      // A probe run names canary tenants, never end users; a throw-away key keeps anything unexpected out of the clear.
      const pseudonymize = createPseudonymizer(randomBytes(32).toString('hex'));
      const parsed = isolationProbeCollector.parse(input, isolationProbeCollector.options.parse({}), { source, timezone: 'UTC', cite: (locator) => ({ source, artifact: sha256, locator: locator || '/' }), pseudonymize });
      for await (const r of parsed) {
        const ok = recordSchemas.isolation_probe.safeParse(r);
        if (!ok.success) throw new FieldworkError('INTERNAL', `The probe run does not make a valid record: ${ok.error.issues[0].message}`);
        yield ok.data;
      }
    }
    return await store.ingest({ sha256, size, name, mediaType: 'application/json', source, kind: isolationProbeCollector.kind, origin, path, records: records() });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
