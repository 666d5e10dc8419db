import type { SourceOutcome } from './collect-sources.js';
import { collectors } from './registry.js';

/**
 * The one warning line `collect` prints for a source whose files had fields or columns that
 * nothing read: the source, each file with its fields (and where each first appeared), and
 * how to map them. Undefined when everything was read.
 *
 * @example
 * ignoredFieldsWarning(outcome)
 * // source "vendors" (vendors-csv) did not read vendors.csv: "Website" (line 1); map them with options.columns if they hold a field Fieldwork reads
 */
export function ignoredFieldsWarning(o: SourceOutcome): string | undefined {
  const files = o.artifacts.filter((a) => a.ignored && a.ignored.length > 0);
  if (files.length === 0) return undefined;
  const what = files.map((a) => `${a.name}: ${a.ignored!.map((f) => `"${f.field}" (${f.at})`).join(', ')}`).join('; ');
  const option = collectors[o.kind]?.mappingOption;
  const hint = option
    ? `map them with options.${option} in fieldwork.yaml if they hold a field Fieldwork reads, or drop them from the export`
    : 'Fieldwork does not read these fields of this format';
  return `source "${o.name}" (${o.kind}) did not read ${what}; ${hint}.`;
}
