import { z } from 'zod';

/**
 * Options of the `git-repo` source: a local clone. The folder goes in `options.path` (not the
 * entry's `path`, which names files to read): the artifact is the output of `git log`.
 */
export const gitRepoOptionsSchema = z.object({
  /** The clone's folder, relative to the workspace. */
  path: z.string().min(1),
  /** The branch whose first-parent history is read (`main`, or `origin/main` in a fresh clone). */
  branch: z.string().min(1).default('main'),
  /** ISO-8601 or `YYYY-MM-DD`: only commits since then. */
  since: z.string().min(1).optional(),
  /** `owner/name` the records carry; from the `origin` remote (or the folder name) when absent. */
  repo: z.string().min(1).optional(),
  /** Ticket project keys that count (e.g. [ENG, OPS]); any Jira-style key when empty. */
  ticketProjects: z.array(z.string().regex(/^[A-Z][A-Z0-9]+$/, 'expected an upper-case project key')).default([]),
}).strict();
export type GitRepoOptions = z.infer<typeof gitRepoOptionsSchema>;
