import type { NinetyDayPlan } from '@fieldwork/core';
import { Layout } from './layout.js';
import type { Frame } from './layout.js';

const LABEL: Record<string, string> = { done: 'done', in_progress: 'in progress', open: 'open', manual: 'attest' };
const CLASS: Record<string, string> = { done: 'ok', in_progress: 'warn', open: '', manual: 'muted' };
const DAYS = ['', '1–15', '16–45', '46–75', '76–90'];

/** The 90-day readiness plan, with each task's status taken from the latest check run. */
export function PlanPage(d: { frame: Frame; plan: NinetyDayPlan }) {
  const p = d.plan;
  return (
    <Layout frame={d.frame} title="90-day plan">
      <h1>90-day plan</h1>
      <p>From {p.start} (today {p.today}): {p.summary.done} done, {p.summary.open} open, <span class={p.summary.overdue ? 'bad' : ''}>{p.summary.overdue} overdue</span>.</p>
      {p.phases.map((ph) => (
        <>
          <h2>Days {DAYS[ph.phase] ?? ph.phase}: {ph.title} <span class="muted">{ph.from} → {ph.to}</span></h2>
          <table>
            <thead><tr><th>Status</th><th>Task</th><th>Owner</th><th>Due</th><th>Why</th></tr></thead>
            <tbody>
              {p.tasks.filter((t) => t.phase === ph.phase).map((t) => (
                <tr>
                  <td class={CLASS[t.status]}>{LABEL[t.status] ?? t.status}{t.overdue ? <b class="bad"> overdue</b> : null}</td>
                  <td>{t.title}</td>
                  <td>{t.owner}</td>
                  <td>{t.due}</td>
                  <td class="muted">{t.why}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ))}
    </Layout>
  );
}
