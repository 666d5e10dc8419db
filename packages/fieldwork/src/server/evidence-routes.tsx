import { requestStatuses } from '@fieldwork/core';
import type { RequestStatus } from '@fieldwork/core';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { DEFAULT_MAX_EVIDENCE_BYTES, EVIDENCE_MEDIA_TYPES, decideSubmission, listRequests, namedPeople, submitEvidence } from '../manual-evidence/index.js';
import type { EvidenceFileInput } from '../manual-evidence/index.js';
import { canAct, canDecide, requireRole } from './auth-middleware.js';
import { frameOf, renderPage } from './dashboard-routes.js';
import type { ServerContext, ServerEnv } from './server-context.js';
import { ServerError } from './server-error.js';
import { EvidenceListPage, EvidenceRequestPage } from './pages/evidence-page.js';

/** At most this many files in one upload. */
export const MAX_EVIDENCE_FILES = 10;

const ACCEPT = Object.keys(EVIDENCE_MEDIA_TYPES).map((e) => `.${e}`).join(',');
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const pageOf = (control: string, covers: string) => `/evidence/${encodeURIComponent(control)}/${encodeURIComponent(covers)}`;

function statusFilter(v: string | undefined): RequestStatus[] | undefined {
  return v && (requestStatuses as readonly string[]).includes(v) ? [v as RequestStatus] : undefined;
}

/**
 * Who a dashboard submission is from: the signed-in token's name when fieldwork.yaml names that
 * person; on a local dashboard without sign-in, the person picked in the form.
 */
function submitter(ctx: ServerContext, c: Context<ServerEnv>, form: Record<string, unknown>): string {
  const p = c.get('principal');
  const people = namedPeople(ctx.workspace().config);
  const same = (x: { name: string; email?: string }, s: string) => x.name.toLowerCase() === s.toLowerCase() || x.email?.toLowerCase() === s.toLowerCase();
  if (people.some((x) => same(x, p.name))) return p.name;
  if (c.get('authVia') === 'local' && text(form.by)) return text(form.by)!;
  throw new ServerError(403, 'FORBIDDEN', `The token "${p.name}" does not name a person in fieldwork.yaml, so evidence from it could not be traced to anyone.`, 'Create the token with the person\'s name or email as it appears under owners (fieldwork serve token create --name EMAIL --role owner).');
}

/** The evidence requests pages and their forms (mounted at /evidence), and their JSON (mounted at /api/evidence). */
export function evidenceRoutes(ctx: ServerContext): { pages: Hono<ServerEnv>; api: Hono<ServerEnv> } {
  const pages = new Hono<ServerEnv>();
  const api = new Hono<ServerEnv>();

  api.get('/requests', async (c) => {
    const q = (k: string) => c.req.query(k) || undefined;
    return c.json(await listRequests(ctx.workspace(), ctx.store, { status: statusFilter(q('status')), owner: q('owner'), control: q('control'), asOf: q('asOf') }, ctx.now()));
  });

  pages.get('/', async (c) => {
    const q = (k: string) => c.req.query(k) || undefined;
    const filters = { status: q('status'), owner: q('owner'), control: q('control')?.trim().toUpperCase() };
    const all = await listRequests(ctx.workspace(), ctx.store, {}, ctx.now());
    const shown = await listRequests(ctx.workspace(), ctx.store, { status: statusFilter(filters.status), owner: filters.owner, control: filters.control }, ctx.now());
    const owners = [...new Set(all.requests.map((r) => r.owner.name).filter((n): n is string => !!n))].sort();
    return renderPage(c, <EvidenceListPage frame={frameOf(ctx, c)} window={shown.window} asOf={shown.asOf} requests={shown.requests} filters={filters} owners={owners} />);
  });

  pages.get('/:control/:covers', async (c) => {
    const { control, covers } = c.req.param();
    const { requests } = await listRequests(ctx.workspace(), ctx.store, { control }, ctx.now());
    const request = requests.find((r) => r.covers === covers);
    if (!request) throw new ServerError(404, 'NOT_FOUND', `No evidence request ${control}/${covers} in the window.`, 'The evidence requests page lists them.');
    const role = c.get('principal').role;
    const done = c.req.query('done');
    const notice = done === 'submitted' ? `Evidence ${c.req.query('id') ?? ''} submitted; it awaits an approver.` : done === 'accepted' || done === 'rejected' ? `Submission ${c.req.query('id') ?? ''} ${done}.` : undefined;
    return renderPage(c, (
      <EvidenceRequestPage
        frame={frameOf(ctx, c)} request={request} notice={notice} canSubmit={canAct(role)} canDecide={canDecide(role)} accept={ACCEPT}
        maxBytes={Math.min(ctx.workspace().config.evidence?.maxFileBytes ?? DEFAULT_MAX_EVIDENCE_BYTES, DEFAULT_MAX_EVIDENCE_BYTES)}
        {...(c.get('authVia') === 'local' ? { submitters: namedPeople(ctx.workspace().config).map((p) => p.name) } : {})}
      />
    ));
  });

  pages.post('/submit', requireRole('owner', 'admin'), async (c) => {
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody({ all: true });
    } catch {
      throw new ServerError(400, 'BAD_REQUEST', 'The upload could not be read.', 'Post the form as multipart/form-data.');
    }
    const raw = form.files;
    const uploads = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((f): f is File => typeof f === 'object' && f !== null && 'arrayBuffer' in f && (f as File).size > 0);
    if (uploads.length > MAX_EVIDENCE_FILES) throw new ServerError(413, 'PAYLOAD_TOO_LARGE', `${uploads.length} files in one submission; at most ${MAX_EVIDENCE_FILES}.`, 'Combine them into one PDF, or submit them in parts.');
    const files: EvidenceFileInput[] = [];
    for (const f of uploads) files.push({ bytes: new Uint8Array(await f.arrayBuffer()), name: f.name, declaredType: f.type || undefined });
    const control = text(form.control) ?? '';
    const covers = text(form.covers) ?? '';
    const by = submitter(ctx, c, form);
    const r = await submitEvidence(ctx.workspace(), ctx.store, {
      control, covers, by, files, note: text(form.note), statement: text(form.statement), performedOn: text(form.performed), validUntil: text(form.validUntil),
      via: `dashboard upload by ${c.get('principal').name} (${c.get('principal').role})`,
    }, ctx.now());
    return c.redirect(`${pageOf(r.submission.control, r.submission.covers)}?done=submitted&id=${r.submission.id}`, 303);
  });

  pages.post('/decide', requireRole('approver'), async (c) => {
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      throw new ServerError(400, 'BAD_REQUEST', 'The decision could not be read.');
    }
    const decision = form.decision === 'accepted' || form.decision === 'rejected' ? form.decision : undefined;
    if (!decision) throw new ServerError(400, 'BAD_REQUEST', 'Choose Accept or Reject.');
    const r = await decideSubmission(ctx.workspace(), ctx.store, { submission: text(form.submission) ?? '', decision, by: c.get('principal').name, reason: text(form.reason) }, ctx.now());
    return c.redirect(`${pageOf(r.decision.control, r.decision.covers)}?done=${decision}&id=${r.decision.submission}`, 303);
  });

  return { pages, api };
}
