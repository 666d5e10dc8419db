import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { normalizeInstant, readJsonDocument } from '../input/index.js';
import { parseAt, resolveScanTime, wrongFormat } from '../input/scan-input.js';
import { cyclonedxOptionsSchema } from './cyclonedx-config.js';
import type { CyclonedxOptions } from './cyclonedx-config.js';
import { bomAsset, bomTool, cyclonedxBomSchema, flattenComponents, mapComponent, mapVulnerabilities } from './cyclonedx-mapper.js';

const EXPECTED = 'a CycloneDX JSON BOM (specVersion 1.2–1.6)';
const HINT = 'cyclonedx reads CycloneDX JSON: metadata.component, components[] (nested too) and vulnerabilities[] (VEX).';

/**
 * CycloneDX SBOMs (the dependency inventory) and VEX documents. An SBOM is an inventory, not a
 * scan, so it yields components and no scan run; VEX statements become findings.
 */
export const cyclonedxCollector: Collector<CyclonedxOptions> = {
  kind: 'cyclonedx',
  snapshotKinds: ['component'],
  // Facts (a scan date, a PR number) may come from the file name: the same bytes under another name are another artifact.
  artifactIdentity: 'bytes-and-name',
  description: 'CycloneDX JSON SBOM (components) and VEX (findings with their analysis state)',
  options: cyclonedxOptionsSchema,
  mediaType: 'application/vnd.cyclonedx+json',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const doc = await readJsonDocument(input);
    const d = doc as Record<string, unknown> | null;
    if (!d || typeof d !== 'object' || Array.isArray(d) || d.bomFormat !== 'CycloneDX') throw wrongFormat(input, 'cyclonedx', EXPECTED, doc, { pointer: '/bomFormat' });
    const minor = /^1\.(\d+)$/.exec(String(d.specVersion ?? ''));
    if (!minor || Number(minor[1]) < 2) throw wrongFormat(input, 'cyclonedx', EXPECTED, doc, { pointer: '/specVersion', message: `specVersion is ${JSON.stringify(d.specVersion)}` });
    const bom = parseAt(cyclonedxBomSchema, doc, input, '', 'CycloneDX BOM', HINT);
    const asset = options.asset ?? bomAsset(bom);
    if (!asset) {
      throw new FieldworkError('SOURCE_BAD_OPTIONS', `${input.displayName} does not say what it describes (no metadata.component or serialNumber).`, {
        where: { file: input.displayName, pointer: '/metadata' }, hint: 'Set options.asset on the cyclonedx source.',
      });
    }
    const components = flattenComponents(bom);
    for (const { c, pointer } of components) yield { ...mapComponent(c, asset), ...ctx.cite(pointer) };
    const byRef = new Map(components.filter((x) => x.c['bom-ref']).map((x) => [x.c['bom-ref']!, x.c]));
    const scanner = bomTool(bom) ?? 'cyclonedx';
    for (const { when, locator, ...f } of mapVulnerabilities(bom, byRef)) {
      const stated = bom.metadata?.timestamp ?? when;
      const seenAt = stated
        ? normalizeInstant(stated, { file: input.displayName, pointer: bom.metadata?.timestamp ? '/metadata/timestamp' : locator }, 'timestamp', ctx.timezone)!
        : resolveScanTime(undefined, input, ctx, options.scannedAt, { pointer: '/metadata/timestamp', name: 'metadata.timestamp', kind: 'cyclonedx' });
      yield { kind: 'finding', ...ctx.cite(locator), scanner, asset, seenAt, ...f, state: f.state ?? 'open' };
    }
  },
};
