import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { canonicalJson, parseCheckpoint, workspaceCheckpointFiles } from '../evidence/index.js';
import type { Checkpoint } from '../evidence/index.js';

/** A signed checkpoint from the workspace's `checkpoints/` folder, for reports and the package. */
export interface WorkspaceCheckpoint {
  /** File name inside `checkpoints/`. */
  name: string;
  checkpoint: Checkpoint;
  /** The exact bytes that were signed (canonical JSON of the body), so openssl can check them. */
  signedBody: Buffer;
}

/**
 * The workspace's checkpoints, oldest first. Reports list them as found; `fieldwork verify`
 * is what checks their signatures and compares them with the ledger.
 */
export function workspaceCheckpoints(workspaceDir: string): WorkspaceCheckpoint[] {
  const out: WorkspaceCheckpoint[] = [];
  for (const file of workspaceCheckpointFiles(workspaceDir)) {
    let checkpoint: Checkpoint;
    try {
      checkpoint = parseCheckpoint(readFileSync(file, 'utf8'), file);
    } catch {
      // Not a checkpoint; `verify` names it. Reports list only what they can read.
      continue;
    }
    const { keyId: _k, signature: _s, ...body } = checkpoint;
    out.push({ name: basename(file), checkpoint, signedBody: Buffer.from(canonicalJson(body)) });
  }
  return out.sort((a, b) => a.checkpoint.seq - b.checkpoint.seq || (a.name < b.name ? -1 : 1));
}
