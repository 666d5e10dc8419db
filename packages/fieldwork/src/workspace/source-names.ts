import type { SourceConfig } from './workspace-schema.js';

/**
 * The name each source goes by: its configured `name`, or its kind numbered when the kind
 * repeats. These names are the workspace's (the ledger, reports and `--only` use them), so they
 * are computed here rather than by the collectors.
 *
 * @example
 * sourceNames([{ kind: 'okta-system-log' }, { kind: 'okta-system-log' }, { name: 'hr', kind: 'bamboohr-csv' }])
 * // ['okta-system-log', 'okta-system-log-2', 'hr']
 */
export function sourceNames(sources: readonly Pick<SourceConfig, 'name' | 'kind'>[]): string[] {
  const counts = new Map<string, number>();
  return sources.map((s) => {
    if (s.name) return s.name;
    const n = (counts.get(s.kind) ?? 0) + 1;
    counts.set(s.kind, n);
    return n === 1 ? s.kind : `${s.kind}-${n}`;
  });
}
