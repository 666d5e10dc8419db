import { citationOf, recordsOf } from '../../records/index.js';
import { productionScope } from './production-scope.js';
import type { Citation, DeletionRequestRecord, PromptRecordRecord, TraceSummaryRecord } from '../../records/index.js';
import { endOfDay } from '../../time/index.js';
import { runStream } from '../check.js';
import type { Check, CheckContext, CheckException, CheckFold, CheckStream, PopulationItem } from '../check.js';
import { agentSection } from './agent-inventory.js';

const DAY = 86_400_000;

/** One export of a store: its oldest and newest record, and the newest counts as the export's date. */
interface Snapshot {
  store: string;
  artifact: string;
  oldestAt: string;
  newestAt: string;
  oldest: Citation;
  oldestLabel: string;
  /** Every record's time (epoch ms); those older than the limit are counted once the limit is known. */
  ats: number[];
}

/** What the deletion test keeps of a production prompt whose end user has a completed deletion request. */
type KeptPrompt = Pick<PromptRecordRecord, 'id' | 'store' | 'artifact' | 'at' | 'endUser' | 'tenant'> & { citation: Citation };

/** The exports of each store, built a record at a time: production prompts first, then trace summaries. */
function snapshotFold() {
  const byKey = new Map<string, Snapshot>();
  const touch = (store: string, artifact: string, at: string, last: string, cite: () => Citation, label: () => string) => {
    const key = `${store}\u0000${artifact}`;
    let s = byKey.get(key);
    if (!s) byKey.set(key, (s = { store, artifact, oldestAt: at, newestAt: last, oldest: cite(), oldestLabel: label(), ats: [] }));
    else if (at < s.oldestAt) Object.assign(s, { oldestAt: at, oldest: cite(), oldestLabel: label() });
    if (last > s.newestAt) s.newestAt = last;
    s.ats.push(Date.parse(at));
  };
  return {
    prompt: (p: PromptRecordRecord) => touch(p.store, p.artifact, p.at, p.at, () => citationOf(p), () => `record ${p.id}`),
    trace(t: TraceSummaryRecord) {
      if (!t.firstAt) return;
      touch(t.store ?? t.source, t.artifact, t.firstAt, t.lastAt ?? t.firstAt, () => citationOf(t), () => (t.oldestSpanId ? `span ${t.oldestSpanId}` : 'its oldest span'));
    },
    byStore(): Map<string, Snapshot[]> {
      const out = new Map<string, Snapshot[]>();
      for (const s of byKey.values()) {
        let list = out.get(s.store);
        if (!list) out.set(s.store, (list = []));
        list.push(s);
      }
      return out;
    },
  };
}

// Prompts and trace summaries arrive in batches and are folded into each export's bounds and
// record times, plus the prompts of end users with a completed deletion request. Declarations
// and deletion requests are loaded whole.
const retentionStream: CheckStream = { kinds: ['prompt_record', 'trace_summary'], start: (ctx) => retentionFold(ctx) };

/**
 * Each prompt and trace store declares a retention, and no export of it holds a record older
 * than retention plus grace. An export's date is taken as its newest record (capped at the
 * evidence date): a monthly trace file is a snapshot of its own month, and an export made at
 * the evidence date gives the same answer as measuring from the evidence date. Completed
 * deletion requests leave no record of their subject (end user) made before completion in an
 * export taken after it.
 */
export const promptRetentionCheck: Check = {
  id: 'agent.prompt-retention',
  title: 'Prompt and trace logs kept no longer than declared; deletions honoured',
  requires: [],
  reads: ['prompt_record', 'retention_declaration', 'trace_summary', 'deletion_request'],
  stream: retentionStream,
  run: (ctx) => runStream(retentionStream, ctx),
};

