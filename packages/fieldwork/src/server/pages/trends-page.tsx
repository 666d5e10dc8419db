import type { StatusCounts, Trend, TrendFacets, TrendFilter } from '@fieldwork/core/history';
import { isFiltered, queryOf } from '../trend-query.js';
import { ControlFilters } from './control-filters.js';
import { Layout, Status } from './layout.js';
import type { Frame } from './layout.js';
import { StatusStrip, TrendChart } from './trend-chart.js';
import type { ChartSeries } from './trend-chart.js';

export interface TrendsData {
  frame: Frame;
  trend: Trend;
  facets: TrendFacets;
  filter: TrendFilter;
  /** How many of the latest runs were asked for; set when not the default. */
  runs?: number;
  /** A role with the person holding it, for the owner filter. */
  ownerName: (role: string) => string;
  /** Our paraphrase of a criterion, when known. */
  criterionText: (id: string) => string | undefined;
}

const STATUS_SERIES = [
  ['pass', 'Passing'], ['exception', 'With exceptions'], ['insufficient_evidence', 'Insufficient evidence'], ['not_tested', 'Not tested (manual)'],
] as const;

const statusSeries = (counts: (StatusCounts | null)[]): ChartSeries[] =>
  STATUS_SERIES.map(([key, label]) => ({ key, label, values: counts.map((c) => (c ? c[key] : null)) }));

function describeFilter(f: TrendFilter, ownerName: (r: string) => string): string {
  const parts = [
    f.q ? `matching “${f.q}”` : '', f.category ? `in category ${f.category}` : '', f.owner ? `owned by ${ownerName(f.owner)}` : '',
    f.status ? `whose latest status is ${f.status.replace(/_/g, ' ')}` : '', f.criterion ? `mapped to ${f.criterion}` : '',
  ].filter(Boolean);
  return parts.length ? `Controls ${parts.join(', ')}` : 'All controls in scope';
}

/**
 * Readiness over time from the stored check runs: controls by status, exceptions opened and
 * closed, overdue evidence requests (when the runs record them), per category and per criterion,
 * for the controls the filters and the search select. Charts are SVG drawn here; no script.
 */
