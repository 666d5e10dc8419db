import type { AuditReport, ControlResult } from '@fieldwork/core';
import type { TrendFacets, TrendFilter } from '@fieldwork/core/history';
import { isFiltered, queryOf } from '../trend-query.js';
import { ControlFilters } from './control-filters.js';
import type { LedgerEntry, LedgerHead } from '../../evidence/index.js';
import { Layout, Status, when } from './layout.js';
import type { Frame } from './layout.js';

export interface OverviewData {
  frame: Frame;
  /** Owners and admins see the action buttons; auditors do not. */
  canAct: boolean;
  notice?: string;
  check?: { id: number; createdAt: string; period: { from: string; to: string }; asOf: string; summary: Record<string, number>; results: ControlResult[] };
  audit?: { id: number; createdAt: string; overall: AuditReport['overall'] };
  sources: { name: string; kind: string; last: LedgerEntry | null }[];
  head?: LedgerHead;
  /** The control list's filters and search (the list holds only the results they keep). */
  filters?: { filter: TrendFilter; facets: TrendFacets; ownerName: (role: string) => string };
}

function Actions(props: { htmx: boolean }) {
  // Plain forms: they work without JavaScript; with htmx the button is disabled while the run lasts.
  const busy = props.htmx ? { 'hx-disabled-elt': 'find button' } : {};
  return (
    <div class="actions">
      <form method="post" action="/actions/collect" {...busy}><button type="submit" class="primary">Collect evidence now</button></form>
      <form method="post" action="/actions/check" {...busy}><button type="submit" class="primary">Run checks now</button></form>
    </div>
  );
}

/** The overview: summary counts, controls with exceptions first, sources, ledger head. */
export function OverviewPage(d: OverviewData) {
  const s = d.check?.summary;
  return (
    <Layout frame={d.frame} title="Overview">
      <h1>Readiness overview</h1>
      {d.notice ? <p class="notice" role="status">{d.notice}</p> : null}
      {d.check ? (
        <p class="muted">Period {d.check.period.from} to {d.check.period.to} · evidence as of {d.check.asOf} · check run #{d.check.id} at {when(d.check.createdAt)}</p>
      ) : (
        <p class="notice">No check run stored yet. Run <code>fieldwork check</code>{d.canAct ? ' or press “Run checks now”' : ''}.</p>
      )}
      {d.canAct ? <Actions htmx={d.frame.htmx} /> : null}
      {s ? (
        <div class="cards">
          <div class="card"><b>{s.controls}</b>controls in scope</div>
          <div class="card"><b class="bad">{s.exception}</b>with exceptions ({s.exceptions})</div>
          <div class="card"><b class="warn">{s.insufficient_evidence}</b>insufficient evidence</div>
          <div class="card"><b class="ok">{s.pass}</b>pass</div>
          <div class="card"><b>{s.not_tested}</b>not tested (manual)</div>
          {d.audit ? <div class="card"><b><Status status={d.audit.overall.conclusion === 'clean' ? 'effective' : d.audit.overall.conclusion === 'qualified' ? 'effective_with_exceptions' : 'not_effective'} /></b>mock audit: {d.audit.overall.conclusion.replace('_', ' ')}</div> : null}
        </div>
      ) : null}
      {d.check ? (
        <>
          <h2>Controls</h2>
          {d.filters ? <ControlFilters action="/" filter={d.filters.filter} facets={d.filters.facets} ownerName={d.filters.ownerName} /> : null}
          {d.filters && isFiltered(d.filters.filter) ? <p class="muted" role="status" data-shown={d.check.results.length}>{d.check.results.length} of {s?.controls ?? 0} controls match · <a href={`/trends${queryOf(d.filters.filter)}`}>their history</a></p> : null}
          <table class="controls">
            <thead><tr><th>Control</th><th>Title</th><th>Result</th><th>Population</th><th>Exceptions</th></tr></thead>
            <tbody>
              {d.check.results.map((r) => (
                <tr data-control={r.control}>
                  <td><a href={`/controls/${encodeURIComponent(r.control)}`}>{r.control}</a></td>
                  <td>{r.title}</td>
                  <td><Status status={r.status} /></td>
                  <td>{r.population}</td>
                  <td>{r.exceptions.length || ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <h2>Sources</h2>
      <table>
        <thead><tr><th>Source</th><th>Kind</th><th>Last collection</th><th>Records (last artifact)</th></tr></thead>
        <tbody>
          {d.sources.map((x) => (
            <tr>
              <td>{x.name}</td>
              <td><code>{x.kind}</code></td>
              <td>{x.last ? when(x.last.collectedAt) : <span class="warn">never collected</span>}</td>
              <td>{x.last ? x.last.recordCount : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Evidence ledger</h2>
      {d.head ? (
        <p>Head: entry #{d.head.seq}, hash <code>{d.head.hash}</code> · <a href="/ledger">all entries</a> · <a href="/ledger/verify">verify the chain</a></p>
      ) : <p class="muted">The ledger is empty: nothing collected yet.</p>}
    </Layout>
  );
}
