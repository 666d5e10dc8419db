import { Octokit } from '@octokit/rest';
import { FieldworkError } from '@fieldwork/core/errors';
import type { FetchContext, FetchedArtifact } from '../collector.js';
import type { GithubApiOptions } from './github-api-config.js';

/** The `next` URL of an RFC 8288 `Link` header. */
function nextLink(link: string | undefined): string | undefined {
  for (const part of (link ?? '').split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part.trim());
    if (m) return m[1];
  }
  return undefined;
}

interface Page {
  status: number;
  bytes: Buffer;
  headers: Record<string, string | undefined>;
  /** The request as a person reads it: `GET /repos/o/r/pulls?state=closed&page=2`. */
  name: string;
  json(): unknown;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * One GitHub API client for a fetch run: keeps each response's exact bytes (they are the
 * evidence), waits out rate limits (403/429 with `retry-after` or `x-ratelimit-remaining: 0`)
 * up to `maxWaitSeconds`, and turns other failures into API_FAILED.
 */
class GithubClient {
  readonly #octokit: Octokit;
  readonly #base: string;
  #last: Buffer = Buffer.alloc(0);

  constructor(readonly options: GithubApiOptions, readonly ctx: FetchContext, token: string) {
    this.#base = (options.baseUrl ?? 'https://api.github.com').replace(/\/$/, '');
    const fetchBytes = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const res = await ctx.fetch(url, init);
      const bytes = Buffer.from(await res.arrayBuffer());
      this.#last = bytes;
      return new Response(NO_BODY.has(res.status) ? null : new Uint8Array(bytes), { status: res.status, statusText: res.statusText, headers: res.headers });
    };
    const quiet = () => {};
    this.#octokit = new Octokit({ auth: token, baseUrl: this.#base, request: { fetch: fetchBytes }, log: { debug: quiet, info: quiet, warn: quiet, error: quiet } });
  }

  /** GET a path (with query) or an absolute `next` URL; `allow` lists error statuses returned instead of thrown. */
  async get(pathOrUrl: string, allow: number[] = []): Promise<Page> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.#base}${pathOrUrl}`;
    const name = `GET ${url.startsWith(this.#base) ? url.slice(this.#base.length) : url}`;
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await this.#octokit.request({ method: 'GET', url });
        return this.#page(res.status, res.headers as Record<string, string | undefined>, name);
      } catch (e) {
        const err = e as { status?: number; response?: { headers?: Record<string, string | undefined> } };
        const status = err.status ?? 0;
        const headers = err.response?.headers ?? {};
        const limited = status === 429 || (status === 403 && (headers['x-ratelimit-remaining'] === '0' || headers['retry-after'] !== undefined));
        if (limited && attempt < 5) {
          const wait = this.#waitMs(headers);
          if (wait > this.options.maxWaitSeconds * 1000) {
            throw new FieldworkError('API_FAILED', `Source ${this.ctx.source}: GitHub's rate limit resets in ${Math.ceil(wait / 1000)}s, longer than maxWaitSeconds (${this.options.maxWaitSeconds}).`, {
              hint: 'Run collect again later, or raise options.maxWaitSeconds. The pages fetched so far are stored.',
            });
          }
          this.ctx.log(`github: rate limited on ${name}, waiting ${Math.ceil(wait / 1000)}s`);
          await sleep(wait);
          continue;
        }
        if (allow.includes(status)) return this.#page(status, headers, name);
        if (status === 0) throw e;
        throw new FieldworkError('API_FAILED', `Source ${this.ctx.source}: ${name} answered ${status}.`, {
          hint: status === 401 ? `Check the token in ${this.options.tokenEnv}.`
            : status === 403 || status === 404 ? `Check that ${this.options.owner}/… exists and the token may read it (fine-grained tokens: Pull requests, Contents, Deployments, Administration: read).`
            : 'Try again later; the pages fetched so far are stored.',
        });
      }
    }
  }

  /** Pages through a listing by `Link: rel="next"`, stopping when `enough(page)` says so. */
  async *pages(path: string, enough: (items: unknown[]) => boolean = () => false): AsyncGenerator<Page> {
    let url: string | undefined = path;
    for (let n = 0; url && n < this.options.maxPages; n++) {
      const page = await this.get(url);
      yield page;
      const items = page.json();
      if (!Array.isArray(items) || items.length === 0 || enough(items)) break;
      url = nextLink(page.headers.link);
    }
  }

  #waitMs(headers: Record<string, string | undefined>): number {
    const retryAfter = Number(headers['retry-after']);
    if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter)) return Math.max(0, retryAfter * 1000);
    const reset = Number(headers['x-ratelimit-reset']);
    if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - Date.now());
    return 60_000;
  }

  #page(status: number, headers: Record<string, string | undefined>, name: string): Page {
    const bytes = this.#last;
    let parsed: unknown;
    return {
      status, bytes, headers, name,
      json: () => (parsed ??= bytes.length ? JSON.parse(bytes.toString('utf8')) : null),
    };
  }
}

