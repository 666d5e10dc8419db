import { requestStatuses } from '@fieldwork/core';
import type { EvidenceRequest } from '@fieldwork/core';
import { Layout, Status, when } from './layout.js';
import type { Frame } from './layout.js';

export interface EvidenceListData {
  frame: Frame;
  window: { from: string; to: string };
  asOf: string;
  requests: EvidenceRequest[];
  filters: { status?: string; owner?: string; control?: string };
  owners: string[];
}

const href = (r: Pick<EvidenceRequest, 'control' | 'covers'>) => `/evidence/${encodeURIComponent(r.control)}/${encodeURIComponent(r.covers)}`;

/** Every evidence request of the window: owner, due date, status, filterable by status, owner and control. */
export function EvidenceListPage(d: EvidenceListData) {
  const counts = requestStatuses.map((s) => [s, d.requests.filter((r) => r.status === s).length] as const);
  return (
    <Layout frame={d.frame} title="Evidence requests">
      <h1>Evidence requests</h1>
      <p class="muted">Manual controls ask for evidence each occurrence of their cadence. Window {d.window.from} to {d.window.to} · statuses as of {d.asOf}.</p>
      <p>{counts.map(([s, n]) => <span>{n} <Status status={s} /> · </span>)}</p>
      <form method="get" action="/evidence" class="actions">
        <select name="status">
          <option value="">any status</option>
          {requestStatuses.map((s) => <option value={s} selected={d.filters.status === s}>{s.replace('_', ' ')}</option>)}
        </select>
        <select name="owner">
          <option value="">any owner</option>
          {d.owners.map((o) => <option value={o} selected={d.filters.owner === o}>{o}</option>)}
        </select>
        <input type="text" name="control" placeholder="control, e.g. GOV-01" value={d.filters.control ?? ''} />
        <button type="submit">Filter</button>
      </form>
      {d.requests.length ? (
        <table>
          <thead><tr><th>Request</th><th>Control</th><th>Owner</th><th>Due</th><th>Status</th><th>Why</th></tr></thead>
          <tbody>
            {d.requests.map((r) => (
              <tr>
                <td><a href={href(r)}>{r.id}</a></td>
                <td>{r.title}</td>
                <td>{r.owner.name ?? `nobody holds ${r.owner.role}`}{r.owner.resolvedBy === 'compliance_owner' ? ` (no ${r.owner.role})` : ''}</td>
                <td>{r.due}</td>
                <td><Status status={r.status} /></td>
                <td class="muted">{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p class="muted">No request matches.</p>}
    </Layout>
  );
}

export interface EvidenceRequestData {
  frame: Frame;
  request: EvidenceRequest;
  notice?: string;
  /** Owners and admins submit evidence. */
  canSubmit: boolean;
  /** Approvers accept or reject it. */
  canDecide: boolean;
  /** Who may be named as submitter (local dashboards without sign-in). */
  submitters?: string[];
  accept: string;
  maxBytes: number;
}

/** One request: what is asked, by whom and by when, its submissions with files and decisions, and the forms to add or decide. */
export function EvidenceRequestPage(d: EvidenceRequestData) {
  const r = d.request;
  return (
    <Layout frame={d.frame} title={r.id}>
      <h1>{r.id} <Status status={r.status} /></h1>
      {d.notice ? <p class="notice" role="status">{d.notice}</p> : null}
      <p><a href={`/controls/${encodeURIComponent(r.control)}`}>{r.control} {r.title}</a> · {r.cadence} evidence for {r.from} to {r.to} · due {r.due}</p>
      <p>Owner: {r.owner.name ?? 'nobody'}{r.owner.email ? ` <${r.owner.email}>` : ''} ({r.owner.role}{r.owner.resolvedBy === 'compliance_owner' ? ': nobody holds the role, so it falls to the compliance owner' : ''})</p>
      <p class="muted">{r.reason}</p>
      <h2>Submissions</h2>
      {r.submissions.length ? (
        <ol>
          {r.submissions.map((s) => (
            <li>
              <b>{s.id}</b> by {s.by} at {when(s.at)} · performed {s.performedOn}{s.validUntil ? ` · valid until ${s.validUntil}` : ''} · <Status status={s.review === 'accepted' ? 'current' : s.review === 'rejected' ? 'missing' : 'due_soon'} /> {s.review}
              {s.decidedBy ? ` by ${s.decidedBy} at ${when(s.decidedAt)}` : ''}{s.reason ? `: ${s.reason}` : ''}
              {s.note ? <p>{s.note}</p> : null}
              {s.statement ? <blockquote>{s.statement}</blockquote> : null}
              <ul>
                {s.files.map((f) => <li><a href={`/api/artifacts/${f.sha256}`}>{f.name}</a> · {f.mediaType} · {f.size} bytes · <code>{f.sha256}</code></li>)}
                <li><a href={`/api/artifacts/${s.citation.artifact}`}>attestation</a> · <code>{s.citation.artifact}</code></li>
              </ul>
              {d.canDecide && s.review === 'pending' ? (
                <form method="post" action="/evidence/decide" class="evidence">
                  <input type="hidden" name="submission" value={s.id} />
                  <label>Reason (required to reject) <input type="text" name="reason" /></label>
                  <button type="submit" name="decision" value="accepted" class="primary">Accept</button> <button type="submit" name="decision" value="rejected">Reject</button>
                </form>
              ) : null}
            </li>
          ))}
        </ol>
      ) : <p class="muted">Nothing submitted yet.</p>}
      {r.notApplicable ? <p>Not applicable: {r.notApplicable.reason} (decided by {r.notApplicable.by} at {when(r.notApplicable.at)}).</p> : null}
      {d.canSubmit && r.status !== 'not_applicable' ? (
        <>
          <h2>Submit evidence</h2>
          <form method="post" action="/evidence/submit" enctype="multipart/form-data" class="evidence">
            <input type="hidden" name="control" value={r.control} />
            <input type="hidden" name="covers" value={r.covers} />
            {d.submitters ? (
              <label>Submitted by <select name="by">{d.submitters.map((p) => <option value={p} selected={p === r.owner.name}>{p}</option>)}</select></label>
            ) : null}
            <label>Files (PDF, PNG, JPEG, CSV, TXT, JSON, XLSX, DOCX…; at most {Math.floor(d.maxBytes / 1024 / 1024)} MB each) <input type="file" name="files" multiple accept={d.accept} /></label>
            {r.statementAllowed ? <label>Or a typed statement (this control accepts a signed attestation) <textarea name="statement" rows={3}></textarea></label> : null}
            <label>What it shows <input type="text" name="note" /></label>
            <label>Performed on <input type="date" name="performed" /></label>
            <label>Valid until (reports that lapse) <input type="date" name="validUntil" /></label>
            <button type="submit" class="primary">Submit</button>
          </form>
        </>
      ) : null}
    </Layout>
  );
}
