import type { Control, ControlAudit, ControlResult } from '@fieldwork/core';
import { Cite, Layout, Status, when } from './layout.js';
import type { Frame } from './layout.js';
import { StatusStrip } from './trend-chart.js';

export interface ControlData {
  frame: Frame;
  control: Control;
  result?: ControlResult;
  checkRun?: { id: number; createdAt: string };
  audit?: { id: number; createdAt: string; control: ControlAudit; note: string };
  /** Its status in each of the latest stored check runs (oldest evidence date first). */
  history?: { names: string[]; statuses: (string | null)[] };
}

function MockAudit(props: { a: NonNullable<ControlData['audit']> }) {
  const c = props.a.control;
  return (
    <>
      <h2>Mock audit (run #{props.a.id}, {when(props.a.createdAt)})</h2>
      <p><Status status={c.conclusion} />{c.classification !== 'none' ? ` · ${c.classification.replace('_', ' ')}` : ''} — {c.summary}</p>
      <p>Sample {c.sampleSize} of {c.population}{c.unit ? ` ${c.unit.plural}` : ''}{c.rule ? ` · rule ${c.rule}` : ''} · {c.sampleBasis}{c.seed ? <> · seed <code>{c.seed}</code></> : null}</p>
      <p class="muted">{props.a.note}</p>
      {c.sampled.length ? (
        <ol>
          {c.sampled.map((s) => (
            <li>
              <b>{s.subject}</b>{s.at ? ` (${when(s.at)})` : ''} — {s.deviations.length ? <span class="bad">deviation: {s.deviations.map((x) => x.rule).join(', ')}</span> : <span class="ok">no deviation</span>}
              <ol class="trace">
                {s.trace.map((t) => (
                  <li>{t.label}{t.at ? ` · ${when(t.at)}` : ''}{t.detail ? ` · ${t.detail}` : ''}{t.citation ? <> · <Cite citation={t.citation} /></> : null}</li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
      ) : <p class="muted">Nothing sampled.</p>}
    </>
  );
}

/** One control: what it is, its latest result with cited exceptions, and its mock-audit sample and trace. */
export function ControlPage(d: ControlData) {
  const { control: c, result: r } = d;
  return (
    <Layout frame={d.frame} title={c.id}>
      <h1>{c.id} {c.title}</h1>
      <p>{c.statement}</p>
      <p class="muted">Criteria {c.criteria.join(', ')} · {c.category} · {c.frequency.replace('_', ' ')} · owner role {c.ownerRole} · {c.check ? <>check <code>{c.check}</code></> : <>manual evidence (<a href={`/evidence?control=${encodeURIComponent(c.id)}`}>its requests</a>)</>}{c.owaspLlm.length ? ` · OWASP LLM ${c.owaspLlm.join(', ')}` : ''}</p>
      <h2>Latest result</h2>
      {r && d.checkRun ? (
        <>
          <p><Status status={r.status} /> · population {r.population} · check run #{d.checkRun.id} at {when(d.checkRun.createdAt)}</p>
          {r.populationQuery ? <p>Population: <span class="mono">{r.populationQuery}</span></p> : null}
          {r.notes.map((n) => <p class="muted">{n}</p>)}
          {r.error ? <p class="bad">The check failed: {r.error}</p> : null}
          {r.exceptions.length ? (
            <table>
              <thead><tr><th>Subject</th><th>Rule</th><th>Detail</th><th>At</th><th>Evidence</th></tr></thead>
              <tbody>
                {r.exceptions.map((e) => (
                  <tr>
                    <td>{e.subject}</td>
                    <td><code>{e.rule}</code></td>
                    <td>{e.detail}</td>
                    <td>{when(e.at)}</td>
                    <td>{e.citations.map((x) => <div><Cite citation={x} /></div>)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : <p class="muted">No exceptions.</p>}
        </>
      ) : <p class="muted">Not in the latest check run{d.checkRun ? '' : ' (no check run stored yet)'}.</p>}
      {d.history && d.history.statuses.length > 1 ? (
        <p data-history>History over {d.history.statuses.length} check runs ({d.history.names[0]} to {d.history.names.at(-1)}): <StatusStrip control={c.id} labels={d.history.names} statuses={d.history.statuses} /> · <a href={`/trends?q=${encodeURIComponent(c.id)}`}>trend</a></p>
      ) : null}
      {d.audit ? <MockAudit a={d.audit} /> : <p class="muted">No mock audit stored yet (<code>fieldwork audit</code>).</p>}
    </Layout>
  );
}
