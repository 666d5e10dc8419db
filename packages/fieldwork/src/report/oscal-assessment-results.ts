import { FieldworkError, endOfDay, startOfDay } from '@fieldwork/core';
import type { Citation, Control, ControlResult } from '@fieldwork/core';
import type { LedgerEntry } from '../evidence/index.js';
import type { EvidenceBundle } from './evidence-bundle.js';
import { fieldworkVersion } from './fieldwork-version.js';
import { nameUuid } from './name-uuid.js';

/** Namespace of Fieldwork's own OSCAL properties. */
export const OSCAL_NS = 'urn:fieldwork:oscal';
/** Where `import-ap` points unless the caller names the auditor's assessment plan. */
export const ASSESSMENT_PLAN_PLACEHOLDER = '#assessment-plan-placeholder';

type Json = Record<string, unknown>;

/** OSCAL strings may not be empty, span lines or carry outer whitespace. */
const one = (s: string) => s.replace(/\s+/g, ' ').trim();
const prop = (name: string, value: string | number): Json[] => (one(String(value)) ? [{ name, ns: OSCAL_NS, value: one(String(value)) }] : []);
const nonEmpty = <K extends string>(key: K, items: unknown[]): Partial<Record<K, unknown[]>> => (items.length ? ({ [key]: items } as Record<K, unknown[]>) : {});

/** `satisfied` only for a pass; anything else is not shown to operate, with the reason. */
function status(r: ControlResult): Json {
  if (r.status === 'pass') return { state: 'satisfied', reason: 'pass' };
  if (r.status === 'exception') return { state: 'not-satisfied', reason: 'fail', remarks: `${r.exceptions.length} exception(s) in the population.` };
  if (r.status === 'insufficient_evidence') return { state: 'not-satisfied', reason: 'other', remarks: 'Insufficient evidence: the sources this control needs were not collected for the period.' };
  return { state: 'not-satisfied', reason: 'other', remarks: 'Not tested: no automated check; the control needs a manual attestation.' };
}

/**
 * Every artifact a control's result cites (exceptions and population traces), sorted. A stored
 * run keeps the artifacts its population traces cite (`itemArtifacts`), not the population.
 */
function citedArtifacts(r: ControlResult & { itemArtifacts?: string[] }): string[] {
  const cites: Citation[] = [...r.exceptions.flatMap((e) => e.citations), ...r.items.flatMap((i) => i.trace.flatMap((t) => (t.citation ? [t.citation] : [])))];
  return [...new Set([...cites.map((c) => c.artifact), ...(r.itemArtifacts ?? [])])].sort();
}

/**
 * The latest check run as an OSCAL 1.0.6 assessment-results document: one result for the
 * period, an observation and a finding per control, a risk per exception, and the evidence
 * artifacts (by SHA-256) in the back matter. UUIDs derive from stable names, so the same
 * check run and ledger give the same document.
 *
 * `import-ap` must name an assessment plan; Fieldwork writes none, so it points at
 * {@link ASSESSMENT_PLAN_PLACEHOLDER} unless `importAp` is given.
 */
