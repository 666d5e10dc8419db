import type { AiSystemRegister, ControlResult } from '@fieldwork/core';
import { Cite, Layout, Status, when } from './layout.js';
import type { Frame } from './layout.js';

export interface AiRegisterData {
  frame: Frame;
  register: AiSystemRegister;
  /** The stored result of the register's control (AGT-22), when a check run has one. */
  result?: ControlResult;
  checkRunAt?: string;
}

/**
 * The AI system register: what production actually runs — models and providers from traces,
 * held against declared model changes and the vendor list — with agents and each tool's
 * autonomy and human oversight, and the register check's exceptions from the latest run.
 */
export function AiRegisterPage(d: AiRegisterData) {
  const r = d.register;
  const undeclared = r.models.filter((m) => !m.declaredBy).length;
  const unreviewed = r.providers.filter((p) => !p.reviewed).length;
  return (
    <Layout frame={d.frame} title="AI system register">
      <h1>AI system register</h1>
      <p>Derived from the collected evidence for {r.period.from} to {r.period.to}; production is {r.productionEnvironments.join(', ')}. {r.models.length} model(s) in production (<span class={undeclared ? 'bad' : 'ok'}>{undeclared} not declared</span>), {r.providers.length} provider(s) (<span class={unreviewed ? 'bad' : 'ok'}>{unreviewed} not a reviewed vendor</span>), {r.agents.length} agent(s), {r.tools.length} tool(s).</p>
      {d.result ? (
        <p>Check <a href={`/controls/${d.result.control}`}>{d.result.control}</a> in the run of {when(d.checkRunAt)}: <Status status={d.result.status} />, {d.result.exceptions.length} exception(s).</p>
      ) : <p class="muted">No check run includes the register control yet: the register below is the evidence; run a check for the verdict.</p>}

      <h2>Models in production</h2>
      <table>
        <thead><tr><th>Service</th><th>Model</th><th>Provider</th><th>Calls</th><th>First seen</th><th>Last seen</th><th>Declared by</th></tr></thead>
        <tbody>
          {r.models.map((m) => (
            <tr>
              <td>{m.service}</td>
              <td>{m.model}{m.requestedModels.length && !m.requestedModels.includes(m.model) ? <span class="muted"> (requested {m.requestedModels.join(', ')})</span> : null}</td>
              <td>{m.provider ?? '—'}</td>
              <td>{m.calls}</td>
              <td><Cite citation={m.citation} /> {when(m.firstSeenAt)}</td>
              <td>{when(m.lastSeenAt)}</td>
              <td>{m.declaredBy ? <><Cite citation={m.declaredBy.citation} /> {m.declaredBy.id}</> : <b class="bad">not declared</b>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.nonProductionModels.length ? (
        <>
          <h3>Seen only outside production (not tested)</h3>
          <ul>{r.nonProductionModels.map((m) => <li>{m.model} <span class="muted">{m.service} in {m.environments.join(', ')}, {m.calls} call(s)</span></li>)}</ul>
        </>
      ) : null}

      <h2>Model providers</h2>
      <table>
        <thead><tr><th>Provider</th><th>Models</th><th>Vendor</th><th>Latest review</th><th>Reviewed</th></tr></thead>
        <tbody>
          {r.providers.map((p) => (
            <tr>
              <td>{p.provider}</td>
              <td>{p.models.join(', ')}</td>
              <td>{p.vendor ? <>{p.vendor.name} <span class="muted">({p.vendor.criticality}{p.vendor.subservice ? ', subservice' : ''})</span></> : <b class="bad">not in the vendor list</b>}</td>
              <td>{p.latestReview ? <>{p.latestReview.at}{p.latestReview.reviewer ? ` by ${p.latestReview.reviewer}` : ''}</> : '—'}</td>
              <td class={p.reviewed ? 'ok' : 'bad'}>{p.reviewed ? 'yes' : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Agents</h2>
      {r.agents.length ? <ul>{r.agents.map((a) => <li><b>{a.agent}</b> <span class="muted">{a.services.join(', ')}</span>: {a.runs} run(s); tools {a.tools.join(', ') || 'none seen'}</li>)}</ul> : <p class="muted">No agent seen in production traces.</p>}

      <h2>Tools</h2>
      <table>
        <thead><tr><th>Tool</th><th>Declared</th><th>Autonomy</th><th>Human oversight</th><th>Identity</th><th>Risk</th><th>Production calls (approved)</th></tr></thead>
        <tbody>
          {r.tools.map((t) => (
            <tr>
              <td>{t.tool}</td>
              <td class={t.declared ? '' : 'bad'}>{t.declared ? 'yes' : 'no'}</td>
              <td>{t.autonomy ?? <span class="muted">not declared</span>}</td>
              <td>{t.oversight ? <>{t.oversight}{t.approvalThreshold ? <span class="muted"> ({t.approvalThreshold.argument} &gt; {t.approvalThreshold.above})</span> : null}</> : <span class="muted">not declared</span>}</td>
              <td>{t.identity ?? '—'}</td>
              <td>{t.risk ?? '—'}</td>
              <td>{t.productionCalls} ({t.approvedCalls})</td>
            </tr>
          ))}
        </tbody>
      </table>

      {r.gaps.length ? (<><h2>What the evidence cannot show</h2><ul>{r.gaps.map((g) => <li class="warn">{g}</li>)}</ul></>) : null}
      {d.result?.exceptions.length ? (
        <>
          <h2>Exceptions</h2>
          <ul>{d.result.exceptions.map((e) => <li><code>{e.rule}</code> <b>{e.subject}</b> — {e.detail} {e.citations[0] ? <Cite citation={e.citations[0]} /> : null}</li>)}</ul>
        </>
      ) : null}
    </Layout>
  );
}
