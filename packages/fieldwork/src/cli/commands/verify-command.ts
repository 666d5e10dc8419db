import type { Command } from 'commander';
import { rederiveRecords, snapshotKindsFor } from '../../collectors/index.js';
import { loadTrustedKey, readCheckpointFiles, workspaceCheckpointFiles } from '../../evidence/index.js';
import type { VerifyProblem } from '../../evidence/index.js';
import { withWorkspace } from '../context.js';
import type { GlobalOptions } from '../context.js';
import { dim, green, out, printJson, red, yellow } from '../output.js';

interface VerifyFlags {
  checkpoint?: string[];
  publicKey?: string;
  workspaceCheckpoints: boolean;
  repair?: boolean;
  wait?: boolean;
}

/** `entry: #5` (the wording scripts already match), `run: #3` or `ledger head: #0`. */
function where(p: VerifyProblem): string {
  // Checkpoint details name their file themselves.
  if (p.run !== undefined && !p.checkpoint) return `run: #${p.run}`;
  return p.seq === 0 ? 'ledger head: #0' : `entry: #${p.seq}`;
}

export function registerVerify(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  program
    .command('verify')
    .description('recompute every blob, the ledger chain, record digests and stored runs, and check signed checkpoints; exit 4 naming the first broken thing')
    .option('--checkpoint <files...>', 'signed checkpoint file(s) to check the ledger against (besides checkpoints/*.json in the workspace)')
    .option('--public-key <file>', 'the trusted checkpoint public key (default: checkpoints/public-key.pem in the workspace)')
    .option('--no-workspace-checkpoints', 'ignore checkpoints/*.json in the workspace')
    .option('--repair', 'after verifying, remove blobs no entry names and staged copies of killed collections (under the collection lock)')
    .option('--wait', 'with --repair: wait for a running collection instead of refusing')
    .action(async (flags: VerifyFlags) => {
      const g = globals();
      await withWorkspace(g, async ({ ws, store }) => {
        const files = [...(flags.workspaceCheckpoints ? workspaceCheckpointFiles(ws.dir) : []), ...(flags.checkpoint ?? [])];
        const checkpoints = files.length ? readCheckpointFiles(files, loadTrustedKey(ws.dir, flags.publicKey), ws.dir) : [];
        const r = await store.verify({ checkpoints, rederive: rederiveRecords(ws, store), snapshotKindsFor });
        const repaired = flags.repair ? await store.collectGarbage({ wait: !!flags.wait }) : undefined;
        if (!r.ok) setExit(4);
        if (g.json) return printJson({ ...r, ...(repaired ? { repaired } : {}) });
        if (r.ok) {
          out(`${green('ok')} ${r.entries} ledger entries, ${r.blobsChecked} artifacts verified${r.hashOnly ? ` (${r.hashOnly} more kept by hash only: prompt and trace content is not stored)` : ''}; head ${r.headHash ?? '(empty)'}`);
          out(dim(`   ${r.recordsChecked} records match their entries' digests${r.legacyEntries ? ` (${r.legacyEntries} older entries checked by record count only)` : ''}; ${r.runsChecked} stored runs match their results and the heads they read${r.legacyRuns ? ` (${r.legacyRuns} older runs carry no commitment)` : ''}; ${r.checkpointsChecked} signed checkpoint(s) agree`));
          if (r.checkpointsChecked === 0) out(dim('   no signed checkpoint given: rollback, truncation and a re-chained history are detected only against checkpoints (fieldwork checkpoint)'));
        } else {
          const first = r.problems[0];
          out(`${red('BROKEN')} first broken ${where(first)} — ${first.detail}`);
          for (const p of r.problems.slice(1, 10)) out(dim(`  also ${where(p)} ${p.kind}: ${p.detail}`));
          if (r.problems.length > 10) out(dim(`  … and ${r.problems.length - 10} more (--json lists them all)`));
        }
        if (repaired) out(`repaired: removed ${repaired.blobs.length} orphan blob(s) and ${repaired.staged} staged file(s)`);
        else if (r.orphans.length) out(yellow(`${r.orphans.length} blob(s) not named by any ledger entry (left by a failed or killed collection; harmless; \`fieldwork verify --repair\` removes them).`));
      });
    });
}
