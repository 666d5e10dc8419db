import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FieldworkError } from '@fieldwork/core';
import { checkpointSignatureProblem, keyIdOf, parseCheckpoint, signCheckpoint } from './checkpoint.js';
import type { Checkpoint } from './checkpoint.js';
import { GENESIS } from './ledger.js';
import type { LedgerHead } from './ledger.js';
import type { CheckpointInput } from './verify-evidence.js';
import { createPrivateKey, createPublicKey } from 'node:crypto';

/** The workspace folder the team commits: signed checkpoints and the trusted public key. */
export const CHECKPOINT_DIR = 'checkpoints';
/** The trusted public key, beside the checkpoints. */
export const PUBLIC_KEY_FILE = 'public-key.pem';

/**
 * The signing key, from `--key FILE`, `FIELDWORK_CHECKPOINT_KEY` (the PEM text) or
 * `FIELDWORK_CHECKPOINT_KEY_FILE` — never from the database it vouches for.
 */
export function loadSigningKey(o: { keyFile?: string; env?: NodeJS.ProcessEnv }): string {
  const env = o.env ?? process.env;
  const file = o.keyFile ?? env.FIELDWORK_CHECKPOINT_KEY_FILE;
  if (file) {
    if (!existsSync(file)) throw new FieldworkError('CONFIG_NOT_FOUND', `The checkpoint signing key ${file} does not exist.`, { where: { file }, hint: 'Create one with `fieldwork checkpoint keygen FILE` and keep it outside the workspace.' });
    return readFileSync(file, 'utf8');
  }
  if (env.FIELDWORK_CHECKPOINT_KEY) return env.FIELDWORK_CHECKPOINT_KEY.replace(/\\n/g, '\n');
  throw new FieldworkError('USAGE', 'No checkpoint signing key: pass --key FILE or set FIELDWORK_CHECKPOINT_KEY (PEM) or FIELDWORK_CHECKPOINT_KEY_FILE.', {
    hint: 'Create a key once with `fieldwork checkpoint keygen ~/.fieldwork-checkpoint.pem`; keep it out of the workspace and the database.',
  });
}

/** The trusted public key (PEM): `--public-key FILE`, else `checkpoints/public-key.pem` in the workspace; undefined when neither exists. */
export function loadTrustedKey(workspaceDir: string, file?: string): string | undefined {
  const p = file ?? join(workspaceDir, CHECKPOINT_DIR, PUBLIC_KEY_FILE);
  if (!existsSync(p)) {
    if (file) throw new FieldworkError('CONFIG_NOT_FOUND', `The public key ${file} does not exist.`, { where: { file }, hint: 'Pass the public-key.pem the team committed beside its checkpoints.' });
    return undefined;
  }
  return readFileSync(p, 'utf8');
}

/** Every `checkpoints/*.json` of the workspace. */
export function workspaceCheckpointFiles(workspaceDir: string): string[] {
  const dir = join(workspaceDir, CHECKPOINT_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => n.endsWith('.json')).sort().map((n) => join(dir, n));
}

/** Reads checkpoint files and checks each signature under the trusted key. */
export function readCheckpointFiles(files: string[], trustedKeyPem: string | undefined, baseDir: string): CheckpointInput[] {
  return files.map((f) => {
    const name = relative(baseDir, f) || f;
    if (!existsSync(f)) throw new FieldworkError('INPUT_NOT_FOUND', `The checkpoint ${name} does not exist.`, { where: { file: name }, hint: 'Pass a file `fieldwork checkpoint` wrote.' });
    const checkpoint = parseCheckpoint(readFileSync(f, 'utf8'), name);
    if (!trustedKeyPem) return { file: name, checkpoint, signatureOk: false, reason: `no trusted public key to check it with (put the team's key in ${CHECKPOINT_DIR}/${PUBLIC_KEY_FILE} or pass --public-key)` };
    const reason = checkpointSignatureProblem(checkpoint, trustedKeyPem);
    return { file: name, checkpoint, signatureOk: !reason, ...(reason ? { reason } : {}) };
  });
}

/**
 * Signs the current heads and writes `checkpoints/<time>-<seq>.json` (or `out`). The first
 * checkpoint of a workspace also writes `checkpoints/public-key.pem`; later ones must be signed
 * by that key.
 */
export function writeCheckpoint(workspaceDir: string, head: LedgerHead | undefined, runs: { id: number; hash: string } | undefined, keyPem: string, o: { out?: string; now?: Date } = {}): { file: string; checkpoint: Checkpoint; wrotePublicKey: boolean } {
  const time = (o.now ?? new Date()).toISOString();
  const checkpoint = signCheckpoint({ v: 1, seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS, time, runs: runs ?? null }, keyPem);
  const dir = join(workspaceDir, CHECKPOINT_DIR);
  mkdirSync(dir, { recursive: true });
  const pubFile = join(dir, PUBLIC_KEY_FILE);
  let wrotePublicKey = false;
  if (existsSync(pubFile)) {
    const trusted = keyIdOf(createPublicKey(readFileSync(pubFile, 'utf8')));
    if (trusted !== checkpoint.keyId) {
      throw new FieldworkError('CONFIG_INVALID', `This key (${checkpoint.keyId.slice(0, 12)}…) is not the workspace's checkpoint key (${trusted.slice(0, 12)}…, ${CHECKPOINT_DIR}/${PUBLIC_KEY_FILE}).`, {
        hint: 'Sign with the team\'s key. To rotate keys, commit the new public key in a reviewed change and keep the old checkpoints with the old key\'s file.',
      });
    }
  } else {
    writeFileSync(pubFile, createPublicKey(createPrivateKey(keyPem)).export({ type: 'spki', format: 'pem' }).toString());
    wrotePublicKey = true;
  }
  const file = o.out ?? join(dir, `${time.replace(/[:.]/g, '-')}-${String(checkpoint.seq).padStart(6, '0')}.json`);
  writeFileSync(file, `${JSON.stringify(checkpoint, null, 2)}\n`, { flag: o.out ? 'w' : 'wx' });
  return { file, checkpoint, wrotePublicKey };
}
