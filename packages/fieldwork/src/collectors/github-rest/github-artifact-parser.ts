import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { ArtifactInput, ParseContext } from '../collector.js';
import { directPushesFromCommits } from './github-commits-mapper.js';
import { readGithubJson } from './github-json-stream.js';
import { parseShape } from './github-map-context.js';
import type { MapContext } from './github-map-context.js';
import { contextFromName } from './github-name-context.js';
import { notProtectedSnapshot, protectionSnapshot, rulesSnapshot } from './github-protection-mapper.js';
import type { GithubMappingOptions } from './github-rest-config.js';
import { changeFromPull, changeFromSearchItem, deploymentRecord, deploymentStatusRecord, reviewRecord } from './github-rest-mapper.js';
import { classify, commitSchema, deploymentSchema, deploymentStatusSchema, protectionSchema, pullSchema, reviewSchema, ruleSchema, searchItemSchema } from './github-shapes.js';
import type { GithubCommit, GithubRule } from './github-shapes.js';
import { mapDelivery, mapEvent, mapWebhook } from './github-webhook-mapper.js';

const HINT = 'github-rest reads GitHub REST responses (pulls, reviews, commits, deployments, statuses, branch protection, rules, search) and webhook payloads saved as JSON; see the docs for the gh api command of each file.';

/**
 * Maps one GitHub artifact — a saved response, `gh api --paginate` output, a webhook delivery or
 * an API page fetched by github-api — to records. Each object is recognized by its shape, so a
 * folder may mix them. Objects that belong to other kinds (alerts, GraphQL) are skipped.
 */
export async function* parseGithubArtifact(input: ArtifactInput, options: GithubMappingOptions, ctx: ParseContext): AsyncGenerator<FieldworkRecord> {
  const mc: MapContext = { file: input.displayName, name: contextFromName(input.displayName), options, cite: ctx.cite };
  const commits: { value: GithubCommit; locator: string }[] = [];
  let rules: GithubRule[] = [];
  for await (const ev of readGithubJson(input)) {
    if (ev.type === 'pageEnd') {
      if (rules.length > 0 || (ev.empty && mc.name.rules)) yield rulesSnapshot(rules, ev.locator, mc);
      rules = [];
      continue;
    }
    const { value, locator } = ev;
    const shape = classify(value);
    if (!shape) {
      throw new FieldworkError('INPUT_WRONG_FORMAT', `${input.displayName}: the value at ${locator} is not a GitHub object this kind reads.`, {
        where: { file: input.displayName, pointer: locator.slice(locator.indexOf('#') + 1) }, hint: HINT,
      });
    }
    switch (shape.shape) {
      case 'skip': break;
      case 'api_error':
        throw new FieldworkError('INPUT_WRONG_FORMAT', `${input.displayName} holds a GitHub API error ("${shape.message}"), not data.`, {
          where: { file: input.displayName, pointer: locator.slice(locator.indexOf('#') + 1) },
          hint: 'The request failed when the file was saved (token scope, repository name); run it again and save the answer.',
        });
      case 'pull': {
        const change = changeFromPull(parseShape(pullSchema, value, locator, mc, 'pull request'), locator, mc);
        if (change) yield change;
        break;
      }
      case 'review': yield reviewRecord(parseShape(reviewSchema, value, locator, mc, 'review'), locator, mc); break;
      case 'deployment': yield deploymentRecord(parseShape(deploymentSchema, value, locator, mc, 'deployment'), locator, mc); break;
      case 'deployment_status': yield deploymentStatusRecord(parseShape(deploymentStatusSchema, value, locator, mc, 'deployment status'), locator, mc); break;
      case 'protection': yield protectionSnapshot(parseShape(protectionSchema, value, locator, mc, 'branch protection'), locator, mc); break;
      case 'not_protected': yield notProtectedSnapshot(locator, mc); break;
      case 'rule': rules.push(parseShape(ruleSchema, value, locator, mc, 'rule')); break;
      case 'commit': {
        const c = parseShape(commitSchema, value, locator, mc, 'commit');
        // Keep only what the first-parent walk reads: a long history stays small in memory.
        commits.push({
          locator,
          value: {
            sha: c.sha, url: c.url, html_url: c.html_url, parents: c.parents.map((p) => ({ sha: p.sha })),
            commit: { message: c.commit.message, author: c.commit.author, committer: c.commit.committer },
            author: c.author ? { login: c.author.login } : null, committer: c.committer ? { login: c.committer.login } : null,
          },
        });
        break;
      }
      case 'search': {
        const items = (value as { items: unknown[] }).items;
        for (const [i, item] of items.entries()) {
          const at = `${locator.replace(/\/$/, '')}/items/${i}`;
          if (classify(item)?.shape !== 'search_item') continue; // issues that are not pull requests
          const change = changeFromSearchItem(parseShape(searchItemSchema, item, at, mc, 'search result'), at, mc);
          if (change) yield change;
        }
        break;
      }
      case 'search_item': {
        const change = changeFromSearchItem(parseShape(searchItemSchema, value, locator, mc, 'search result'), locator, mc);
        if (change) yield change;
        break;
      }
      case 'event': yield* mapEvent(value, locator, mc); break;
      case 'delivery': yield* mapDelivery(value, locator, mc); break;
      case 'webhook': yield* mapWebhook(shape.event, value, locator, mc); break;
    }
  }
  yield* directPushesFromCommits(commits, mc);
}