export function TrendsPage(d: TrendsData) {
  const t = d.trend;
  const labels = t.points.map((p) => p.asOf);
  const names = t.points.map((p) => `${p.asOf} (run #${p.runId})`);
  const scope = describeFilter(d.filter, d.ownerName);
  const last = t.points.at(-1);
  const link = (change: Parameters<typeof queryOf>[1]) => `/trends${queryOf({ ...d.filter, runs: d.runs }, change)}`;
  return (
    <Layout frame={d.frame} title="Trends">
      <h1>Readiness over time</h1>
      <ControlFilters action="/trends" filter={d.filter} facets={d.facets} ownerName={d.ownerName} criterion runs={d.runs} />
      {t.points.length === 0 ? (
        <p class="notice">No check run stored yet: the history starts with the first <code>fieldwork check</code>.</p>
      ) : (
        <>
          <p class="muted" data-summary>
            {scope}: {t.controls.length} control(s) over {t.points.length} check run(s), evidence dates {labels[0]} to {labels.at(-1)}.
            {last ? ` In the latest run: ${last.counts.pass} passing, ${last.counts.exception} with exceptions (${last.open} open), ${last.counts.insufficient_evidence} with insufficient evidence.` : ''}
          </p>
          {t.controls.length === 0 && isFiltered(d.filter) ? <p class="notice" role="status">No control matches these filters. <a href="/trends">Clear them</a>.</p> : null}
          <h2>Controls by status</h2>
          <TrendChart id="status" title="Controls by status, run by run" stacked labels={labels} names={names}
            desc={`${scope}. Stacked areas: how many controls passed, had exceptions, lacked evidence or were not tested in each of ${t.points.length} check runs.`}
            series={statusSeries(t.points.map((p) => p.counts))} />
          <h2>Exceptions opened and closed</h2>
          <TrendChart id="exceptions" title="Exceptions opened and closed, run by run" labels={labels} names={names}
            desc={`${scope}. Lines: exceptions open in each run, exceptions new since the run before (the first run counts all of its own), and exceptions the run before had that are gone.`}
            series={[
              { key: 'open', label: 'Open', values: t.points.map((p) => p.open) },
              { key: 'opened', label: 'Opened', values: t.points.map((p) => p.opened) },
              { key: 'closed', label: 'Closed', values: t.points.map((p) => p.closed) },
            ]} />
          <h2>Evidence requests overdue</h2>
          {t.hasRequests ? (
            <TrendChart id="requests" title="Evidence requests overdue, run by run" labels={labels} names={names}
              desc={`${scope}. Line: evidence requests past their due date at each run's evidence date; runs stored before requests were tracked have no count and leave a gap.`}
              series={[{ key: 'overdue', label: 'Overdue requests', values: t.points.map((p) => p.counts.requestsOverdue ?? null) }]} />
          ) : (
            <p class="muted" data-missing="requests">Not charted: none of the runs shown records overdue evidence requests, and a missing count is not zero.</p>
          )}
          <h2>By category</h2>
          <div class="multiples">
            {t.byCategory.map((g) => (
              <section class="multiple" data-category={g.key}>
                <h3><a href={link({ category: g.key })}>{g.key.replace(/_/g, ' ')}</a></h3>
                <TrendChart id={`category-${g.key}`} size="small" stacked title={`Category ${g.key}: controls by status`} labels={labels} names={names}
                  desc={`Controls of the ${g.key} category by status in each run; in the latest: ${g.counts.at(-1)?.pass ?? 0} of ${g.counts.at(-1)?.controls ?? 0} passing.`}
                  series={statusSeries(g.counts)} />
              </section>
            ))}
          </div>
          <h2>By Trust Services Criterion</h2>
          <table class="criteria">
            <thead><tr><th>Criterion</th><th>What it asks, in our words</th><th>Controls</th><th>Latest run</th><th>Passing and with exceptions, run by run</th></tr></thead>
            <tbody>
              {t.byCriterion.map((g) => {
                const latest = g.counts.at(-1);
                return (
                  <tr data-criterion={g.key}>
                    <td><a href={link({ criterion: g.key })}>{g.key}</a></td>
                    <td class="muted">{d.criterionText(g.key) ?? ''}</td>
                    <td>{latest?.controls ?? '—'}</td>
                    <td>{latest ? `${latest.pass} pass · ${latest.exception} exception · ${latest.insufficient_evidence} insufficient` : 'not in the latest run'}</td>
                    <td>
                      <TrendChart id={`criterion-${g.key}`} size="spark" title={`${g.key}: passing and with exceptions`} labels={labels} names={names}
                        desc={`Controls mapped to ${g.key}: passing and with exceptions in each run.`}
                        series={[{ key: 'pass', label: 'Passing', values: g.counts.map((c) => c?.pass ?? null) }, { key: 'exception', label: 'With exceptions', values: g.counts.map((c) => c?.exception ?? null) }]} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <h2>Controls</h2>
          <table class="controls">
            <thead><tr><th>Control</th><th>Title</th><th>Category</th><th>Owner</th><th>Run by run</th><th>Latest</th></tr></thead>
            <tbody>
              {t.controls.map((c) => (
                <tr data-control={c.id}>
                  <td><a href={`/controls/${encodeURIComponent(c.id)}`}>{c.id}</a></td>
                  <td>{c.title}</td>
                  <td>{c.category.replace(/_/g, ' ')}</td>
                  <td>{d.ownerName(c.ownerRole)}</td>
                  <td><StatusStrip control={c.id} labels={names} statuses={c.statuses} /></td>
                  <td>{c.statuses.at(-1) ? <Status status={c.statuses.at(-1) as string} /> : <span class="muted">not in the latest run</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Layout>
  );
}
