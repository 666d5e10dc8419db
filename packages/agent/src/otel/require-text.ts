/** Returns the trimmed value or throws a TypeError naming the helper and the field. */
export function requireText(helper: string, field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`${helper}: "${field}" must be a non-empty string, got ${describe(value)}`);
  }
  return value.trim();
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'only whitespace';
  return value === null ? 'null' : typeof value;
}
