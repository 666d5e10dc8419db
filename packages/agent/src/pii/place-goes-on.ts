const CONNECTORS = /^(?:de|do|da|del|of|and|am|an|der|sur|en|la|le|el) /;

/**
 * Whether a capitalised place name can go on at `at`, the character after the space that follows
 * its last word: a capital (ASCII or not) or a connector ("Rio de Janeiro", "Isle of Man").
 * Shared by place() and the scan's person gate, which must agree on it.
 */
export function placeGoesOn(text: string, at: number): boolean {
  const next = text.charCodeAt(at);
  return (next >= 65 && next <= 90) || next >= 128 || CONNECTORS.test(text.slice(at, at + 4));
}
