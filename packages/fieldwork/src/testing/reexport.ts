import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

/** Where the facts sit in an export, and how an older or newer export of the same source differs. */
export type ReexportSpec =
  | {
    format: 'csv' | 'jsonl' | 'json' | 'yaml';
    /** For json/yaml: the path of the list of facts inside the document ([] = the document is the list). */
    path?: (string | number)[];
    /** The older statement of the same fact: what one item said before the newer export corrected it. */
    edit(item: any): void;
    /** A fact only the older export stated (snapshot kinds), made from an item by changing who it is. */
    other?(item: any): void;
  }
  | {
    /** A document that states one fact (a policy, a restore test): only an edit applies. */
    format: 'text';
    editText(content: string): string;
  };

/** How a source re-states facts: a snapshot replaces the older export; a log's facts stay. */
export type ReexportMode = 'snapshot' | 'log';

interface Doc {
  items: any[];
  render(items: any[]): string;
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function openDoc(content: string, spec: Extract<ReexportSpec, { format: 'csv' | 'jsonl' | 'json' | 'yaml' }>): Doc {
  if (spec.format === 'csv') {
    const rows = parseCsv(content, { relax_column_count: true }) as string[][];
    const [header, ...items] = rows;
    return { items, render: (xs) => [header, ...xs].map((r) => r.map(csvField).join(',')).join('\n') + '\n' };
  }
  if (spec.format === 'jsonl') {
    const items = content.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
    return { items, render: (xs) => xs.map((x) => JSON.stringify(x)).join('\n') + '\n' };
  }
  const doc = spec.format === 'json' ? JSON.parse(content) : parseYaml(content);
  const path = spec.path ?? [];
  let parent: any = doc;
  for (const k of path.slice(0, -1)) parent = parent[k];
  const last = path[path.length - 1];
  const items = (last === undefined ? doc : parent[last]) as any[];
  if (!Array.isArray(items)) throw new Error(`no list of facts at /${path.join('/')}`);
  return {
    items,
    render(xs) {
      const out = last === undefined ? xs : (parent[last] = xs, doc);
      return spec.format === 'json' ? JSON.stringify(out, null, 2) : stringifyYaml(out);
    },
  };
}

const clone = <T>(x: T): T => structuredClone(x);

/**
 * The export a week before `content`, as a re-export would overlap it: the same facts in another
 * order, one of them stated differently then; a log lacks the newest fact (it had not happened),
 * a snapshot also listed a fact that `content` no longer states.
 */
export function previousExport(content: string, spec: ReexportSpec, mode: ReexportMode): string {
  if (spec.format === 'text') return spec.editText(content);
  const doc = openDoc(content, spec);
  const items = doc.items.map(clone);
  const prev = mode === 'log' && items.length > 1 ? items.slice(0, -1) : items;
  spec.edit(prev[0]);
  if (mode === 'snapshot' && spec.other) {
    const gone = clone(doc.items[doc.items.length - 1]);
    spec.other(gone);
    prev.push(gone);
  }
  return doc.render(prev.reverse());
}

/** The export after `content` when its oldest fact is no longer in it (deleted, or out of the export window). */
export function laterExport(content: string, spec: ReexportSpec): string | undefined {
  if (spec.format === 'text') return undefined;
  const doc = openDoc(content, spec);
  if (doc.items.length < 2) return undefined;
  return doc.render(doc.items.slice(1).map(clone));
}

/** The first `n` facts of an export (a small fixture from a large one). */
export function firstFacts(content: string, spec: ReexportSpec, n: number): string {
  if (spec.format === 'text') return content;
  const doc = openDoc(content, spec);
  return doc.render(doc.items.slice(0, n).map(clone));
}
