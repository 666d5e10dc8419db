import type { FieldworkRecord } from '@fieldwork/core/records';
import type { ArtifactInput, ParseContext } from '../collector.js';
import { parseGithubArtifact } from '../github-rest/github-artifact-parser.js';
import type { GithubApiOptions } from './github-api-config.js';

/**
 * Maps one fetched API page with the github-rest mapping: the page's name (`GET /repos/o/r/…`)
 * gives the repository, branch, PR number and fetch time the JSON does not carry.
 */
export function mapGithubApiPage(input: ArtifactInput, options: GithubApiOptions, ctx: ParseContext): AsyncIterable<FieldworkRecord> {
  return parseGithubArtifact(input, {
    defaultBranch: options.defaultBranch ?? 'main',
    ticketProjects: options.ticketProjects,
    emergencyLabels: options.emergencyLabels,
    ...(options.observedAt ? { observedAt: options.observedAt } : {}),
    ...(options.repos.length === 1 ? { repo: `${options.owner}/${options.repos[0]}` } : {}),
  }, ctx);
}
