import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { FieldworkError } from '@fieldwork/core';
import type { AuditReport } from '@fieldwork/core';
import yazl from 'yazl';
import { auditJson } from '../pipeline/audit-workspace.js';
import { CHECKPOINT_DIR, PUBLIC_KEY_FILE, sha256File } from '../evidence/index.js';
import { checkRunJson } from '../pipeline/check-workspace.js';
import type { FieldworkStore } from '../store/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';
import { assertWritableTarget } from '../workspace/index.js';
import { loadEvidenceBundle } from './evidence-bundle.js';
import { evidenceMapCsv } from './evidence-map-csv.js';
import { evidenceMapHtml } from './evidence-map-html.js';
import { evidenceMapMarkdown } from './evidence-map-markdown.js';
import { evidenceMapXlsx, localCalendarDate } from './evidence-map-xlsx.js';
import { fieldworkVersion } from './fieldwork-version.js';
import { mockAuditMarkdown } from './mock-audit-markdown.js';
import { oscalAssessmentResults } from './oscal-assessment-results.js';
import type { WorkspaceCheckpoint } from './workspace-checkpoints.js';

/** One file of the package as the manifest lists it. */
export interface PackageFile {
  path: string;
  sha256: string;
  size: number;
}

/** `manifest.json`: what the package holds and the evidence it was built from. */
export interface PackageManifest {
  format: 'fieldwork-auditor-package/1';
  fieldworkVersion: string;
  organization: string;
  timezone: string;
  period: { from: string; to: string };
  ledger: { head: string; entries: number };
  /** The check run, the ledger head it read and the digest of its results (null for runs stored before commitments). */
  checkRun: { id: number; at: string; ledgerHead: { seq: number; hash: string } | null; resultsDigest: string | null };
  /** Signed checkpoints of the ledger head carried under `checkpoints/` (see VERIFY.txt). */
  checkpoints: { file: string; seq: number; hash: string; time: string; keyId: string }[];
  audit: { id: number; at: string; auditId: string; period: { from: string; to: string } } | null;
  /** Every file except `manifest.json` and `SHA256SUMS` themselves, sorted by path. */
  files: PackageFile[];
  /** Artifacts in the ledger whose bytes are not kept (prompt and trace content): hash only. */
  hashOnlyArtifacts: string[];
}

type Entry = { path: string; sha256: string; size: number } & ({ data: Buffer } | { file: string });

const json = (v: unknown) => Buffer.from(`${JSON.stringify(v, null, 2)}\n`);
const hashOf = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const bytes = (path: string, data: Buffer): Entry => ({ path, data, sha256: hashOf(data), size: data.length });

const VERIFY = `How to verify this Fieldwork auditor package

1. Unzip it into an empty folder and change into that folder.
2. Check every file against its SHA-256:
     sha256sum -c SHA256SUMS            (Linux)
     shasum -a 256 -c SHA256SUMS        (macOS)
   Every line must say OK. SHA256SUMS also covers manifest.json, which lists the same hashes
   and sizes with the ledger head hash, the period and the Fieldwork version.
3. Each file under artifacts/ is named by its own SHA-256: it is the exact bytes collected.
   ledger.json chains them: hash = sha256(prev + canonical JSON of the entry without prev and
   hash, keys sorted, no whitespace); the first prev is 64 zeros and the last hash is the
   ledger head printed in manifest.json and in the evidence map.
4. Every exception in check-run.json and the evidence map cites an artifact hash, the source
   name and a locator (line number or JSON pointer) inside that artifact.
5. Entries written since record digests ("v": 2) carry recordsDigest: SHA-256 over the JSON of
   each record the artifact produced, one per line, in order. manifest.json's checkRun names
   the ledger head the check run read (ledgerHead) and the SHA-256 of its stored results.
6. checkpoints/ (when present) holds the signed ledger checkpoints the team committed. For each
   NAME.json, NAME.signed-body is the exact signed bytes and NAME.sig the ed25519 signature:
     openssl pkeyutl -verify -pubin -inkey checkpoints/public-key.pem -rawin \\
       -in checkpoints/NAME.signed-body -sigfile checkpoints/NAME.sig
   must print "Signature Verified Successfully" (OpenSSL 3), the key must be the one the team
   gave you separately, and the checkpoint's seq and hash must be an entry of ledger.json: a
   missing entry means the ledger was truncated or rolled back, another hash that its history
   was rewritten. With Fieldwork installed, \`fieldwork verify --checkpoint FILE\` does all of
   this against the team's store.
`;

