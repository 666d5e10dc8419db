import type { FrameworkCoverage } from '@fieldwork/core';
import { Layout, Status, when } from './layout.js';
import type { Frame } from './layout.js';

const STATE: Record<string, { label: string; cls: string }> = {
  served: { label: 'served', cls: 'ok' }, exceptions: { label: 'exceptions', cls: 'bad' }, untested: { label: 'mapped, not tested', cls: 'warn' }, unmapped: { label: 'no control', cls: 'muted' },
};

/** Every framework's coverage figures from the latest check run. */
export function FrameworksPage(d: { frame: Frame; views: FrameworkCoverage[]; checkRunAt?: string }) {
  return (
    <Layout frame={d.frame} title="Frameworks">
      <h1>Frameworks</h1>
      <p>One collection, one set of checks, several frameworks' views{d.checkRunAt ? `: the check run of ${when(d.checkRunAt)}` : ' (no check run yet: the mappings only)'}.</p>
      <table>
        <thead><tr><th>Framework</th><th>Requirements</th><th>Mapped</th><th>Served by a tested control</th><th>With exceptions</th><th>No control</th></tr></thead>
        <tbody>
          {d.views.map((v) => (
            <tr>
              <td><a href={`/frameworks/${v.framework.id}`}>{v.framework.name}</a> <span class="muted">{v.framework.version}</span></td>
              <td>{v.summary.requirements}</td>
              <td>{v.summary.mapped}</td>
              <td>{v.summary.tested}</td>
              <td class={v.summary.withExceptions ? 'bad' : ''}>{v.summary.withExceptions}</td>
              <td>{v.summary.unmapped.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

/** One framework: each requirement with the controls that serve it and their results. */
export function FrameworkPage(d: { frame: Frame; view: FrameworkCoverage; checkRunAt?: string }) {
  const v = d.view;
  return (
    <Layout frame={d.frame} title={v.framework.name}>
      <h1>{v.framework.name}</h1>
      <p class="muted">{v.framework.version}{v.framework.note ? ` · ${v.framework.note}` : ''}</p>
      <p>{v.summary.mapped} of {v.summary.requirements} requirements mapped; {v.summary.tested} served by a tested control ({v.summary.served} without exceptions, <span class={v.summary.withExceptions ? 'bad' : ''}>{v.summary.withExceptions} with exceptions</span>); {v.summary.unmapped.length} with no control{d.checkRunAt ? ` · check run of ${when(d.checkRunAt)}` : ''}.</p>
      <table>
        <thead><tr><th>Requirement</th><th>Where it stands</th><th>Our controls</th></tr></thead>
        <tbody>
          {v.requirements.map((r) => (
            <tr>
              <td><b>{r.id}</b> {r.title}<br /><span class="muted">{r.summary}</span></td>
              <td class={STATE[r.state]?.cls}>{STATE[r.state]?.label ?? r.state}</td>
              <td>
                {r.controls.length ? (
                  <ul>{r.controls.map((c) => <li><a href={`/controls/${c.control}`}>{c.control}</a> {c.title} <span class="muted">({c.relationship})</span> · {c.status === 'not_run' ? <span class="muted">not run</span> : <Status status={c.status} />}{c.exceptions.length ? ` · ${c.exceptions.length} exception(s): ${c.exceptions.slice(0, 3).map((e) => e.subject).join(', ')}${c.exceptions.length > 3 ? '…' : ''}` : ''}</li>)}</ul>
                ) : <span class="muted">{r.outOfScope.length ? `mapped to ${r.outOfScope.join(', ')}, not in scope` : 'no control maps to it'}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
