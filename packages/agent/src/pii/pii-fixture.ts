import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One record of the Presidio research synthetic PII dataset. */
export interface PresidioRecord {
  readonly full_text: string;
  readonly spans: ReadonlyArray<{
    readonly entity_type: string;
    readonly entity_value: string;
    readonly start_position: number;
    readonly end_position: number;
  }>;
}

/**
 * Location of the Presidio fixture, kept inside the repository (`fixtures/third-party/pii/`, see
 * SOURCES.md there) so the PII tests run on a fresh clone. src/pii and dist/pii are both four
 * levels below the repository root.
 */
export const PRESIDIO_FIXTURE =
  process.env.FIELDWORK_PRESIDIO_FIXTURE ??
  fileURLToPath(new URL('../../../../fixtures/third-party/pii/presidio-research.generated_large.json', import.meta.url));

/**
 * The Presidio records. Throws when the file is missing: a quality test that quietly skips
 * would report green on a clone that never measured anything.
 */
export function loadPresidio(): PresidioRecord[] {
  return JSON.parse(readFileSync(PRESIDIO_FIXTURE, 'utf8')) as PresidioRecord[];
}