/**
 * The workspace's signed checkpoints for the package: each file as committed, the exact bytes
 * it signs and the raw signature (so openssl can check it), and the trusted public key.
 */
function checkpointEntries(workspaceDir: string, checkpoints: WorkspaceCheckpoint[]): Entry[] {
  if (checkpoints.length === 0) return [];
  const out: Entry[] = [];
  const pub = join(workspaceDir, CHECKPOINT_DIR, PUBLIC_KEY_FILE);
  if (existsSync(pub)) out.push(bytes(`checkpoints/${PUBLIC_KEY_FILE}`, readFileSync(pub)));
  for (const c of checkpoints) {
    const base = c.name.replace(/\.json$/, '');
    out.push(
      bytes(`checkpoints/${c.name}`, readFileSync(join(workspaceDir, CHECKPOINT_DIR, c.name))),
      bytes(`checkpoints/${base}.signed-body`, c.signedBody),
      bytes(`checkpoints/${base}.sig`, Buffer.from(c.checkpoint.signature, 'base64')),
    );
  }
  return out;
}

/**
 * Writes `auditor-package-<from>-<to>.zip` into `outDir`: the evidence map in every format, the
 * latest mock audit (Markdown and JSON) when one is stored, the check run JSON, the OSCAL
 * assessment results, `ledger.json`, every artifact as `artifacts/<sha256>`, and
 * `manifest.json` + `SHA256SUMS` with the hash and size of each file.
 *
 * Deterministic: it reads stored runs only, entries are sorted and every timestamp is fixed
 * (the period end), so the same evidence gives a byte-identical zip. An artifact whose bytes
 * no longer match its hash stops the package (EVIDENCE_INTEGRITY).
 */
