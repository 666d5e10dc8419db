import type { Collector } from '../collector.js';
import { githubApiOptionsSchema } from './github-api-config.js';
import type { GithubApiOptions } from './github-api-config.js';
import { fetchGithub } from './github-api-fetch.js';
import { mapGithubApiPage } from './github-api-mapper.js';

/**
 * The live GitHub REST API: every response page is stored byte for byte as an artifact and
 * mapped exactly like the same response saved as a file (github-rest).
 */
export const githubApiCollector: Collector<GithubApiOptions> = {
  kind: 'github-api',
  snapshotKinds: ['branch_protection'],
  description: 'GitHub REST API, live: merged pull requests, reviews, deployments, commits on the default branch, branch protection',
  options: githubApiOptionsSchema,
  mediaType: 'application/json',
  fetch: (options, ctx) => fetchGithub(options, ctx),
  parse: (input, options, ctx) => mapGithubApiPage(input, options, ctx),
};
