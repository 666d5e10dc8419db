import type { TrendFacets, TrendFilter } from '@fieldwork/core/history';

const STATUS_WORDS: Record<string, string> = { pass: 'pass', exception: 'exception', insufficient_evidence: 'insufficient evidence', not_tested: 'not tested' };

function Choice(p: { name: string; label: string; value?: string; options: string[]; words?: (v: string) => string }) {
  return (
    <label>
      {p.label}{' '}
      <select name={p.name}>
        <option value="">any</option>
        {[...new Set([...p.options, ...(p.value ? [p.value] : [])])].map((o) => <option value={o} selected={o === p.value}>{p.words ? p.words(o) : o}</option>)}
      </select>
    </label>
  );
}

/**
 * The control filters as a plain GET form (bookmarkable, works without JavaScript): a search box
 * for a control id or title words, and category, owner, status and (on the trend page) criterion.
 */
export function ControlFilters(p: { action: string; filter: TrendFilter; facets: TrendFacets; ownerName: (role: string) => string; criterion?: boolean; runs?: number }) {
  const f = p.filter;
  return (
    <form method="get" action={p.action} class="filters" role="search">
      <label>Search controls{' '}<input type="search" name="q" value={f.q ?? ''} placeholder="id or title words" /></label>
      <Choice name="category" label="Category" value={f.category} options={p.facets.categories} />
      <Choice name="owner" label="Owner" value={f.owner} options={p.facets.owners} words={p.ownerName} />
      <Choice name="status" label="Status now" value={f.status} options={p.facets.statuses} words={(s) => STATUS_WORDS[s] ?? s} />
      {p.criterion ? <Choice name="criterion" label="Criterion" value={f.criterion} options={p.facets.criteria} /> : null}
      {p.runs !== undefined ? <input type="hidden" name="runs" value={String(p.runs)} /> : null}
      <button type="submit">Apply</button>
      <a href={p.action}>Clear</a>
    </form>
  );
}
