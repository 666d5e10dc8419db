/** A field or column of an artifact that no collector read, with the place it first appeared. */
export interface IgnoredField {
  /** The name as written in the input (a column title, or a key path such as `soc2.auditor`). */
  field: string;
  /** Where it first appeared (`line 1`, `/incidents/0`). */
  at: string;
}

/**
 * The fields one artifact's collector did not read, each named once: a column repeated on every
 * row, or a key on every entry, is one finding at its first place.
 */
export class IgnoredFields {
  readonly #seen = new Map<string, string>();

  /** Notes a field not read at `at`; later places of the same field are not kept. */
  add(field: string, at: string): void {
    if (!this.#seen.has(field)) this.#seen.set(field, at);
  }

  /** In order of first appearance. */
  list(): IgnoredField[] {
    return [...this.#seen].map(([field, at]) => ({ field, at }));
  }
}
