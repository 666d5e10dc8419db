import { z } from 'zod';

const sectionSchema = z.object({
  backups: z.object({
    resources: z.array(z.union([
      z.string().min(1).transform((name) => ({ name })),
      z.object({ name: z.string().min(1), critical: z.boolean().optional(), cadenceDays: z.number().positive().optional() }).loose(),
    ])).optional(),
  }).loose().optional(),
}).loose();

/** A resource the workspace declares under `backups.resources`. */
export interface DeclaredResource {
  name: string;
  critical?: boolean;
  cadenceDays?: number;
}

/** The declared resources, or none when the section is absent or malformed. */
export function declaredResources(workspace: unknown): DeclaredResource[] {
  const parsed = sectionSchema.safeParse(workspace);
  return parsed.success ? parsed.data.backups?.resources ?? [] : [];
}

/**
 * The declared resource a collected resource name belongs to: the same name, or an ARN or path
 * ending in it (`arn:aws:rds:us-west-2:1:db:prod-db` belongs to `prod-db`).
 */
export function declaredResourceOf(resource: string, declared: DeclaredResource[]): DeclaredResource | undefined {
  const r = resource.trim().toLowerCase();
  return declared.find((d) => {
    const n = d.name.trim().toLowerCase();
    return r === n || r.endsWith(`:${n}`) || r.endsWith(`/${n}`);
  });
}

/** The name to report a resource under: its declared name when there is one. */
export const resourceName = (resource: string, declared: DeclaredResource[]): string => declaredResourceOf(resource, declared)?.name ?? resource;

/** True for a status that means the job or test finished successfully. */
export const succeeded = (status: string): boolean => /^(completed?|success|successful|succeeded|ok|done|passed)$/i.test(status.trim());
