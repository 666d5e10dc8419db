/**
 * `text.charCodeAt(i)`, but 0 instead of NaN outside the text. Once an optimized `charCodeAt`
 * has read past the end, V8 stops inlining that call site and calls the builtin from then on;
 * reading 0 there, as the scan does, keeps every site inlined and the value a small integer.
 * Callers compare the code with characters and classes that 0 (NUL) is not in, so 0 and NaN
 * give the same answers.
 */
export function codeAt(text: string, i: number): number {
  return i >= 0 && i < text.length ? text.charCodeAt(i) : 0;
}
