import { z } from 'zod';

/** Options shared by every GitHub source: how to read what the JSON does not say. */
export const githubMappingOptions = {
  /** `owner/name` for responses that do not name their repository (a 404 "Branch not protected" body). */
  repo: z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'expected owner/name').optional(),
  /** The branch whose commits are production changes (for commits lists and search results). */
  defaultBranch: z.string().min(1).default('main'),
  /** When protection/ruleset snapshots were taken, if neither the file name nor the API call says. */
  observedAt: z.iso.datetime({ offset: true }).optional(),
  /** Ticket project keys that count (e.g. [ENG, OPS]); any Jira-style key when empty. */
  ticketProjects: z.array(z.string().regex(/^[A-Z][A-Z0-9]+$/, 'expected an upper-case project key')).default([]),
  /** Labels that mark a pull request as an emergency change. */
  emergencyLabels: z.array(z.string().min(1)).default(['emergency']),
};

/**
 * Options of the `github-rest` source: a folder (or file) of GitHub REST responses and webhook
 * payloads saved as JSON.
 */
export const githubRestOptionsSchema = z.object(githubMappingOptions).strict();
export type GithubRestOptions = z.infer<typeof githubRestOptionsSchema>;

/** The mapping settings every GitHub collector passes to the shared mapper. */
export type GithubMappingOptions = Pick<GithubRestOptions, 'repo' | 'defaultBranch' | 'observedAt' | 'ticketProjects' | 'emergencyLabels'>;
