import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord, FindingRecord } from '@fieldwork/core/records';
import type { ArtifactInput, Collector, ParseContext } from '../collector.js';
import { normalizeInstant } from '../input/index.js';
import { isLockfile, parseAt, readJsonValues, resolveScanTime, scanRunRecords, wrongFormat } from '../input/scan-input.js';
import type { FindingDraft, JsonValue } from '../input/scan-input.js';
import { dependabotOptionsSchema } from './dependabot-config.js';
import type { DependabotOptions } from './dependabot-config.js';
import { alertRepositories, graphqlAlertSchema, graphqlRepository, mapGraphqlAlert, mapRestAlert, repositoryOf, restAlertSchema } from './dependabot-mapper.js';

const EXPECTED = 'Dependabot alerts (the REST list, a dependabot_alert webhook payload, or a GraphQL vulnerabilityAlerts response)';
const HINT = 'dependabot-alerts reads `gh api repos/OWNER/REPO/dependabot/alerts --paginate`, dependabot_alert webhook payloads, or GraphQL repository.vulnerabilityAlerts.';

type Draft = FindingDraft & { asset: string };

/** Instants of an alert, each checked and normalized; the latest goes into `stamps`. */
function times(input: ArtifactInput, ctx: ParseContext, ptr: string, stamps: string[], fields: Record<'created' | 'fixed' | 'dismissed' | 'updated', [string, string | null | undefined]>) {
  const out: Record<string, string | undefined> = {};
  for (const [k, [name, v]] of Object.entries(fields)) {
    out[k] = normalizeInstant(v ?? undefined, { file: input.displayName, pointer: `${ptr}/${name}` }, name, ctx.timezone);
    if (out[k]) stamps.push(out[k]!);
  }
  return out as { created?: string; fixed?: string; dismissed?: string; updated?: string };
}

function noRepository(input: ArtifactInput, pointer: string): FieldworkError {
  return new FieldworkError('SOURCE_BAD_OPTIONS', `${input.displayName} does not say which repository its alerts belong to.`, {
    where: { file: input.displayName, pointer }, hint: 'Set options.repository (owner/repo) on the dependabot-alerts source.',
  });
}

