import { snapshotKindsFor } from '../../collectors/index.js';
import { existsSync, writeFileSync } from 'node:fs';
import { FieldworkError } from '@fieldwork/core';
import type { Command } from 'commander';
import { generateCheckpointKey, loadSigningKey, writeCheckpoint } from '../../evidence/index.js';
import { withWorkspace } from '../context.js';
import type { GlobalOptions } from '../context.js';
import { dim, green, out, printJson } from '../output.js';

export function registerCheckpoint(program: Command, globals: () => GlobalOptions): void {
  const cmd = program
    .command('checkpoint')
    .description('sign the ledger head (ed25519) into checkpoints/ — a file the team commits, so verify detects rollback, truncation and a re-chained history')
    .option('--key <file>', 'the ed25519 private key (PEM); default FIELDWORK_CHECKPOINT_KEY or FIELDWORK_CHECKPOINT_KEY_FILE')
    .option('--out <file>', 'write the checkpoint here instead of checkpoints/<time>-<seq>.json')
    .action(async (flags: { key?: string; out?: string }) => {
      const g = globals();
      const key = loadSigningKey({ keyFile: flags.key });
      await withWorkspace(g, async ({ ws, store }) => {
        const v = await store.verify({ snapshotKindsFor });
        if (!v.ok) {
          throw new FieldworkError('EVIDENCE_INTEGRITY', `The store does not verify (${v.problems[0].kind} at entry #${v.problems[0].seq}), so its head is not signed.`, { hint: 'Run `fieldwork verify` and resolve the problem first: a checkpoint vouches for a good history.' });
        }
        const { file, checkpoint, wrotePublicKey } = writeCheckpoint(ws.dir, await store.head(), await store.runsHead(), key, { ...(flags.out ? { out: flags.out } : {}) });
        if (g.json) return printJson({ file, checkpoint, wrotePublicKey });
        out(`${green('signed')} entry ${checkpoint.seq} (${checkpoint.hash.slice(0, 16)}…)${checkpoint.runs ? ` and run ${checkpoint.runs.id}` : ''} at ${checkpoint.time} → ${file}`);
        if (wrotePublicKey) out(dim('wrote checkpoints/public-key.pem (the trusted key): commit it with the checkpoint.'));
        out(dim('Commit the checkpoint (git add checkpoints && git commit) so it lives outside the database.'));
      });
    });
  cmd
    .command('keygen <file>')
    .description('create an ed25519 signing key in FILE, mode 600 (keep it outside the workspace and the database)')
    .action((file: string) => {
      if (existsSync(file)) throw new FieldworkError('USAGE', `${file} already exists; not overwriting a key.`, { hint: 'Choose another file name.' });
      const k = generateCheckpointKey();
      writeFileSync(file, k.privateKeyPem, { mode: 0o600, flag: 'wx' });
      if (globals().json) return printJson({ file, keyId: k.keyId, publicKeyPem: k.publicKeyPem });
      out(`${green('created')} ${file} (key id ${k.keyId.slice(0, 16)}…). The first \`fieldwork checkpoint --key ${file}\` pins its public key in checkpoints/public-key.pem.`);
    });
}
