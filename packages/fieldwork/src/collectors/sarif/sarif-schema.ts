import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv-draft-04';

/**
 * The official SARIF 2.1.0 schema, shipped in the package's `schemas/` folder. The path is the
 * same from `src/collectors/sarif` (tests) and `dist/collectors/sarif` (built): both sit three
 * levels under the package root.
 */
export const SARIF_SCHEMA_PATH = fileURLToPath(new URL('../../../schemas/sarif-schema-2.1.0.json', import.meta.url));

let validator: ValidateFunction | undefined;

// The schema uses three formats; Ajv checks formats only when told how.
const FORMATS: Record<string, (s: string) => boolean> = {
  'date-time': (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s)),
  uri: (s) => /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(s),
  'uri-reference': (s) => !/\s/.test(s),
};

/** The compiled SARIF 2.1.0 validator (compiled once, on first use). */
export function sarifValidator(): ValidateFunction {
  if (!validator) {
    // ajv-draft-04 is CommonJS: its default export is the module itself, which is also the class.
    const AjvClass = ((Ajv as unknown as { default?: typeof Ajv }).default ?? Ajv) as unknown as new (opts: object) => { addFormat(n: string, f: (s: string) => boolean): void; compile(s: object): ValidateFunction };
    const ajv = new AjvClass({ strict: false, allErrors: false });
    for (const [name, check] of Object.entries(FORMATS)) ajv.addFormat(name, check);
    validator = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')) as object);
  }
  return validator;
}

/** The first schema error of `doc`, or undefined when it is valid SARIF 2.1.0. */
export function firstSarifError(doc: unknown): ErrorObject | undefined {
  const validate = sarifValidator();
  return validate(doc) ? undefined : validate.errors?.[0];
}
