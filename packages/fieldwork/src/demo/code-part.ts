import { addDays, startOfDay } from '@fieldwork/core';
import { planting } from './demo-plants.js';
import type { DemoContext, DemoPart, DemoPartOutput, DemoPerson } from './demo-context.js';
import { commitJson, deploymentJson, deploymentStatusJson, protectionJson, protectionRuleHook, pullJson, reviewJson } from './code-part-json.js';
import type { DemoPull, DemoReview } from './code-part-json.js';

/** Minutes after local midnight → an ISO instant (UTC, as GitHub writes it). */
function localTime(date: string, minutes: number, tz: string): string {
  return new Date(Date.parse(startOfDay(date, tz)) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}
const plusMinutes = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000).toISOString().replace('.000Z', 'Z');
const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

/** A stable numeric GitHub user id per login. */
function userId(login: string): number {
  let h = 7;
  for (const ch of login) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return 1_000_000 + (h % 89_000_000);
}

const WORK = [
  'Retry tool calls on provider 429s', 'Stream partial completions to the console', 'Add tenant id to retrieval spans', 'Cache embeddings per workspace',
  'Validate tool output against its JSON schema', 'Move prompt templates to the registry', 'Rate limit the public run API', 'Record model id on every llm span',
  'Fix run resumption after worker restart', 'Add eval gate to the release workflow', 'Redact emails in prompt logs', 'Scope memory reads by tenant',
  'Paginate the runs list endpoint', 'Upgrade the OpenAI SDK', 'Add approval step for payment tools', 'Tighten CORS on the console API',
  'Expire idle agent sessions', 'Add queue depth metric', 'Fallback to the secondary model provider', 'Drop unused feature flags',
  'Speed up vector search filters', 'Log tool credential subject', 'Handle empty tool results', 'Add per-tenant token budgets',
];

interface RepoPlan {
  repo: string;
  repoId: number;
  key: string;
  team: DemoPerson[];
  firstNumber: number;
  firstTicket: number;
  /** Merges per weekday: chance of one, chance of a second. */
  rate: [number, number];
  /** Last day with a successful production deploy (agent-api stops early: the planted undeployed change). */
  lastGoodDeploy: string;
  plant: boolean;
}

interface Built {
  files: Record<string, string>;
  planted: DemoPartOutput['planted'];
}

/** The engineers who can author and review: on GitHub and employed for the whole window. */
function engineers(ctx: DemoContext): DemoPerson[] {
  return ctx.people.filter((p) => p.github && p.workerType === 'employee' && p.hireDate < addDays(ctx.period.from, -45) && (!p.endDate || p.endDate > addDays(ctx.period.to, 30)));
}