/** Dependabot alerts: a snapshot of a repository's alerts with their own first-seen and fixed times. */
export const dependabotCollector: Collector<DependabotOptions> = {
  kind: 'dependabot-alerts',
  snapshotKinds: ['finding'],
  // Facts (a scan date, a PR number) may come from the file name: the same bytes under another name are another artifact.
  artifactIdentity: 'bytes-and-name',
  description: 'GitHub Dependabot alerts (REST list, webhook payloads, GraphQL): findings with first-seen, fixed and dismissed times',
  options: dependabotOptionsSchema,
  mediaType: 'application/json',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const values = await readJsonValues(input);
    const many = values.length > 1;
    const loc = (v: JsonValue, ptr: string) => (many ? `line ${v.line}#${ptr}` : ptr);
    const first = values[0].value as Record<string, unknown>;
    const stamps: string[] = [];
    const drafts: Draft[] = [];
    let assets: string[] = [];

    if (Array.isArray(first)) {
      for (const v of values) {
        if (!Array.isArray(v.value)) throw wrongFormat(input, 'dependabot-alerts', EXPECTED, v.value);
        const items = (v.value as unknown[]).flatMap((el, i) => (Array.isArray(el) ? el.map((x, j) => ({ x, ptr: `/${i}/${j}` })) : [{ x: el, ptr: `/${i}` }]));
        for (const { x, ptr } of items) {
          if (!x || typeof x !== 'object' || !('security_advisory' in x)) throw wrongFormat(input, 'dependabot-alerts', EXPECTED, v.value, { pointer: ptr });
          const a = parseAt(restAlertSchema, x, input, ptr, 'Dependabot alert', HINT);
          const asset = repositoryOf(a) ?? options.repository;
          if (!asset) throw noRepository(input, ptr);
          const t = times(input, ctx, ptr, stamps, { created: ['created_at', a.created_at], fixed: ['fixed_at', a.fixed_at], dismissed: [a.dismissed_at ? 'dismissed_at' : 'auto_dismissed_at', a.dismissed_at ?? a.auto_dismissed_at], updated: ['updated_at', a.updated_at] });
          drafts.push({ ...mapRestAlert(a, loc(v, ptr), t), asset });
        }
      }
    } else if (first && typeof first === 'object' && 'alert' in first) {
      // A webhook is one alert changing, not a scan: it yields the finding without a scan run,
      // so the other alerts are not taken for fixed.
      for (const v of values) {
        const payload = v.value as { alert?: unknown; repository?: { full_name?: string } };
        if (!payload || typeof payload !== 'object' || !payload.alert) throw wrongFormat(input, 'dependabot-alerts', EXPECTED, v.value);
        const a = parseAt(restAlertSchema, payload.alert, input, '/alert', 'Dependabot alert', HINT);
        const asset = payload.repository?.full_name ?? repositoryOf(a) ?? options.repository;
        if (!asset) throw noRepository(input, '/repository');
        const t = times(input, ctx, '/alert', [], { created: ['created_at', a.created_at], fixed: ['fixed_at', a.fixed_at], dismissed: [a.dismissed_at ? 'dismissed_at' : 'auto_dismissed_at', a.dismissed_at ?? a.auto_dismissed_at], updated: ['updated_at', a.updated_at] });
        const { locator, ...f } = mapRestAlert(a, loc(v, '/alert'), t);
        const finding: FindingRecord = { kind: 'finding', ...ctx.cite(locator), scanner: 'dependabot', asset, seenAt: t.updated ?? t.created!, ...f, state: f.state ?? 'open' };
        yield finding;
      }
      return;
    } else if (first && typeof first === 'object' && ('data' in first || 'errors' in first)) {
      for (const v of values) {
        const doc = v.value as { data?: unknown; errors?: { message?: string }[] };
        if (!doc.data && doc.errors) {
          throw new FieldworkError('INPUT_WRONG_FORMAT', `${input.displayName} is a GraphQL error response: ${doc.errors[0]?.message ?? 'unknown error'}.`, {
            where: { file: input.displayName, pointer: '/errors/0' }, hint: 'The query failed when this was exported (scope security_events or repo is needed). Export it again.',
          });
        }
        const repos = alertRepositories(doc.data);
        if (repos.length === 0) throw wrongFormat(input, 'dependabot-alerts', EXPECTED, v.value, { pointer: '/data', message: 'no vulnerabilityAlerts in data' });
        for (const { node, pointer } of repos) {
          const asset = graphqlRepository(node) ?? options.repository;
          if (!asset) throw noRepository(input, pointer);
          assets.push(asset);
          const conn = node.vulnerabilityAlerts as { nodes?: unknown[]; edges?: { node?: unknown }[] } | null;
          const nodes = conn?.nodes ?? (conn?.edges ?? []).map((e) => e.node);
          const key = conn?.nodes ? 'nodes' : 'edges';
          nodes.forEach((n, k) => {
            const ptr = `${pointer}/vulnerabilityAlerts/${key}/${k}${key === 'edges' ? '/node' : ''}`;
            const a = parseAt(graphqlAlertSchema, n, input, ptr, 'vulnerability alert', HINT);
            const t = times(input, ctx, ptr, stamps, { created: ['createdAt', a.createdAt], fixed: ['fixedAt', a.fixedAt], dismissed: [a.dismissedAt ? 'dismissedAt' : 'autoDismissedAt', a.dismissedAt ?? a.autoDismissedAt], updated: ['updatedAt', undefined] });
            drafts.push({ ...mapGraphqlAlert(a, loc(v, ptr), t), asset });
          });
        }
      }
    } else {
      throw wrongFormat(input, 'dependabot-alerts', EXPECTED, first);
    }

    assets = [...new Set([...assets, ...drafts.map((d) => d.asset)])];
    if (assets.length === 0) {
      if (!options.repository) throw noRepository(input, '');
      assets = [options.repository];
    }
    const latest = stamps.sort().at(-1);
    const at = options.scannedAt
      ? resolveScanTime(undefined, input, ctx, options.scannedAt, { pointer: '', name: 'a fetch time', kind: 'dependabot-alerts' })
      : resolveScanTime(latest, input, ctx, undefined, { pointer: '', name: 'a fetch time (and no alert carries a time)', kind: 'dependabot-alerts' });
    for (const asset of assets) {
      const findings = drafts.filter((d) => d.asset === asset).map(({ asset: _a, ...f }) => f);
      const targets = findings.map((f) => f.target).filter((t): t is string => !!t && isLockfile(t));
      yield* scanRunRecords({ locator: '/', scanner: 'dependabot', asset, assetType: 'repository', at, targets }, findings, ctx);
    }
  },
};