export async function writeAuditorPackage(ws: LoadedWorkspace, store: FieldworkStore, outDir = join(ws.dir, 'reports'), o: { oscal?: { checkRunId: number; bytes: Buffer } } = {}): Promise<{ file: string; manifest: PackageManifest }> {
  const latest = await store.latestRun<unknown>('check');
  if (!latest) throw new FieldworkError('USAGE', 'No check run is stored yet, so there is nothing to package.', { hint: 'Run `fieldwork check` (or `fieldwork audit`) first.' });
  // The map is stamped with the check run's time, not the clock, so it renders the same bytes.
  const b = await loadEvidenceBundle(ws, store, new Date(latest.createdAt));
  const check = b.check!;
  const { period } = check.run;
  const entries: Entry[] = [
    bytes('evidence-map.md', Buffer.from(evidenceMapMarkdown(b.map))),
    bytes('evidence-map.csv', Buffer.from(evidenceMapCsv(b.map))),
    bytes('evidence-map.html', Buffer.from(evidenceMapHtml(b))),
    bytes('evidence-map.xlsx', await evidenceMapXlsx(b)),
    bytes('check-run.json', json(checkRunJson(check.run, check.controls))),
    // The same check run, ledger and checkpoints give the same document: `report --oscal` passes the bytes it wrote.
    bytes('oscal-assessment-results.json', o.oscal?.checkRunId === check.id ? o.oscal.bytes : json(oscalAssessmentResults(b))),
    bytes('ledger.json', json({ head: b.ledgerHead, entries: b.ledger })),
    bytes('VERIFY.txt', Buffer.from(VERIFY)),
    ...checkpointEntries(ws.dir, b.checkpoints),
  ];
  const audit = await store.latestRun<AuditReport>('audit');
  // A run stored by an earlier version lacks the units and rules the report prints: `fieldwork audit` re-creates it.
  if (audit && 'remediation' in audit.data) {
    const base = `mock-audit-${audit.data.period.from}-${audit.data.period.to}`;
    entries.push(bytes(`${base}.md`, Buffer.from(mockAuditMarkdown(audit.data, ws.config.organization))), bytes(`${base}.json`, json(auditJson(audit.data))));
  }
  const hashOnly: string[] = [];
  for (const sha of [...new Set(b.ledger.map((e) => e.artifact))].sort()) {
    // Prompt and trace content is kept by hash only; the auditor asks the owner for those files.
    if (!(await store.isRetained(sha))) hashOnly.push(sha);
    else entries.push(await artifactEntry(store, sha));
  }
  entries.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));

  const manifest: PackageManifest = {
    format: 'fieldwork-auditor-package/1', fieldworkVersion: fieldworkVersion(), organization: ws.config.organization, timezone: ws.config.timezone,
    period, ledger: { head: b.ledgerHead, entries: b.ledger.length }, checkRun: { id: check.id, at: check.createdAt, ledgerHead: check.ledgerHead, resultsDigest: check.resultsDigest },
    checkpoints: b.checkpoints.map((c) => ({ file: `checkpoints/${c.name}`, seq: c.checkpoint.seq, hash: c.checkpoint.hash, time: c.checkpoint.time, keyId: c.checkpoint.keyId })),
    audit: audit ? { id: audit.id, at: audit.createdAt, auditId: audit.data.auditId, period: audit.data.period } : null,
    files: entries.map(({ path, sha256, size }) => ({ path, sha256, size })),
    hashOnlyArtifacts: hashOnly,
  };
  const manifestEntry = bytes('manifest.json', json(manifest));
  const sums = bytes('SHA256SUMS', Buffer.from([...entries, manifestEntry].map((e) => `${e.sha256}  ${e.path}\n`).join('')));

  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `auditor-package-${period.from}-${period.to}.zip`);
  assertWritableTarget(file, outDir);
  const tmp = `${file}.tmp-${process.pid}`;
  rmSync(tmp, { force: true }); // a leftover of a killed run; rm removes a link itself, never its target
  // Local calendar fields of the period end: DOS zip times carry no timezone, so every machine writes the same bytes.
  const options = { mtime: localCalendarDate(period.to), mode: 0o100644, forceDosTimestamp: true };
  const zip = new yazl.ZipFile();
  for (const e of [manifestEntry, sums, ...entries]) {
    if ('data' in e) zip.addBuffer(e.data, e.path, options);
    else zip.addFile(e.file, e.path, options);
  }
  zip.end();
  try {
    const out = createWriteStream(tmp, { flags: 'wx' });
    // yazl reports a failed input file on the ZipFile, not on its output stream.
    zip.on('error', (err: Error) => out.destroy(err));
    await pipeline(zip.outputStream, out);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return { file, manifest };
}

/** An artifact from the blob store, re-hashed: the package must carry exactly the ledgered bytes. */
async function artifactEntry(store: FieldworkStore, sha: string): Promise<Entry> {
  const path = `artifacts/${sha}`;
  const onDisk = store.blobs.pathOf(sha);
  let entry: Entry;
  if (onDisk && (await store.blobs.has(sha))) {
    const { sha256, size } = await sha256File(onDisk);
    entry = { path, file: onDisk, sha256, size };
  } else {
    const data = await store.blobs.read(sha);
    if (!data) throw new FieldworkError('EVIDENCE_INTEGRITY', `Artifact ${sha} is in the ledger but missing from the blob store.`, { hint: 'Run `fieldwork verify` to see every broken entry.' });
    entry = bytes(path, data);
  }
  if (entry.sha256 !== sha) throw new FieldworkError('EVIDENCE_INTEGRITY', `Artifact ${sha} no longer matches its hash (its bytes hash to ${entry.sha256}).`, { hint: 'Run `fieldwork verify`; the package is not written while the evidence is broken.' });
  return entry;
}
