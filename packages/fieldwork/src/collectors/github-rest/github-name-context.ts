/** What an artifact's name tells about its contents when the JSON itself does not say. */
export interface GithubNameContext {
  repo?: string;
  /** Pull request number of a reviews page. */
  number?: number;
  /** Branch of a protection or rules response, or of a commits page fetched with `sha=`. */
  branch?: string;
  /** Deployment id of a statuses page. */
  deploymentId?: string;
  /** When the response was fetched (an ISO instant in the name). */
  observedAt?: string;
  /** The response is `GET …/rules/branches/{branch}` (an empty page still means "no rules"). */
  rules: boolean;
  /** The first-parent commit of the default branch at which a commits page continues. */
  firstParentFrom?: string;
}

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * Reads the context from an API request (`GET /repos/o/r/pulls/12/reviews?page=2`, as
 * github-api names its pages) or a file name following the documented layout
 * (`pulls-12-reviews.json`, `branches-main-protection.2026-09-30T12-00-00Z.json`). A commits
 * file's branch is not guessed from its name (`commits-2026-09.json` is no branch): it is the
 * source's `defaultBranch`.
 */
export function contextFromName(name: string): GithubNameContext {
  const ctx: GithubNameContext = { rules: false };
  const time = /(\d{4}-\d{2}-\d{2})T(\d{2})[:-]?(\d{2})[:-]?(\d{2})(\.\d+)?Z/.exec(name);
  if (time) {
    const iso = `${time[1]}T${time[2]}:${time[3]}:${time[4]}${time[5] ?? ''}Z`;
    if (!Number.isNaN(Date.parse(iso))) ctx.observedAt = new Date(iso).toISOString();
  }
  const rest = time ? name.replace(time[0], '') : name;
  const file = rest.split(/[\\/]/).pop()!.replace(/\.(json|jsonl|ndjson)$/i, '').replace(/[._-]+$/, '');
  const repo = /\/repos\/([^/\s?]+)\/([^/\s?]+)/.exec(rest);
  if (repo) ctx.repo = `${decode(repo[1])}/${decode(repo[2])}`;
  const num = /\/pulls\/(\d+)\/reviews/.exec(rest) ?? /(?:^|[-_.])pulls?[-_.](\d+)[-_.]reviews/.exec(file) ?? /(?:^|[-_.])reviews[-_.](\d+)$/.exec(file);
  if (num) ctx.number = Number(num[1]);
  const dep = /\/deployments\/(\d+)\/statuses/.exec(rest) ?? /(?:^|[-_.])deployments?[-_.](\d+)[-_.]statuses/.exec(file);
  if (dep) ctx.deploymentId = dep[1];
  ctx.rules = /\/rules\/branches\//.test(rest) || /(?:^|[-_.])rules[-_.]branches[-_.]/.test(file);
  const branch = /\/rules\/branches\/([^?\s)]+)/.exec(rest) ?? /\/branches\/(.+?)\/protection/.exec(rest) ?? /[?&]sha=([^&\s)]+)/.exec(rest)
    ?? /(?:^|[-_.])rules[-_.]branches[-_](.+)$/.exec(file) ?? /(?:^|[-_.])branches?[-_](.+?)[-_]protection$/.exec(file);
  if (branch) ctx.branch = decode(branch[1]);
  const fp = /first-parent from ([0-9a-f]{7,40})/.exec(rest);
  if (fp) ctx.firstParentFrom = fp[1];
  return ctx;
}
