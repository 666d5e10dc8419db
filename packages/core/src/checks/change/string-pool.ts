/**
 * One copy of each distinct string: `pool(s)` returns the first string equal to `s` it was
 * given. For fields that repeat across hundreds of thousands of kept records (a repository, an
 * artifact digest, a reviewer), so each is held once rather than once per record.
 */
export function stringPool(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    const kept = seen.get(s);
    if (kept !== undefined) return kept;
    seen.set(s, s);
    return s;
  };
}
