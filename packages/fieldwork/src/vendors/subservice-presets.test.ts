import { describe, expect, it } from 'vitest';
import { builtInControls } from '@fieldwork/core';
import { presetFor, subservicePresets } from './subservice-presets.js';

describe('subservice presets', () => {
  it('map every CUEC to a control that exists in the catalog, with unique ids', () => {
    const ids = new Set(builtInControls.map((c) => c.id));
    const cuecIds = subservicePresets.flatMap((p) => p.cuecs.map((c) => c.id));
    expect(new Set(cuecIds).size).toBe(cuecIds.length);
    for (const p of subservicePresets) {
      expect(p.cuecs.length).toBeGreaterThanOrEqual(5);
      for (const c of p.cuecs) expect(ids.has(c.control), `${c.id} → ${c.control}`).toBe(true);
    }
  });

  it('cover the four model providers, found by name or by id', () => {
    expect(presetFor('OpenAI')?.id).toBe('openai');
    expect(presetFor('anthropic')?.id).toBe('anthropic');
    expect(presetFor('Google Vertex AI')?.id).toBe('google-ai');
    expect(presetFor('Gemini API')?.id).toBe('google-ai');
    expect(presetFor('AWS Bedrock')?.id).toBe('aws-bedrock');
    expect(presetFor('Amazon Bedrock')?.id).toBe('aws-bedrock');
    expect(presetFor('Acme LLM', 'openai')?.id).toBe('openai');
  });

  it('do not catch other vendors of the same company, and can be turned off', () => {
    expect(presetFor('Google Workspace')).toBeUndefined();
    expect(presetFor('Amazon Web Services')).toBeUndefined();
    expect(presetFor('OpenAI', 'none')).toBeUndefined();
    expect(() => presetFor('x', 'open-ai')).toThrow(/unknown preset/);
  });
});
