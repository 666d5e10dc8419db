/** @module The data format of a framework: its requirements and the mapping of our controls to them. */
import { z } from 'zod';

/**
 * How one of our controls relates to a requirement, in the set-theory terms open GRC tools use
 * (NIST OLIR, CISO Assistant): `equal` — the control does what the requirement asks, no more;
 * `subset` — the control covers part of the requirement; `superset` — the control covers the
 * requirement and more; `intersect` — they overlap without either containing the other.
 */
export const mappingRelationships = ['equal', 'subset', 'superset', 'intersect'] as const;
export type MappingRelationship = (typeof mappingRelationships)[number];

/** One requirement node: its id is a fact (`A.6.2.8`, `GOVERN 1.6`, `Art. 12`); the words are ours. */
export const frameworkRequirementSchema = z.object({
  id: z.string().min(1).describe('The requirement id as the framework numbers it (a fact, e.g. A.6.2.8).'),
  group: z.string().min(1).optional().describe('The id of the group the requirement sits in (A.6, GOVERN, Art. 26).'),
  title: z.string().min(3).describe('A short title in our own words.'),
  summary: z.string().min(10).describe('What the requirement asks, in our own short words (never the framework\'s text).'),
  tags: z.array(z.string().min(1)).default([]).describe('Who or what it applies to, e.g. provider, deployer, high-risk, gpai.'),
}).strict();
export type FrameworkRequirement = z.infer<typeof frameworkRequirementSchema>;

/** A framework's requirements file (`requirements.json`). */
export const frameworkRequirementsSchema = z.object({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case id such as iso42001').describe('The id used on the command line: check --framework ID.'),
  name: z.string().min(3),
  version: z.string().min(1).describe('The edition the ids follow, e.g. 2023, 1.0, Regulation (EU) 2024/1689.'),
  publisher: z.string().min(2).optional(),
  url: z.string().url().optional().describe('Where the framework itself can be read.'),
  note: z.string().optional().describe('What the requirement texts are (our paraphrase) and any limit of the list.'),
  groups: z.array(z.object({ id: z.string().min(1), title: z.string().min(3) }).strict()).default([]),
  requirements: z.array(frameworkRequirementSchema).min(1),
}).strict();
export type FrameworkRequirements = z.infer<typeof frameworkRequirementsSchema>;
export type FrameworkRequirementsInput = z.input<typeof frameworkRequirementsSchema>;

/** One mapping: our control serves a requirement, with the relationship and why. */
export const frameworkMappingEntrySchema = z.object({
  control: z.string().min(1).describe('Our control id, e.g. AGT-16.'),
  requirement: z.string().min(1).describe('The framework requirement id.'),
  relationship: z.enum(mappingRelationships),
  rationale: z.string().min(5).optional().describe('Why the control serves the requirement, in a sentence.'),
}).strict();
export type FrameworkMappingEntry = z.infer<typeof frameworkMappingEntrySchema>;

/** A mapping file (`mapping.json`): our controls mapped to one framework's requirements. */
export const frameworkMappingSchema = z.object({
  $schema: z.string().optional(),
  framework: z.string().min(1).describe('The id of the framework the requirements belong to.'),
  mappings: z.array(frameworkMappingEntrySchema),
}).strict();
export type FrameworkMapping = z.infer<typeof frameworkMappingSchema>;
export type FrameworkMappingInput = z.input<typeof frameworkMappingSchema>;

/** A framework ready to use: its requirements and validated mappings. */
export interface Framework extends FrameworkRequirements {
  mappings: FrameworkMappingEntry[];
}