function buildRepo(ctx: DemoContext, plan: RepoPlan): Built {
  const { rng } = ctx;
  const tz = ctx.timezone;
  const dir = `exports/github/${plan.repo.split('/')[1]}`;
  const files: Record<string, string> = {};
  const planted: DemoPartOutput['planted'] = [];
  const sha = () => rng.hex(40);
  const login = (p: DemoPerson) => p.github as string;
  const name = (p: DemoPerson) => `${p.firstName} ${p.lastName}`;
  const other = (not: DemoPerson[]) => {
    const pool = plan.team.filter((p) => !not.includes(p));
    return pool[rng.int(0, pool.length - 1)];
  };

  // Merge slots: weekdays from March (history before the window) to the window's end.
  const slots: string[] = [];
  for (let d = '2026-03-02'; d <= ctx.period.to; d = addDays(d, 1)) {
    if (weekday(d) === 0 || weekday(d) === 6) continue;
    // agent-api: a deploy freeze after the change planted as undeployed (merged on the 15th).
    if (plan.plant && d >= '2026-09-15' && d <= '2026-09-22') continue;
    if (rng.chance(plan.rate[0])) slots.push(localTime(d, rng.int(9 * 60, 17 * 60 + 30), tz));
    if (rng.chance(plan.rate[1])) slots.push(localTime(d, rng.int(9 * 60, 17 * 60 + 30), tz));
  }
  if (plan.plant) slots.push(localTime('2026-09-15', 10 * 60 + 12, tz));
  slots.sort();
  const inPeriod = slots.filter((s) => s >= startOfDay(ctx.period.from, tz));
  const plants = plan.plant
    ? new Map<string, string>([[inPeriod[8], 'no_approval'], [inPeriod[21], 'approval_stale'], [inPeriod[34], 'no_ticket'], [inPeriod[47], 'emergency_unapproved'], [inPeriod[58], 'emergency_ok'], [localTime('2026-09-15', 10 * 60 + 12, tz), 'no_deploy_record']])
    : new Map<string, string>();
  // A plant switched off is an ordinary, approved, ticketed change (the emergency hotfix reviewed in time stays: it is compliant).
  for (const [slot, kind] of plants) if (kind !== 'emergency_ok' && !planting(ctx, `code.${kind}`)) plants.delete(slot);
  // Without the undeployed-change plant, production deploys keep succeeding to the period end.
  const lastGoodDeploy = plants.has(localTime('2026-09-15', 10 * 60 + 12, tz)) ? plan.lastGoodDeploy : ctx.period.to;

  const pulls: Record<string, unknown>[] = [];
  const main: { sha: string; at: string; message: string; author: DemoPerson; committer: string }[] = [];
  let number = plan.firstNumber;
  let ticket = plan.firstTicket;
  let reviewId = 2_100_000_000 + plan.repoId % 1000 * 100_000;
  for (const mergedAt of slots) {
    const plant = plants.get(mergedAt);
    const author = plan.team[rng.int(0, plan.team.length - 1)];
    const reviewer = other([author]);
    const work = WORK[rng.int(0, WORK.length - 1)];
    const key = `${plan.key}-${ticket++}`;
    const slug = work.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 32).replace(/-$/, '');
    const noTicket = plant === 'no_ticket';
    const title = noTicket ? 'Tidy up logging in the planner' : rng.chance(0.5) ? `${key}: ${work}` : `[${key}] ${work}`;
    const branch = noTicket ? 'tidy-planner-logs' : `${key.toLowerCase()}-${slug}`;
    const createdAt = plusMinutes(mergedAt, -rng.int(6 * 60, 4 * 24 * 60));
    const first = sha();
    const head = rng.chance(0.35) || plant === 'approval_stale' ? sha() : first;
    const labels = plant === 'emergency_ok' ? ['emergency'] : rng.chance(0.2) ? ['agent-runtime'] : [];
    const body = [
      noTicket ? 'Small cleanup of noisy debug lines.' : `## Summary\n${work}.\n\nCloses ${key}`,
      plant === 'emergency_unapproved' ? '\nProduction outage: tool calls failing for all tenants.\n\nEmergency: yes' : '',
      plant === 'emergency_ok' ? '\nHotfix for the failing token refresh; reviewed after merge per the emergency procedure.' : '',
    ].join('');
    const reviews: DemoReview[] = [];
    const review = (r: Omit<DemoReview, 'id' | 'body'> & { body?: string }) => reviews.push({ id: reviewId++, body: r.body ?? (r.state === 'APPROVED' ? 'LGTM' : 'A few comments inline.'), ...r });
    if (plant === 'no_approval') {
      review({ reviewer: login(reviewer), state: 'COMMENTED', at: plusMinutes(mergedAt, -90), commit: head, body: 'Looks fine, one question inline.' });
      planted.push({ rule: 'change.no_approval', subject: `${plan.repo}#${number}`, why: 'merged with only a comment review, no approval' });
    } else if (plant === 'approval_stale') {
      review({ reviewer: login(reviewer), state: 'APPROVED', at: plusMinutes(mergedAt, -300), commit: first });
      planted.push({ rule: 'change.approval_stale', subject: `${plan.repo}#${number}`, why: 'approved, then another commit was pushed and merged without re-approval' });
    } else if (plant === 'emergency_unapproved') {
      review({ reviewer: login(reviewer), state: 'APPROVED', at: plusMinutes(mergedAt, 5 * 24 * 60 + 40), commit: head, body: 'Approving after the fact.' });
      planted.push({ rule: 'change.emergency_unapproved', subject: `${plan.repo}#${number}`, why: 'emergency change approved only five days after merge' });
    } else if (plant === 'emergency_ok') {
      review({ reviewer: login(reviewer), state: 'APPROVED', at: plusMinutes(mergedAt, 20 * 60), commit: head, body: 'Post-merge review of the hotfix: approved.' });
    } else {
      // Changes requested soon after opening (at least 4.5 hours before the approval below).
      if (head !== first) review({ reviewer: login(reviewer), state: 'CHANGES_REQUESTED', at: plusMinutes(createdAt, rng.int(30, 90)), commit: first });
      if (rng.chance(0.15)) review({ reviewer: login(other([author, reviewer])), state: 'COMMENTED', at: plusMinutes(mergedAt, -rng.int(200, 400)), commit: head });
      review({ reviewer: login(reviewer), state: 'APPROVED', at: plusMinutes(mergedAt, -rng.int(10, 180)), commit: head });
      if (plant === 'no_ticket') planted.push({ rule: 'change.no_ticket', subject: `${plan.repo}#${number}`, why: 'no ticket key in title, branch or description' });
      if (plant === 'no_deploy_record') planted.push({ rule: 'change.no_deploy_record', subject: `${plan.repo}#${number}`, why: 'merged two weeks before period end; every production deploy since failed' });
    }
    const mergeSha = sha();
    const p: DemoPull = { repo: plan.repo, number, id: 1_900_000_000 + plan.repoId % 1000 * 10_000 + number, title, body, author: login(author), branch, createdAt, mergedAt, closedAt: mergedAt, headSha: head, baseSha: main.at(-1)?.sha ?? sha(), mergeSha, labels };
    pulls.push(pullJson(p, userId, plan.repoId));
    files[`${dir}/reviews/pulls-${number}-reviews.json`] = JSON.stringify(reviews.sort((a, b) => (a.at < b.at ? -1 : 1)).map((r) => reviewJson(plan.repo, number, r, userId)), null, 2);
    main.push({ sha: mergeSha, at: mergedAt, message: `${title} (#${number})\n\n${noTicket ? '' : `Closes ${key}`}`.trim(), author, committer: 'web-flow' });
    number++;
    // Now and then a pull request is closed without merging: not a change.
    if (rng.chance(0.08)) {
      const closer = plan.team[rng.int(0, plan.team.length - 1)];
      const closed: DemoPull = { ...p, number, id: p.id + 1, title: `Spike: ${WORK[rng.int(0, WORK.length - 1)].toLowerCase()}`, body: 'Exploration, not for merge.', author: login(closer), branch: `spike-${number}`, mergedAt: null, closedAt: plusMinutes(mergedAt, 30), headSha: sha(), mergeSha: null, labels: [] };
      pulls.push(pullJson(closed, userId, plan.repoId));
      number++;
    }
  }
  if (plan.plant && planting(ctx, 'code.direct_push')) {
    // A commit pushed straight to main, not an emergency.
    const pusher = plan.team[1];
    const direct = { sha: sha(), at: localTime('2026-07-22', 14 * 60 + 12, tz), message: 'Bump model timeout to 45s', author: pusher, committer: login(pusher) };
    main.push(direct);
    planted.push({ rule: 'change.direct_push', subject: `${plan.repo}@${direct.sha.slice(0, 7)}`, why: 'pushed to main without a pull request' });
  }
  main.sort((a, b) => (a.at < b.at ? -1 : 1));

  // GET /pulls?state=closed, newest first, saved with gh api --paginate (pages of 50, concatenated).
  pulls.reverse();
  const pages: string[] = [];
  for (let i = 0; i < pulls.length; i += 50) pages.push(JSON.stringify(pulls.slice(i, i + 50), null, 2));
  files[`${dir}/pulls.json`] = pages.join('\n');
  files[`${dir}/commits.json`] = JSON.stringify(main.map((c, i) => commitJson(plan.repo, { sha: c.sha, parent: main[i - 1]?.sha, message: c.message, author: login(c.author), authorName: name(c.author), at: c.at, committer: c.committer }, userId)).reverse(), null, 2);

  // Deployments: production Mon/Wed/Fri evenings, staging Tue/Thu afternoons.
  const deployments: Record<string, unknown>[] = [];
  let depId = 1_800_000_000 + plan.repoId % 1000 * 10_000;
  let statusId = 5_200_000_000 + plan.repoId % 1000 * 10_000;
  for (let d = '2026-03-02'; d <= ctx.period.to; d = addDays(d, 1)) {
    const wd = weekday(d);
    const env = [1, 3, 5].includes(wd) ? 'production' : [2, 4].includes(wd) ? 'staging' : undefined;
    if (!env) continue;
    if (plan.plant && env === 'production' && d > lastGoodDeploy && d > '2026-09-18') continue;
    const at = localTime(d, env === 'production' ? 18 * 60 : 15 * 60, tz);
    const tip = main.filter((c) => c.at <= at).at(-1);
    if (!tip) continue;
    const id = depId++;
    const outcome = env === 'production' && d > lastGoodDeploy ? 'failure' : 'success';
    deployments.push(deploymentJson(plan.repo, { id, sha: tip.sha, environment: env, at }));
    files[`${dir}/deployment-statuses/deployments-${id}-statuses.json`] = JSON.stringify([
      deploymentStatusJson(plan.repo, id, { id: statusId + 1, state: outcome, environment: env, at: plusMinutes(at, 6) }),
      deploymentStatusJson(plan.repo, id, { id: statusId, state: 'in_progress', environment: env, at: plusMinutes(at, 1) }),
    ], null, 2);
    statusId += 2;
  }
  files[`${dir}/deployments.json`] = JSON.stringify(deployments.reverse(), null, 2);
  files[`${dir}/branches-main-protection.2026-09-30T16-00-00Z.json`] = JSON.stringify(protectionJson(plan.repo, 1), null, 2);

  // branch_protection_rule deliveries, named by their delivery time.
  const admin = plan.team[0];
  const created = localTime(plan.plant ? '2025-11-03' : '2025-10-20', 10 * 60 + 20, tz);
  const hook = (action: 'created' | 'deleted', at: string, rule: { id: number; createdAt: string; updatedAt: string }) => {
    files[`${dir}/webhooks/branch_protection_rule.${action}.${at.replace(/:/g, '-')}.json`] = JSON.stringify(protectionRuleHook(plan.repo, plan.repoId, action, { ...rule, approvals: 1 }, login(admin), userId(login(admin))), null, 2);
  };
  hook('created', created, { id: 41_000_000 + plan.repoId % 1000, createdAt: created, updatedAt: created });
  if (plan.plant && planting(ctx, 'code.protection_gap')) {
    const removed = localTime('2026-06-12', 9 * 60 + 14, tz);
    const restored = localTime('2026-06-15', 11 * 60 + 2, tz);
    hook('deleted', removed, { id: 41_000_000 + plan.repoId % 1000, createdAt: created, updatedAt: removed });
    hook('created', restored, { id: 41_500_000 + plan.repoId % 1000, createdAt: restored, updatedAt: restored });
    planted.push({ rule: 'protection.gap', subject: `${plan.repo}:main`, why: 'branch protection on main deleted on 2026-06-12 and recreated on 2026-06-15' });
  }
  return { files, planted };
}

