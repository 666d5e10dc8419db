import type { JobHistoryPage, ScheduledJob } from '../../schedule/index.js';
import { Layout, when } from './layout.js';
import type { Frame } from './layout.js';

/** One line saying what a run did, from its output. */
function outcome(output: unknown, error: string | null): string {
  if (error) return error;
  const o = output as Record<string, unknown> | null;
  if (!o || typeof o !== 'object') return '';
  if (Array.isArray(o.collected)) return `${o.collected.length} collected, ${(o.unchanged as unknown[]).length} unchanged, ${(o.failed as unknown[]).length} failed`;
  const s = o.summary as Record<string, number> | undefined;
  if (s) return `check run #${String(o.runId)}: ${s.pass} pass, ${s.exception} with exceptions, ${s.insufficient_evidence} insufficient evidence`;
  if (typeof o.skipped === 'string') return o.skipped;
  return '';
}

/** The schedule from fieldwork.yaml and the scheduled runs, newest first, a page at a time. */
export function JobsPage(d: { frame: Frame; schedule: ScheduledJob[]; page: JobHistoryPage; now: Date }) {
  return (
    <Layout frame={d.frame} title="Scheduled runs">
      <h1>Scheduled runs</h1>
      {d.schedule.length === 0 ? (
        <p class="muted">No schedule: add <code>schedule.jobs</code> to fieldwork.yaml (see docs/continuous-operation.md).</p>
      ) : (
        <table>
          <thead><tr><th>Name</th><th>Job</th><th>Cron</th><th>Timezone</th><th>Next run</th></tr></thead>
          <tbody>
            {d.schedule.map((j) => (
              <tr><td>{j.name}</td><td><code>{j.job}</code>{j.sources ? ` (${j.sources.join(', ')})` : ''}</td><td class="mono">{j.cron}</td><td>{j.timezone}</td><td>{when(j.nextRun(d.now)?.toISOString())}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <p>Runs via <b>{d.page.via}</b>, newest first · <a href="/api/jobs">JSON</a></p>
      <table>
        <thead><tr><th>Tick</th><th>Job</th><th>State</th><th>Attempts</th><th>Started</th><th>Finished</th><th>Ran by</th><th>Outcome</th></tr></thead>
        <tbody>
          {d.page.jobs.map((j) => (
            <tr>
              <td>{when(j.tick)}</td>
              <td>{j.job}</td>
              <td class={j.state === 'completed' ? 'ok' : j.state === 'failed' || j.state === 'interrupted' ? 'bad' : undefined}>{j.state}</td>
              <td>{j.attempts}{j.retries ? ` (${j.retries} retried)` : ''}</td>
              <td>{when(j.startedAt)}</td>
              <td>{when(j.finishedAt)}</td>
              <td class="mono">{j.ranBy ?? '—'}</td>
              <td>{outcome(j.output, j.error)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {d.page.jobs.length === 0 ? <p class="muted">No scheduled run yet.</p> : null}
      {d.page.next ? <p><a href={`/jobs?before=${encodeURIComponent(d.page.next)}`}>Older runs</a></p> : null}
    </Layout>
  );
}
