// The leaf module (zod only), like load-workspace's imports: the workspace never loads the collector registry.
import { describeFields, FieldMapping } from '../collectors/input/field-mapping.js';
import type { FieldAliases } from '../collectors/input/field-mapping.js';

/** Other names accepted for the fields of a `tools:` entry (compared without case, spaces, underscores or hyphens). */
export const TOOL_FIELDS: FieldAliases = {
  name: ['tool', 'tool name'],
  environment: ['env'],
  resource: ['api', 'resource uri'],
  audience: ['aud', 'token audience'],
  requiredScopes: ['scopes', 'oauth scopes'],
  identity: ['identity mode', 'auth mode', 'credential mode'],
  justification: ['reason'],
  risk: ['risk level'],
  approvalThreshold: ['approval'],
  'approvalThreshold.argument': ['amount attribute', 'attribute'],
  'approvalThreshold.above': ['threshold', 'amount', 'limit'],
};

/** Other names accepted for the fields of an `agent.stores:` entry (retention of prompt logs and traces). */
export const AGENT_STORE_FIELDS: FieldAliases = {
  name: ['store', 'store name'],
  kind: ['type', 'store kind'],
  retentionDays: ['retention', 'retention period days', 'keep days', 'ttl days'],
  graceDays: ['grace', 'grace period days'],
};

/** Other names accepted for the fields of an `incidents.taxonomy:` category. */
export const TAXONOMY_FIELDS: FieldAliases = {
  id: ['key', 'slug', 'category id'],
  name: ['title', 'label'],
  description: ['summary'],
  owaspLlm: ['owasp', 'owasp llm ids', 'owasp ids'],
  severity: ['default severity'],
  owner: ['owner role'],
  responseHours: ['response time hours', 'response sla hours', 'sla hours'],
};

/** The list sections of fieldwork.yaml read through a field mapping: where they sit and their fields. */
const SECTIONS: { path: string[]; fields: FieldAliases }[] = [
  { path: ['tools'], fields: TOOL_FIELDS },
  { path: ['agent', 'stores'], fields: AGENT_STORE_FIELDS },
  { path: ['incidents', 'taxonomy'], fields: TAXONOMY_FIELDS },
];

function setKeys(target: Record<string, unknown>, keys: string[], value: unknown): void {
  let cur = target;
  for (const k of keys.slice(0, -1)) {
    if (!cur[k] || typeof cur[k] !== 'object') cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
}

function getKeys(source: Record<string, unknown>, keys: string[]): unknown {
  return keys.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), source);
}

/**
 * Rewrites the other names teams use in the tool inventory, the agent stores and the incident
 * taxonomy to ours, before validation. Keys no field takes are kept as written, so validation
 * still refuses them by name (fieldwork.yaml is ours: a typo there is an error, not a warning).
 */
export function canonicalWorkspaceFields(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const ws = raw as Record<string, unknown>;
  for (const { path, fields } of SECTIONS) {
    const list = getKeys(ws, path);
    if (!Array.isArray(list)) continue;
    const mapping = new FieldMapping(fields);
    list.forEach((entry, i) => {
      if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return;
      const mapped = mapping.read(entry as Record<string, unknown>);
      for (const key of mapped.ignored) setKeys(mapped.value, key.split('.'), getKeys(entry as Record<string, unknown>, key.split('.')));
      list[i] = mapped.value;
    });
  }
  return ws;
}

/** The accepted names of a section's fields, for a hint when an entry does not validate. */
export function workspaceFieldsHint(section: string | number | undefined, sub?: string | number): string | undefined {
  const s = SECTIONS.find((x) => x.path[0] === section && (x.path.length === 1 || x.path[1] === sub));
  return s ? `${s.path.join('.')} entries take: ${describeFields(s.fields)}.` : undefined;
}