const q = (params: Record<string, string | number | undefined>) =>
  Object.entries(params).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
const enc = encodeURIComponent;

/**
 * Fetches, per repository: closed pull requests and the reviews of merged ones, deployments and
 * their statuses, commits on the default branch, branch protection and the rulesets in force.
 * Each response page is one artifact, kept byte for byte.
 */
export async function* fetchGithub(options: GithubApiOptions, ctx: FetchContext): AsyncGenerator<FetchedArtifact> {
  const token = ctx.env[options.tokenEnv];
  if (!token) {
    throw new FieldworkError('SOURCE_BAD_OPTIONS', `Source ${ctx.source}: the environment variable ${options.tokenEnv} is not set.`, {
      hint: 'Create a read-only token (fine-grained: Pull requests, Contents, Deployments, Administration: read) and export it in that variable.',
    });
  }
  const gh = new GithubClient(options, ctx, token);
  const since = options.since ? Date.parse(options.since) : undefined;
  const after = (t: unknown) => since === undefined || (typeof t === 'string' && Date.parse(t) >= since);
  const art = (p: Page, suffix = ''): FetchedArtifact => ({ name: `${p.name}${suffix}`, bytes: p.bytes, mediaType: 'application/json' });

  for (const name of options.repos) {
    const repo = `/repos/${enc(options.owner)}/${enc(name)}`;
    const branch = options.defaultBranch ?? ((await gh.get(repo)).json() as { default_branch?: string }).default_branch ?? 'main';
    ctx.log(`github: ${options.owner}/${name} (${branch})`);

    const merged: number[] = [];
    for await (const p of gh.pages(`${repo}/pulls?${q({ state: 'closed', sort: 'updated', direction: 'desc', per_page: 100 })}`, (items) => !after((items.at(-1) as { updated_at?: string }).updated_at))) {
      yield art(p);
      for (const pr of p.json() as { number: number; merged_at?: string | null }[]) if (pr.merged_at && after(pr.merged_at)) merged.push(pr.number);
    }
    for (const n of merged) {
      for await (const p of gh.pages(`${repo}/pulls/${n}/reviews?${q({ per_page: 100 })}`)) yield art(p);
    }

    const deployments: string[] = [];
    for await (const p of gh.pages(`${repo}/deployments?${q({ per_page: 100 })}`, (items) => !after((items.at(-1) as { created_at?: string }).created_at))) {
      yield art(p);
      for (const d of p.json() as { id: number; created_at?: string }[]) if (after(d.created_at)) deployments.push(String(d.id));
    }
    for (const id of deployments) {
      for await (const p of gh.pages(`${repo}/deployments/${id}/statuses?${q({ per_page: 100 })}`)) yield art(p);
    }

    // The first-parent chain runs across pages; each page's name says where it continues.
    let chain: string | undefined;
    for await (const p of gh.pages(`${repo}/commits?${q({ sha: branch, since: options.since, per_page: 100 })}`)) {
      const commits = p.json() as { sha: string; parents: { sha: string }[] }[];
      yield art(p, chain ? ` (first-parent from ${chain})` : '');
      const bySha = new Map(commits.map((c) => [c.sha, c]));
      let sha = chain ?? commits[0]?.sha;
      while (sha && bySha.has(sha)) sha = bySha.get(sha)!.parents[0]?.sha;
      chain = sha;
    }

    const fetched = ` (fetched ${new Date().toISOString()})`;
    const protection = await gh.get(`${repo}/branches/${enc(branch)}/protection`, [403, 404]);
    const body = protection.json() as { message?: string } | null;
    if (protection.status === 200 || /branch not protected/i.test(body?.message ?? '')) yield art(protection, fetched);
    else ctx.log(`github: ${options.owner}/${name}: branch protection not readable (${protection.status} ${body?.message ?? ''}); the token needs Administration: read`);
    for await (const p of gh.pages(`${repo}/rules/branches/${enc(branch)}?${q({ per_page: 100 })}`)) yield art(p, fetched);
  }
}
