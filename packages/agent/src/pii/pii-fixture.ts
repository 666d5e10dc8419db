import { existsSync, readFileSync } from 'node:fs';

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

/** Location of the shared Presidio fixture; tests that need it are skipped when it is absent. */
export const PRESIDIO_FIXTURE =
  process.env.FIELDWORK_PRESIDIO_FIXTURE ??
  // shared/ sits beside the repository root (packages/agent/src/pii → five levels up).
  new URL('../../../../../shared/fixtures/real/pii/presidio-research.generated_large.json', import.meta.url).pathname;

/** The Presidio records, or `undefined` when the fixture is not on this machine. */
export function loadPresidio(): PresidioRecord[] | undefined {
  if (!existsSync(PRESIDIO_FIXTURE)) return undefined;
  return JSON.parse(readFileSync(PRESIDIO_FIXTURE, 'utf8')) as PresidioRecord[];
}
