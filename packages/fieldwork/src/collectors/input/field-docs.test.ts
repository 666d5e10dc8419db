import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AGENT_STORE_FIELDS, TAXONOMY_FIELDS, TOOL_FIELDS } from '../../workspace/workspace-field-aliases.js';
import { EVAL_RUN_FIELDS } from '../eval-runs/eval-runs-config.js';
import { INCIDENT_FIELDS } from '../incidents/incidents-config.js';
import { PROBE_ATTEMPT_FIELDS, PROBE_RUN_FIELDS } from '../isolation-probe/isolation-probe-config.js';
import { MODEL_CHANGE_FIELDS } from '../model-changes/model-changes-config.js';
import { RESTORE_TEST_FIELDS } from '../restore-test/restore-test-config.js';
import { VENDOR_FIELDS } from '../vendors/vendors-config.js';
import { POLICY_ACK_FIELDS } from '../policy-acks/policy-acks-config.js';
import { TRAINING_FIELDS } from '../training/training-config.js';
import { BACKGROUND_CHECK_FIELDS } from '../background-checks/background-checks-config.js';
import { fieldKey, fieldsTable } from './field-mapping.js';
import type { FieldAliases } from './field-mapping.js';

const doc = (name: string) => readFileSync(new URL(`../../../../../docs/${name}`, import.meta.url), 'utf8');

const FORMATS: [string, FieldAliases, string][] = [
  ['vendors-yaml / vendors-csv', VENDOR_FIELDS, 'backups-and-vendors.md'],
  ['restore-test-yaml', RESTORE_TEST_FIELDS, 'backups-and-vendors.md'],
  ['model-changes-yaml', MODEL_CHANGE_FIELDS, 'agent-governance.md'],
  ['eval-runs-json', EVAL_RUN_FIELDS, 'agent-governance.md'],
  ['isolation-probe-json runs', PROBE_RUN_FIELDS, 'agent-governance.md'],
  ['isolation-probe-json attempts', PROBE_ATTEMPT_FIELDS, 'agent-governance.md'],
  ['incidents-json', INCIDENT_FIELDS, 'agent-governance.md'],
  ['incidents.taxonomy', TAXONOMY_FIELDS, 'agent-governance.md'],
  ['tools', TOOL_FIELDS, 'agent-instrumentation.md'],
  ['agent.stores', AGENT_STORE_FIELDS, 'agent-instrumentation.md'],
  ['policy-acks-csv', POLICY_ACK_FIELDS, 'people-sources.md'],
  ['training-csv', TRAINING_FIELDS, 'people-sources.md'],
  ['background-checks-csv', BACKGROUND_CHECK_FIELDS, 'people-sources.md'],
];

describe('the accepted field names of our own formats', () => {
  for (const [format, fields, page] of FORMATS) {
    it(`${format}: docs/${page} lists them as the code reads them`, () => {
      expect(doc(page)).toContain(fieldsTable(fields));
    });

    it(`${format}: no name stands for two fields`, () => {
      const owner = new Map<string, string>();
      for (const [path, aliases] of Object.entries(fields)) {
        for (const name of [path.split('.').pop()!, ...aliases]) {
          const parent = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
          const k = `${parent}:${fieldKey(name)}`;
          if (owner.get(k) !== path) expect(owner.get(k), `"${name}" is claimed by ${owner.get(k)} and ${path}`).toBeUndefined();
          owner.set(k, path);
        }
      }
      // At the top level a nested field's names are read flat too: they must not be a top-level field's.
      const groups = new Set(Object.keys(fields).filter((p) => Object.keys(fields).some((q) => q.startsWith(`${p}.`))));
      const top = new Map(Object.entries(fields).filter(([p]) => !p.includes('.') && !groups.has(p)).flatMap(([p, a]) => [p, ...a].map((n) => [fieldKey(n), p] as const)));
      for (const [path, aliases] of Object.entries(fields).filter(([p]) => p.includes('.'))) {
        for (const name of [path, ...aliases]) expect(top.get(fieldKey(name)), `"${name}" of ${path} is also top-level ${top.get(fieldKey(name))}`).toBeUndefined();
      }
    });
  }
});
