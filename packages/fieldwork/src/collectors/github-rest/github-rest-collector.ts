import type { Collector } from '../collector.js';
import { parseGithubArtifact } from './github-artifact-parser.js';
import { githubRestOptionsSchema } from './github-rest-config.js';
import type { GithubRestOptions } from './github-rest-config.js';

/**
 * GitHub REST responses and webhook payloads saved as files: merged pull requests, reviews,
 * commits on the default branch, deployments and their statuses, branch protection and rulesets.
 */
export const githubRestCollector: Collector<GithubRestOptions> = {
  kind: 'github-rest',
  snapshotKinds: ['branch_protection'],
  // Facts (a scan date, a PR number) may come from the file name: the same bytes under another name are another artifact.
  artifactIdentity: 'bytes-and-name',
  description: 'GitHub REST responses and webhook payloads saved as JSON (pulls, reviews, commits, deployments, protection)',
  options: githubRestOptionsSchema,
  mediaType: 'application/json',
  parse: (input, options, ctx) => parseGithubArtifact(input, options, ctx),
};