function retentionFold(ctx: CheckContext): CheckFold {
  const agent = agentSection(ctx.workspace);
  const defaultGrace = Number(ctx.params.graceDays ?? 2);
  const declared = new Map<string, { retentionDays: number; graceDays: number; from: string }>();
  for (const d of recordsOf(ctx.records, 'retention_declaration')) declared.set(d.store, { retentionDays: d.retentionDays, graceDays: defaultGrace, from: `retention declaration (${d.source})` });
  for (const s of agent.stores) declared.set(s.name, { retentionDays: s.retentionDays, graceDays: s.graceDays ?? defaultGrace, from: 'fieldwork.yaml agent.stores' });
  const production = productionScope(ctx);
  const requests = recordsOf(ctx.records, 'deletion_request');
  const erased = new Set(requests.filter((r) => r.completedAt).map((r) => r.subject));
  const snapshots = snapshotFold();
  const prompts: KeptPrompt[] = [];
  return {
    add(kind, batch) {
      if (kind === 'trace_summary') {
        for (const t of batch as readonly TraceSummaryRecord[]) snapshots.trace(t);
        return;
      }
      for (const p of batch as readonly PromptRecordRecord[]) {
        if (!production.includes(p.environment)) continue;
        snapshots.prompt(p);
        if (p.endUser !== undefined && erased.has(p.endUser)) prompts.push({ id: p.id, store: p.store, artifact: p.artifact, at: p.at, endUser: p.endUser, tenant: p.tenant, citation: citationOf(p) });
      }
    },
    finish() {
      const byStore = snapshots.byStore();
      const asOfEnd = endOfDay(ctx.asOf.slice(0, 10), ctx.timezone);
      const items: PopulationItem[] = [];
      const exceptions: CheckException[] = [];
      const notes: string[] = [];

      for (const store of [...new Set([...declared.keys(), ...byStore.keys()])].sort()) {
        const decl = declared.get(store);
        const snaps = byStore.get(store) ?? [];
        const itemId = `store:${store}`;
        const item: PopulationItem = { id: itemId, subject: store, trace: [] };
        items.push(item);
        if (!decl) {
          exceptions.push({ rule: 'retention.undeclared', subject: store, detail: `Store ${store} holds prompts or traces (${snaps.length} export(s)) but declares no retention: add it to agent.stores in fieldwork.yaml.`, citations: snaps.slice(0, 1).map((s) => s.oldest), itemId });
          continue;
        }
        const limit = decl.retentionDays + decl.graceDays;
        item.trace.push({ label: 'declared retention', detail: `${decl.retentionDays} days + ${decl.graceDays} grace (${decl.from})` });
        if (snaps.length === 0) notes.push(`Store ${store} is declared but no export of it was collected.`);
        let worst: { snap: Snapshot; ref: string; age: number; over: number } | undefined;
        for (const snap of snaps) {
          const ref = snap.newestAt < asOfEnd ? snap.newestAt : asOfEnd;
          const cutoff = Date.parse(ref) - limit * DAY;
          const age = (Date.parse(ref) - Date.parse(snap.oldestAt)) / DAY;
          item.trace.push({ label: 'export', at: ref, detail: `oldest ${snap.oldestLabel} at ${snap.oldestAt} (${Math.floor(age)} days before the export's newest record)`, citation: snap.oldest });
          if (Date.parse(snap.oldestAt) >= cutoff) continue;
          const over = snap.ats.filter((a) => a < cutoff).length;
          if (!worst || age > worst.age) worst = { snap, ref, age, over };
        }
        if (worst) {
          exceptions.push({
            rule: 'retention.exceeded', subject: store, at: worst.snap.oldestAt, itemId, citations: [worst.snap.oldest],
            detail: `Store ${store} still held ${worst.snap.oldestLabel} from ${worst.snap.oldestAt}, ${Math.floor(worst.age)} days old at ${worst.ref} (retention ${decl.retentionDays} + grace ${decl.graceDays} days); ${worst.over} record(s) of that export were past the limit.`,
          });
        }
      }
      // One at a time: a spread of a long list would exceed the call's argument limit.
      for (const x of deletionsNotHonoured(requests, prompts, byStore, items)) exceptions.push(x);
      if (items.length === 0) {
        return { populationQuery: 'prompt and trace stores', items, exceptions, notes: ['No prompt or trace store is declared (agent.stores) or collected.'], status: 'insufficient_evidence' };
      }
      return {
        populationQuery: 'stores declared in agent.stores or retention declarations, and every store with collected prompt_record or trace_summary records; completed deletion_request records',
        items, exceptions, notes,
      };
    },
  };
}

function deletionsNotHonoured(requests: DeletionRequestRecord[], prompts: KeptPrompt[], byStore: Map<string, Snapshot[]>, items: PopulationItem[]): CheckException[] {
  const out: CheckException[] = [];
  const exportDate = new Map<string, string>();
  for (const snaps of byStore.values()) for (const s of snaps) exportDate.set(`${s.store}\u0000${s.artifact}`, s.newestAt);
  for (const req of requests) {
    if (!req.completedAt) continue;
    const itemId = `deletion:${req.id}`;
    items.push({ id: itemId, subject: req.id, at: req.completedAt, trace: [{ label: 'deletion request', at: req.completedAt, detail: `subject ${req.subject}${req.tenant ? ` (tenant ${req.tenant})` : ''}, requested ${req.requestedAt}`, citation: citationOf(req) }] });
    const left = prompts.filter((p) =>
      p.endUser === req.subject && (!req.tenant || p.tenant === req.tenant) && (req.stores.length === 0 || req.stores.includes(p.store))
      && p.at <= req.completedAt! && (exportDate.get(`${p.store}\u0000${p.artifact}`) ?? '') > req.completedAt!);
    if (left.length === 0) continue;
    out.push({
      rule: 'deletion.not_honoured', subject: req.id, at: req.completedAt, itemId,
      citations: [citationOf(req), ...left.slice(0, 3).map((p) => ({ ...p.citation }))],
      detail: `Deletion request ${req.id} for ${req.subject} was completed at ${req.completedAt}, yet ${left.length} record(s) of that subject made before then are still in later exports (${[...new Set(left.map((p) => p.store))].join(', ')}), e.g. record ${left[0].id}.`,
    });
  }
  return out;
}
