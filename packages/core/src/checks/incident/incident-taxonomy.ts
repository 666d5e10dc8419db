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
    }];
  });
}

/** The category an incident names, by id or name (case-insensitive). */
export function categoryOf(incident: IncidentRecord, taxonomy: IncidentCategory[]): IncidentCategory | undefined {
  const c = incident.category?.trim().toLowerCase();
  if (!c) return undefined;
  return taxonomy.find((t) => t.id.toLowerCase() === c) ?? taxonomy.find((t) => t.name?.toLowerCase() === c);
}
