import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { integrityWorkspace } from '../../testing/index.js';
import { runCli } from '../program.js';

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return { code: await runCli(args), stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('fieldwork checkpoint and verify --checkpoint', () => {
  it('signs the head into checkpoints/, and verify then catches entries deleted from the end', async () => {
    const iw = await integrityWorkspace('sqlite');
    try {
      const w = ['--workspace', iw.dir];
      const key = join(iw.dir, '..', 'team.pem');
      expect((await cli(['checkpoint', 'keygen', key])).code).toBe(0);
      expect((await cli(['checkpoint', 'keygen', key])).code).toBe(2);
      const none = await cli([...w, 'checkpoint']);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('No checkpoint signing key');
      iw.addRoster(1);
      iw.addRoster(2);
      expect((await cli([...w, 'collect'])).code).toBe(0);
      const signed = await cli([...w, '--json', 'checkpoint'], { FIELDWORK_CHECKPOINT_KEY: readFileSync(key, 'utf8') });
      expect(signed.code).toBe(0);
      const out = JSON.parse(signed.stdout) as { file: string; checkpoint: { seq: number }; wrotePublicKey: boolean };
      expect(out).toMatchObject({ checkpoint: { seq: 3 }, wrotePublicKey: true });
      expect(existsSync(join(iw.dir, 'checkpoints', 'public-key.pem'))).toBe(true);
      expect(readdirSync(join(iw.dir, 'checkpoints')).filter((f) => f.endsWith('.json'))).toHaveLength(1);
      // Another key may not sign for this workspace.
      const other = join(iw.dir, '..', 'other.pem');
      await cli(['checkpoint', 'keygen', other]);
      expect((await cli([...w, 'checkpoint', '--key', other])).code).toBe(2);

      const ok = await cli([...w, 'verify']);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain('1 signed checkpoint(s) agree');

      // Truncate: drop the last entry, its records, and move the head back.
      const store = await iw.open();
      const [last, prev] = (await store.ledger()).reverse();
      await store.db.deleteFrom('records').where('ledger_seq', '=', last!.seq).execute();
      await store.db.deleteFrom('ledger').where('seq', '=', last!.seq).execute();
      await store.db.updateTable('ledger_head').set({ seq: prev!.seq, hash: prev!.hash }).execute();
      await store.close();
      expect((await cli([...w, 'verify', '--no-workspace-checkpoints'])).code).toBe(0);
      const broken = await cli([...w, 'verify']);
      expect(broken.code).toBe(4);
      expect(broken.stdout).toMatch(/first broken entry: #3 — checkpoint checkpoints\/.* was signed when the ledger reached entry 3, but it now ends at 2/);
      // The checkpoint passed explicitly, checked against a key given explicitly, says the same.
      const explicit = await cli([...w, '--json', 'verify', '--no-workspace-checkpoints', '--checkpoint', out.file, '--public-key', join(iw.dir, 'checkpoints', 'public-key.pem')]);
      expect(explicit.code).toBe(4);
      expect((JSON.parse(explicit.stdout) as { problems: { kind: string }[] }).problems[0]!.kind).toBe('checkpoint_ahead');
      // Checked against another key, the checkpoint is not trusted: an integrity failure, named.
      const pub = join(iw.dir, '..', 'other.pub.pem');
      const { createPublicKey } = await import('node:crypto');
      (await import('node:fs')).writeFileSync(pub, createPublicKey(readFileSync(other, 'utf8')).export({ type: 'spki', format: 'pem' }).toString());
      const wrong = await cli([...w, '--json', 'verify', '--public-key', pub]);
      expect(wrong.code).toBe(4);
      expect((JSON.parse(wrong.stdout) as { problems: { kind: string; detail: string }[] }).problems.find((p) => p.kind === 'checkpoint_invalid')?.detail).toContain('not the trusted key');
    } finally {
      await iw.dispose();
    }
  });
});
