import type { IncidentRecord } from '../../records/index.js';
import type { WorkspaceFacts } from '../check.js';

/** One category of the workspace incident taxonomy (`incidents.taxonomy` in fieldwork.yaml). */
export interface IncidentCategory {
  id: string;
  name?: string;
  owaspLlm: string[];
  severity?: string;
  owner?: string;
  /** First response due within this many hours of opening. */
  responseHours?: number;
  /** The organization's own names for the category. */
  aliases: string[];
}

/** The taxonomy declared in the workspace; entries without an id are ignored (workspace validation reports them). */
export function incidentTaxonomy(ws: WorkspaceFacts): IncidentCategory[] {
  const section = ws.incidents as { taxonomy?: unknown } | undefined;
  const raw = Array.isArray(section?.taxonomy) ? section.taxonomy : [];
  return raw.flatMap((t): IncidentCategory[] => {
    if (!t || typeof t !== 'object') return [];
    const o = t as Record<string, unknown>;
    if (typeof o.id !== 'string' || o.id === '') return [];
    return [{
      id: o.id,
      ...(typeof o.name === 'string' ? { name: o.name } : {}),
      owaspLlm: Array.isArray(o.owaspLlm) ? o.owaspLlm.map(String) : [],
      ...(typeof o.severity === 'string' ? { severity: o.severity } : {}),
      ...(typeof o.owner === 'string' ? { owner: o.owner } : {}),
      ...(typeof o.responseHours === 'number' ? { responseHours: o.responseHours } : {}),
      aliases: Array.isArray(o.aliases) ? o.aliases.map(String) : [],
    }];
  });
}

/** The category an incident names, by id, name or one of the organization's aliases (case-insensitive). */
export function categoryOf(incident: IncidentRecord, taxonomy: IncidentCategory[]): IncidentCategory | undefined {
  const c = incident.category?.trim().toLowerCase();
  if (!c) return undefined;
  return taxonomy.find((t) => t.id.toLowerCase() === c) ?? taxonomy.find((t) => t.name?.toLowerCase() === c)
    ?? taxonomy.find((t) => t.aliases.some((a) => a.trim().toLowerCase() === c));
}

/** An incident's severity in our words: the workspace `incidents.severities` map, else as written (lower case). */
export function severityOf(severity: string | undefined, ws: WorkspaceFacts): string {
  const s = (severity ?? '').trim();
  const map = (ws.incidents as { severities?: Record<string, unknown> } | undefined)?.severities ?? {};
  const hit = Object.entries(map).find(([k]) => k.trim().toLowerCase() === s.toLowerCase());
  return (typeof hit?.[1] === 'string' ? hit[1] : s).toLowerCase();
}
