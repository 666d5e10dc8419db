import type { LedgerEntry, LedgerHead, VerifyResult } from '../../evidence/index.js';
import { Layout, when } from './layout.js';
import type { Frame } from './layout.js';

/** A page of the evidence ledger, newest entry first, each linking to its artifact's bytes. */
export function LedgerPage(d: { frame: Frame; entries: LedgerEntry[]; head?: LedgerHead; next: string | null; first: boolean }) {
  return (
    <Layout frame={d.frame} title="Ledger">
      <h1>Evidence ledger</h1>
      <p>{d.head ? d.head.seq : 0} entries, each hash-chained to the one before (<code>hash = sha256(prev ‖ canonical(entry))</code>). <a href="/ledger/verify">Verify the chain and every artifact</a> · <a href="/api/ledger">JSON</a></p>
      <table>
        <thead><tr><th>#</th><th>Collected</th><th>Source</th><th>Kind</th><th>Records</th><th>Artifact</th><th>Origin</th><th>Hash</th></tr></thead>
        <tbody>
          {d.entries.map((e) => (
            <tr>
              <td>{e.seq}</td>
              <td>{when(e.collectedAt)}</td>
              <td>{e.source}</td>
              <td><code>{e.kind}</code></td>
              <td>{e.recordCount}</td>
              <td><a class="mono" href={`/api/artifacts/${e.artifact}`} title={e.artifact}>{e.artifact.slice(0, 12)}…</a></td>
              <td class="mono">{e.origin}</td>
              <td class="mono" title={e.hash}>{e.hash.slice(0, 12)}…</td>
            </tr>
          ))}
        </tbody>
      </table>
      {d.next || !d.first ? <p>{d.first ? null : <><a href="/ledger">Newest entries</a>{d.next ? ' · ' : null}</>}{d.next ? <a href={`/ledger?cursor=${encodeURIComponent(d.next)}`}>Older entries</a> : null}</p> : null}
    </Layout>
  );
}

/** The result of `verify`, recomputed on request (read-only). */
export function VerifyPage(d: { frame: Frame; result: VerifyResult }) {
  const r = d.result;
  return (
    <Layout frame={d.frame} title="Verify">
      <h1>Verify the evidence</h1>
      {r.ok ? (
        <p class="ok">OK — {r.entries} ledger entries and {r.blobsChecked} artifacts recomputed; head <code>{r.headHash ?? '(empty)'}</code>.</p>
      ) : (
        <>
          <p class="bad">BROKEN — first broken entry #{r.problems[0]?.seq}: {r.problems[0]?.detail}</p>
          <table>
            <thead><tr><th>#</th><th>Problem</th><th>Detail</th></tr></thead>
            <tbody>{r.problems.map((p) => <tr><td>{p.seq}</td><td>{p.kind.replace(/_/g, ' ')}</td><td>{p.detail}</td></tr>)}</tbody>
          </table>
        </>
      )}
      {r.orphans.length ? <p class="muted">{r.orphans.length} blob(s) not named by any ledger entry (left by a failed collection; harmless).</p> : null}
      <p><a href="/ledger">Back to the ledger</a></p>
    </Layout>
  );
}