export function oscalAssessmentResults(b: EvidenceBundle, opts: { importAp?: string } = {}): Json {
  const check = b.check;
  if (!check) throw new FieldworkError('USAGE', 'No check run is stored yet, so there are no assessment results to export.', { hint: 'Run `fieldwork check` first.' });
  const { period, results } = check.run;
  const key = `${b.organization}|${period.from}|${period.to}|${check.createdAt}|${b.ledgerHead}`;
  const uuid = (kind: string, name = '') => nameUuid('fieldwork-oscal', `${key}|${kind}|${name}`);
  const controls = new Map<string, Control>(check.controls.map((c) => [c.id, c]));
  const byArtifact = new Map<string, LedgerEntry>();
  for (const e of b.ledger) if (!byArtifact.has(e.artifact)) byArtifact.set(e.artifact, e);

  const evidenceFor = (r: ControlResult, c: Control | undefined): string[] => {
    const cited = citedArtifacts(r);
    if (cited.length || !c) return cited;
    // A control with no cited record (nothing happened, or a pass with an empty population) is
    // still evidenced by what its sources collected.
    return [...new Set(b.ledger.filter((e) => c.evidenceSources.includes(e.kind)).map((e) => e.artifact))].sort();
  };

  const observations: Json[] = [];
  const findings: Json[] = [];
  const risks: Json[] = [];
  for (const r of results) {
    const c = controls.get(r.control);
    const obsUuid = uuid('observation', r.control);
    const automated = r.check !== null && r.status !== 'not_tested';
    const evidence = evidenceFor(r, c).map((sha) => {
      const e = byArtifact.get(sha);
      return { href: `#artifact-${sha}`, description: e ? `${e.source} (${e.kind}) artifact collected ${e.collectedAt}, SHA-256 ${sha}` : `Artifact SHA-256 ${sha}` };
    });
    observations.push({
      uuid: obsUuid, title: `${r.control} ${r.title}`,
      description: automated
        ? `Fieldwork check ${r.check} tested the whole population for ${period.from} to ${period.to}: ${r.population} item(s)${r.populationQuery ? ` (${one(r.populationQuery)})` : ''}, ${r.exceptions.length} exception(s).`
        : `No automated test ran for this control in ${period.from} to ${period.to}; it needs a manual attestation or its evidence sources.`,
      ...nonEmpty('props', [...prop('status', r.status), ...prop('population', r.population), ...(r.check ? prop('check', r.check) : [])]),
      methods: automated ? ['EXAMINE', 'TEST'] : ['EXAMINE'],
      types: ['control-objective'],
      ...nonEmpty('relevant-evidence', evidence),
      collected: check.createdAt,
      ...(r.notes.length || r.error ? { remarks: [...r.notes, ...(r.error ? [`The check failed: ${r.error}`] : [])].join('\n') } : {}),
    });
    const riskUuids = r.exceptions.map((e, i) => {
      const id = uuid('risk', `${r.control}|${i}|${e.rule}|${e.subject}`);
      risks.push({
        uuid: id, title: `${r.control} ${e.rule}: ${e.subject}`, description: e.detail,
        statement: `${r.control} ${r.title} did not operate as designed for ${e.subject}${e.at ? ` (${e.at})` : ''}.`,
        ...nonEmpty('props', [...prop('control', r.control), ...prop('rule', e.rule), ...prop('subject', e.subject), ...(e.at ? prop('at', e.at) : [])]),
        ...nonEmpty('links', e.citations.map((x) => ({ href: `#artifact-${x.artifact}`, rel: 'evidence', text: `${x.source} ${x.locator}` }))),
        status: 'open',
        'related-observations': [{ 'observation-uuid': obsUuid }],
      });
      return id;
    });
    findings.push({
      uuid: uuid('finding', r.control), title: `${r.control} ${r.title}`,
      description: c ? one(c.statement) : r.title,
      ...nonEmpty('props', (c?.criteria ?? []).flatMap((x) => prop('criterion', x))),
      target: { type: 'objective-id', 'target-id': r.control, status: status(r) },
      'related-observations': [{ 'observation-uuid': obsUuid }],
      ...nonEmpty('related-risks', riskUuids.map((id) => ({ 'risk-uuid': id }))),
    });
  }

  const resources = [...byArtifact.values()].sort((x, y) => (x.artifact < y.artifact ? -1 : 1)).map((e) => ({
    uuid: nameUuid('fieldwork-artifact', e.artifact), title: `${e.source} (${e.kind}) artifact ${e.artifact.slice(0, 12)}`,
    description: `Collected ${e.collectedAt}, ${e.recordCount} record(s), ledger entry ${e.seq}. In the auditor package at artifacts/${e.artifact}.`,
    ...nonEmpty('props', [...prop('artifact-id', `artifact-${e.artifact}`), ...prop('source', e.source), ...prop('kind', e.kind)]),
    rlinks: [{ href: `artifacts/${e.artifact}`, hashes: [{ algorithm: 'SHA-256', value: e.artifact }] }],
  }));
  const inScope = results.map((r) => ({ 'control-id': r.control }));
  // Signed checkpoints anchor the ledger head outside the store; the package carries the files.
  const checkpointResources = b.checkpoints.map((c) => ({
    uuid: nameUuid('fieldwork-checkpoint', `${c.checkpoint.seq}|${c.checkpoint.hash}|${c.checkpoint.time}`),
    title: `Signed ledger checkpoint: entry ${c.checkpoint.seq} at ${c.checkpoint.time}`,
    description: `ed25519 signature by key ${c.checkpoint.keyId} over the ledger head ${c.checkpoint.hash} (entry ${c.checkpoint.seq}). In the auditor package at checkpoints/${c.name}.`,
    props: [...prop('ledger-seq', c.checkpoint.seq), ...prop('ledger-head', c.checkpoint.hash), ...prop('signed-at', c.checkpoint.time), ...prop('key-id', c.checkpoint.keyId)],
    rlinks: [{ href: `checkpoints/${c.name}` }],
  }));

  return {
    'assessment-results': {
      uuid: uuid('document'),
      metadata: {
        title: `SOC 2 readiness assessment results — ${b.organization}, ${period.from} to ${period.to}`,
        'last-modified': check.createdAt,
        version: `check-run-${check.id}`,
        'oscal-version': '1.0.6',
        ...nonEmpty('props', [...prop('ledger-head', b.ledgerHead), ...prop('fieldwork-version', fieldworkVersion())]),
        parties: [{ uuid: nameUuid('fieldwork-party', b.organization), type: 'organization', name: b.organization }],
        remarks: 'Produced by Fieldwork from its stored check run and evidence ledger. A readiness self-assessment, not an auditor\'s opinion.',
      },
      'import-ap': { href: opts.importAp ?? ASSESSMENT_PLAN_PLACEHOLDER, ...(opts.importAp ? {} : { remarks: 'Placeholder: Fieldwork does not write an assessment plan. Replace the href with your auditor\'s plan.' }) },
      results: [{
        uuid: uuid('result'),
        title: `Fieldwork check run of ${check.createdAt}`,
        description: `Automated tests of ${results.length} control(s) over ${period.from} to ${period.to} (${b.timezone}), against the evidence pinned by ledger head ${b.ledgerHead}.`,
        start: startOfDay(period.from, b.timezone),
        end: endOfDay(period.to, b.timezone),
        ...nonEmpty('props', [
          ...prop('ledger-head', b.ledgerHead), ...prop('ledger-entries', b.ledger.length), ...prop('timezone', b.timezone), ...prop('period', `${period.from}/${period.to}`),
          ...(check.ledgerHead ? [...prop('run-ledger-seq', check.ledgerHead.seq), ...prop('run-ledger-head', check.ledgerHead.hash)] : []),
          ...(check.resultsDigest ? prop('run-results-digest', check.resultsDigest) : []),
        ]),
        'reviewed-controls': { 'control-selections': [inScope.length ? { 'include-controls': inScope } : { description: 'No controls in scope.' }] },
        ...nonEmpty('observations', observations),
        ...nonEmpty('risks', risks),
        ...nonEmpty('findings', findings),
      }],
      ...(resources.length || b.checkpoints.length ? { 'back-matter': { resources: [...resources, ...checkpointResources] } } : {}),
    },
  };
}