/**
 * Code and deploys: GitHub REST exports (closed pull requests, reviews per pull request,
 * commits on main, deployments and statuses, a branch protection snapshot) and
 * branch_protection_rule webhook deliveries for two repositories, with planted change
 * management problems in relaylabs/agent-api.
 */
export const codePart: DemoPart = {
  name: 'code',
  generate(ctx): DemoPartOutput {
    const team = engineers(ctx);
    const split = Math.max(4, Math.ceil(team.length * 0.65));
    const api = buildRepo(ctx, { repo: 'relaylabs/agent-api', repoId: 612_004_311, key: 'ENG', team: team.slice(0, split), firstNumber: 412, firstTicket: 1180, rate: [0.6, 0.08], lastGoodDeploy: '2026-09-14', plant: true });
    const web = buildRepo(ctx, { repo: 'relaylabs/web', repoId: 612_004_377, key: 'WEB', team: team.length - split >= 2 ? team.slice(split) : team, firstNumber: 88, firstTicket: 240, rate: [0.2, 0], lastGoodDeploy: ctx.period.to, plant: false });
    return {
      files: { ...api.files, ...web.files },
      sources: [{ name: 'github', kind: 'github-rest', path: 'exports/github' }],
      planted: [...api.planted, ...web.planted],
    };
  },
};
