/** @module Matching a model provider as spans name it to a vendor in the inventory. */

/**
 * Vendor names under which the well-known `gen_ai.provider.name` values of the OpenTelemetry
 * GenAI semantic conventions are commonly listed (compared after {@link vendorNameKey}). A
 * provider served through a cloud is reviewed under the cloud's name as well.
 */
export const PROVIDER_VENDOR_NAMES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  openai: ['openai'],
  anthropic: ['anthropic', 'anthropic claude', 'claude api'],
  'aws.bedrock': ['amazon bedrock', 'aws bedrock', 'bedrock', 'amazon web services', 'aws'],
  'azure.ai.openai': ['azure openai', 'azure openai service', 'microsoft azure', 'azure', 'microsoft'],
  'azure.ai.inference': ['azure ai foundry', 'azure ai', 'microsoft azure', 'azure', 'microsoft'],
  'gcp.vertex_ai': ['google vertex ai', 'vertex ai', 'google cloud', 'google cloud platform', 'google', 'google vertex ai gemini api'],
  'gcp.gemini': ['google gemini api', 'gemini api', 'google gemini', 'google ai studio', 'google', 'google vertex ai gemini api'],
  'gcp.gen_ai': ['google vertex ai', 'google gemini api', 'google cloud', 'google', 'google vertex ai gemini api'],
  cohere: ['cohere'],
  mistral_ai: ['mistral ai', 'mistral'],
  groq: ['groq'],
  deepseek: ['deepseek'],
  perplexity: ['perplexity', 'perplexity ai'],
  x_ai: ['xai', 'x ai'],
  'ibm.watsonx.ai': ['ibm watsonx', 'ibm watsonx ai', 'ibm'],
});

const SUFFIXES = new Set(['inc', 'llc', 'l l c', 'ltd', 'limited', 'pbc', 'corp', 'corporation', 'co', 'gmbh', 'sas', 'sa', 'bv', 'plc', 'ag']);

/**
 * A vendor or provider name reduced for comparison: lower case, punctuation as spaces, and a
 * trailing company form dropped (`OpenAI, L.L.C.` → `openai`, `Anthropic PBC` → `anthropic`).
 */
export function vendorNameKey(name: string): string {
  let words = name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(/\s+/).filter(Boolean);
  // `l l c` is three words once the dots are gone.
  if (words.slice(-3).join(' ') === 'l l c') words = words.slice(0, -3);
  while (words.length > 1 && SUFFIXES.has(words.at(-1) as string)) words = words.slice(0, -1);
  return words.join(' ');
}

/**
 * The vendor names a provider may be listed under: the workspace's own aliases for it, the
 * well-known names, and the provider id itself.
 */
export function providerVendorKeys(provider: string, aliases: Readonly<Record<string, string | readonly string[]>> = {}): string[] {
  const id = provider.trim().toLowerCase();
  const own = aliases[provider] ?? aliases[id];
  const named = own === undefined ? [] : typeof own === 'string' ? [own] : [...own];
  return [...new Set([...named, ...(PROVIDER_VENDOR_NAMES[id] ?? []), id].map(vendorNameKey).filter(Boolean))];
}
