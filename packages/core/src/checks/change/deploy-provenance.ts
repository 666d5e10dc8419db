import type { ChangeRecord, Citation, DeploymentRecord } from '../../records/index.js';

const lower = (s: string | undefined) => (s ?? '').trim().toLowerCase();
const ms = (instant: string) => Date.parse(instant);
const SHA = /^[0-9a-f]{7,40}$/i;
const TAG = /^(refs\/tags\/|v?\d+(\.\d+)+)/i;

/**
 * What the deployment rules keep of a change: the fields they read, whether it is an emergency
 * change, its citation, and its place among the change records (`ordinal`, from 0).
 */
export interface ChangeFacts extends Pick<ChangeRecord, 'repo' | 'number' | 'commit' | 'headCommit' | 'mergedAt' | 'targetBranch' | 'via'> {
  emergency: boolean;
  citation: Citation;
  ordinal: number;
}

/** Where a deployed commit came from, judged at the deployment's time. */
export type Provenance =
  /** The commit had reached a mainline branch by then (merged, pushed, or the branch's head). */
  | { kind: 'mainline'; via: string; change?: ChangeFacts }
  /** The commit reached a mainline branch only after it was deployed (a pull request's head deployed before its merge). */
  | { kind: 'merged_later'; change: ChangeFacts }
  /** Deployed from a branch that is not a mainline branch, and the commit is not known on one. */
  | { kind: 'other_branch'; ref: string }
  /** The evidence cannot tell (a tag or a bare sha not seen among mainline commits). */
  | { kind: 'unknown'; ref?: string };

/**
 * Indexes the commits that reached a mainline branch: each change's merge commit (or pushed
 * commit) and, for a merged pull request, its head (what was reviewed; a squash merge's head
 * is not an ancestor of the branch, but its content is what merged). `mainline` names the
 * branches deployments must come from.
 */
export function provenanceOf(changes: readonly ChangeFacts[], mainline: (repo: string) => Set<string>): (d: Pick<DeploymentRecord, 'repo' | 'commit' | 'at' | 'ref'>) => Provenance {
  const bySha = new Map<string, ChangeFacts[]>();
  for (const c of changes) {
    if (!mainline(c.repo).has(lower(c.targetBranch))) continue;
    for (const sha of [c.commit, c.via === 'pull_request' ? c.headCommit : undefined]) {
      if (!sha) continue;
      const k = `${lower(c.repo)}|${lower(sha)}`;
      const list = bySha.get(k);
      if (list) list.push(c);
      else bySha.set(k, [c]);
    }
  }
  return (d) => {
    const sha = lower(d.commit);
    const exact = bySha.get(`${lower(d.repo)}|${sha}`);
    // An abbreviated sha (hand-written deployment records) matches by prefix.
    const hits = (exact ?? (sha.length >= 7 && sha.length < 40
      ? [...bySha.entries()].filter(([k]) => k.startsWith(`${lower(d.repo)}|${sha}`)).flatMap(([, v]) => v)
      : [])).slice().sort((a, b) => ms(a.mergedAt) - ms(b.mergedAt));
    const before = hits.find((c) => ms(c.mergedAt) <= ms(d.at));
    if (before) return { kind: 'mainline', via: before.number !== undefined ? `${before.repo}#${before.number}` : `${before.repo}@${(before.commit ?? '').slice(0, 7)}`, change: before };
    const ref = d.ref?.replace(/^refs\/heads\//, '');
    // GitHub resolves a deployment's ref to its sha when the deployment is created: a mainline ref means its head then.
    if (ref && mainline(d.repo).has(lower(ref))) return { kind: 'mainline', via: `the ${ref} branch` };
    if (hits.length > 0) return { kind: 'merged_later', change: hits[0] };
    if (ref && !SHA.test(ref) && !TAG.test(ref)) return { kind: 'other_branch', ref };
    return { kind: 'unknown', ...(d.ref ? { ref: d.ref } : {}) };
  };
}
