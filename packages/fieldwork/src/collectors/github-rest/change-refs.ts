/**
 * What a change's text says about itself: ticket keys, the emergency flag, the pull request a
 * commit came from, and `Key: value` trailers. Shared by github-rest, github-api and git-repo.
 */

/** Tokens shaped like ticket keys that are not tickets (standards, hashes, model names). */
const NOT_TICKETS = new Set(['CVE', 'CWE', 'GHSA', 'UTF', 'SHA', 'ISO', 'RFC', 'TLS', 'SSL', 'HTTP', 'AES', 'RSA', 'GPT', 'IPV', 'PEP', 'ECMA', 'ES', 'OWASP', 'LLM', 'SOC', 'PCI', 'HIPAA']);

/** How to recognize ticket keys. */
export interface TicketRules {
  /** Only these project keys count (e.g. `['ENG', 'OPS']`); any Jira-style key when empty. */
  projects?: string[];
}

function accept(key: string, rules: TicketRules): boolean {
  const project = key.slice(0, key.lastIndexOf('-'));
  if (rules.projects && rules.projects.length > 0) return rules.projects.includes(project);
  return !NOT_TICKETS.has(project);
}

/**
 * Jira-style keys (`ENG-123`) in titles and bodies (upper case, as people write them) and in
 * branch names (any case: `eng-123-fix-login`), de-duplicated in order of appearance.
 *
 * @example
 * ticketRefs({ text: ['Fix login (ENG-12)'], branch: 'eng-14-retry' }) // ['ENG-12', 'ENG-14']
 */
export function ticketRefs(from: { text?: (string | null | undefined)[]; branch?: string | null }, rules: TicketRules = {}): string[] {
  const out: string[] = [];
  const add = (k: string) => {
    if (accept(k, rules) && !out.includes(k)) out.push(k);
  };
  for (const t of from.text ?? []) {
    if (!t) continue;
    for (const m of t.matchAll(/(?<![A-Za-z0-9-])([A-Z][A-Z0-9]+-\d+)(?![A-Za-z0-9])/g)) add(m[1]);
  }
  if (from.branch) {
    for (const m of from.branch.matchAll(/(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9]+-\d+)(?![0-9])/g)) add(m[1].toUpperCase());
  }
  return out;
}

/** `Key: value` trailers of a commit message or PR body (the last paragraph, git's rule, and any line of that form). */
export function trailers(message: string | null | undefined, key: string): string[] {
  if (!message) return [];
  const re = new RegExp(`^${key}:[ \\t]*(.+?)[ \\t]*$`, 'gim');
  return [...message.matchAll(re)].map((m) => m[1]);
}

/** True when the text carries `Emergency: yes` (or `true`). */
export function emergencyTrailer(message: string | null | undefined): boolean {
  return trailers(message, 'Emergency').some((v) => /^(yes|true|y|1)$/i.test(v));
}

/**
 * The pull request a commit on the default branch came from, by GitHub's own messages: a merge
 * commit (`Merge pull request #12 from org/branch`) or a squash merge (`Title (#12)`).
 */
export function pullRequestOfCommit(message: string): { number: number; style: 'merge' | 'squash'; title: string } | undefined {
  const lines = message.split('\n');
  const first = lines[0].trim();
  const merge = /^Merge pull request #(\d+) from \S+/.exec(first);
  if (merge) {
    const title = lines.slice(1).map((l) => l.trim()).find((l) => l !== '') ?? first;
    return { number: Number(merge[1]), style: 'merge', title };
  }
  const squash = /^(.*?)\s*\(#(\d+)\)$/.exec(first);
  if (squash) return { number: Number(squash[2]), style: 'squash', title: squash[1] };
  return undefined;
}
