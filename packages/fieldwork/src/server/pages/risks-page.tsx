import type { ControlResult, RiskRecord, RisksSection } from '@fieldwork/core';
import { isAgentRisk, residualOf, riskLevel, riskScore } from '@fieldwork/core';
import { Cite, Layout } from './layout.js';
import type { Frame } from './layout.js';
import { RiskHeatMap } from './risk-heat-map.js';
import type { HeatMapView } from './risk-heat-map.js';

export interface RisksPageData {
  frame: Frame;
  risks: RiskRecord[];
  section: RisksSection;
  view: HeatMapView;
  /** Owners and admins may edit (auditors read). */
  canEdit: boolean;
  /** The register file as fieldwork.yaml names it, when there is one to write to. */
  registerPath?: string;
  /** Results of the risk controls in the latest check run, for each risk's findings. */
  results: ControlResult[];
  notice?: string;
}

function Rating(p: { rating: { likelihood: number; impact: number }; section: RisksSection; stated?: boolean }) {
  const lv = riskLevel(p.rating, p.section);
  return <span class={`hm-text-${lv}`}>{`${p.rating.likelihood}×${p.rating.impact} = ${riskScore(p.rating)} ${lv}`}{p.stated === false ? <span class="muted"> (none stated)</span> : null}</span>;
}

/** The risk register: the heat map (inherent or residual), and every risk with its treatment, links and findings. */
export function RisksPage(d: RisksPageData) {
  const findings = (id: string) => d.results.flatMap((r) => r.exceptions.filter((e) => e.subject === id).map((e) => ({ control: r.control, ...e })));
  const other: HeatMapView = d.view === 'residual' ? 'inherent' : 'residual';
  return (
    <Layout frame={d.frame} title="Risks">
      <h1>Risk register</h1>
      {d.notice ? <p class="notice" role="status">{d.notice}</p> : null}
      <p>
        {d.risks.length} risks on a {d.section.scale.likelihood} × {d.section.scale.impact} scale (medium from {d.section.levels.medium}, high from {d.section.levels.high});
        reviews every {d.section.reviewMonths} months unless a risk says otherwise.
        {d.registerPath ? <> Kept in <code>{d.registerPath}</code>.</> : null}
      </p>
      {d.risks.length === 0 ? (
        <p class="notice">No risks collected. Add a <code>risk-register-yaml</code> source (for example <code>risks.yaml</code>) to fieldwork.yaml and run collect; see docs/risk-register.md.</p>
      ) : (
        <>
          <p>Showing <b>{d.view}</b> ratings · <a href={`/risks?view=${other}`}>show {other}</a></p>
          <RiskHeatMap risks={d.risks} section={d.section} view={d.view} />
        </>
      )}
      {d.canEdit && d.registerPath ? <p class="actions"><a href="/risks/new">Add a risk</a></p> : null}
      {d.risks.length > 0 ? (
        <table>
          <thead><tr><th>Risk</th><th>Category</th><th>Owner</th><th>Inherent</th><th>Residual</th><th>Treatment</th><th>Controls</th><th>Reviewed</th><th>Findings</th>{d.canEdit && d.registerPath ? <th></th> : null}</tr></thead>
          <tbody>
            {d.risks.map((r) => {
              const t = r.treatment;
              const f = findings(r.id);
              return (
                <tr id={`risk-${r.id}`}>
                  <td><b>{r.id}</b> {r.title}<br /><span class="muted"><Cite citation={r} /></span></td>
                  <td>{r.category}{isAgentRisk(r) ? <span class="muted"> (agent)</span> : null}</td>
                  <td>{r.owner ?? '—'}</td>
                  <td><Rating rating={r.inherent} section={d.section} /></td>
                  <td><Rating rating={residualOf(r)} section={d.section} stated={r.residual !== undefined} /></td>
                  <td>{t ? `${t.type}${t.plan ? `: ${t.plan}` : ''}${t.owner ? ` · ${t.owner}` : ''}${t.due ? ` · by ${t.due}` : ''}${t.approvedBy ? ` · accepted by ${t.approvedBy}` : ''}` : <span class="muted">none</span>}</td>
                  <td>{r.controls.length ? r.controls.map((c, i) => <>{i ? ', ' : ''}<a href={`/controls/${encodeURIComponent(c)}`}>{c}</a></>) : <span class="muted">none</span>}</td>
                  <td>{r.reviewedOn ?? <span class="muted">{r.createdOn ? `created ${r.createdOn}` : '—'}</span>}</td>
                  <td>{f.length ? f.map((e) => <div class="bad" title={e.detail}><a href={`/controls/${e.control}`}>{e.control}</a> {e.rule}</div>) : <span class="muted">—</span>}</td>
                  {d.canEdit && d.registerPath ? <td><a href={`/risks/${encodeURIComponent(r.id)}/edit`}>Edit</a></td> : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </Layout>
  );
}
