import { z } from 'zod';
import { githubMappingOptions } from '../github-rest/github-rest-config.js';

/**
 * Options of the `github-api` source: the live GitHub REST API (github.com or GitHub
 * Enterprise Server through `baseUrl`), with the token read from an environment variable.
 */
export const githubApiOptionsSchema = z.object({
  ...githubMappingOptions,
  /** The organization or user that owns the repositories. */
  owner: z.string().min(1),
  /** Repository names (without the owner). */
  repos: z.array(z.string().min(1)).min(1),
  /** `https://github.example.com/api/v3` for GitHub Enterprise Server. */
  baseUrl: z.url().optional(),
  /** Environment variable holding the token (fine-grained: Pull requests, Contents, Deployments, Administration read). */
  tokenEnv: z.string().min(1).default('GITHUB_TOKEN'),
  /** ISO-8601 lower bound: pull requests updated, deployments created and commits made since then. */
  since: z.iso.datetime({ offset: true }).optional(),
  /** The branch whose commits and protection are read; the repository's default branch when absent. */
  defaultBranch: z.string().min(1).optional(),
  /** Longest wait for a rate limit to reset before giving up, in seconds. */
  maxWaitSeconds: z.number().int().min(0).max(3600).default(300),
  /** Stop after this many pages per listing (safety net). */
  maxPages: z.number().int().min(1).default(1000),
}).strict();
export type GithubApiOptions = z.infer<typeof githubApiOptionsSchema>;
