import type { DemoContext, DemoPart, DemoPartOutput } from './demo-context.js';
import { planting } from './demo-plants.js';

/**
 * The vendor inventory as the compliance owner keeps it in git. Model providers use the
 * preloaded presets (by `preset:` or by name), so their CUECs come with Fieldwork; the
 * OpenAI and Anthropic presets map "remove people who leave" to HR-05, which has planted
 * exceptions in the identity part, so those CUECs show up as relying on a failing control.
 */
const VENDORS_YAML = `# Vendor inventory of Relay Labs. Reviewed at least yearly; material vendors before renewal.
# criticality: critical | high | medium | low. Model providers are subservice organizations (see preset).
vendors:
  - name: Amazon Web Services
    criticality: critical
    data_access: [customer data, prompts, agent memory, backups]
    subservice: true
    owner: omar.haddad@relaylabs.ai
    soc2: { type: Type II, period_from: 2025-04-01, period_to: 2026-03-31 }
    last_review: { date: 2026-05-04, reviewer: maya.chen@relaylabs.ai, signed: true }
    cuecs:
      - id: AWS-01
        text: We protect the root user of every account with MFA and keep its credentials out of daily use.
        control: ACC-05
      - id: AWS-02
        text: We keep CloudTrail on in every account and region and send it to our log archive account.
        control: LOG-01
      - id: AWS-03
        text: We turn on encryption at rest for the storage and database services we use.
        control: ENC-01

  - name: OpenAI
    criticality: critical
    data_access: [prompts, completions]
    owner: priya.nair@relaylabs.ai
    soc2: { type: Type II, period_from: 2025-01-01, period_to: 2025-12-31 }
    last_review: { date: 2026-02-10, reviewer: maya.chen@relaylabs.ai, signed: true, notes: Zero data retention confirmed for the production project. }

  - name: Anthropic
    preset: anthropic
    criticality: critical
    data_access: [prompts, completions]
    owner: priya.nair@relaylabs.ai
    soc2: { type: Type II, period_from: 2025-04-01, period_to: 2026-03-31 }
    last_review: { date: 2026-05-12, reviewer: maya.chen@relaylabs.ai, signed: true }

  - name: Google Vertex AI
    criticality: critical
    data_access: [prompts, completions, embeddings]
    owner: priya.nair@relaylabs.ai
    soc2: { type: Type II, period_from: 2025-05-01, period_to: 2026-04-30 }
    last_review: { date: 2026-06-03, reviewer: maya.chen@relaylabs.ai, signed: true }

  - name: Amazon Bedrock
    criticality: high
    data_access: [prompts, completions]
    owner: priya.nair@relaylabs.ai
    soc2: { type: Type II, period_from: 2025-04-01, period_to: 2026-03-31 }
    last_review: { date: 2026-05-04, reviewer: maya.chen@relaylabs.ai, signed: true }

  - name: Pinecone
    criticality: high
    data_access: [embeddings, agent memory]
    subservice: true
    owner: priya.nair@relaylabs.ai
    soc2: { type: Type II, period_from: 2025-07-01, period_to: 2026-06-30 }
    last_review: { date: 2026-07-21, reviewer: maya.chen@relaylabs.ai, signed: true }
    cuecs:
      - id: PINECONE-01
        text: We keep Pinecone API keys in our secret manager, one per service, each with a named owner.
        control: ACC-06
      - id: PINECONE-02
        text: We delete a customer's namespace when their contract ends.
        control: null

  - name: GitHub
    criticality: high
    data_access: [source code, CI secrets]
    owner: omar.haddad@relaylabs.ai
    soc2: { type: Type II, period_from: 2025-04-01, period_to: 2026-03-31 }
    last_review: { date: 2026-04-22, reviewer: maya.chen@relaylabs.ai, signed: true }

  - name: Okta
    criticality: critical
    data_access: [employee identities]
    owner: maya.chen@relaylabs.ai
    soc2: { type: Type II, period_from: 2025-02-01, period_to: 2026-01-31 }
    last_review: { date: 2026-03-09, reviewer: omar.haddad@relaylabs.ai, signed: true }

  - name: Slack
    criticality: high
    data_access: [internal communication, customer support excerpts]
    owner: maya.chen@relaylabs.ai
    soc2: { type: Type II, period_from: 2025-02-01, period_to: 2026-01-31 }
    last_review: { date: 2026-03-02, reviewer: lena.ortiz@relaylabs.ai, signed: false, notes: Waiting for the DPA addendum before sign-off. }

  - name: Google Workspace
    criticality: high
    data_access: [email, documents]
    owner: maya.chen@relaylabs.ai
    soc2: { type: Type II, period_from: 2025-05-01, period_to: 2026-04-30 }
    last_review: { date: 2026-06-03, reviewer: maya.chen@relaylabs.ai, signed: true }

  - name: Datadog
    criticality: high
    data_access: [logs, traces]
    owner: omar.haddad@relaylabs.ai
    soc2: { type: Type II, period_from: 2025-04-01, period_to: 2026-03-31 }
    last_review: { date: 2025-08-14, reviewer: maya.chen@relaylabs.ai, signed: true }

  - name: Stripe
    criticality: high
    data_access: [billing data]
    owner: maya.chen@relaylabs.ai
    # The new report is due in October; the bridge letter covers the gap.
    soc2: { type: Type II, period_from: 2024-10-01, period_to: 2025-09-15, bridge_letter_to: 2025-12-31 }
    last_review: { date: 2026-01-19, reviewer: maya.chen@relaylabs.ai, signed: true }

  - name: Linear
    criticality: high
    data_access: [tickets, customer names]
    owner: omar.haddad@relaylabs.ai
    soc2: { type: Type II, period_from: 2024-07-01, period_to: 2025-06-30 }
    last_review: { date: 2026-04-08, reviewer: maya.chen@relaylabs.ai, signed: true }

  - name: 1Password
    criticality: high
    data_access: [secrets]
    owner: omar.haddad@relaylabs.ai
    soc2: { type: Type II, period_from: 2025-06-01, period_to: 2026-05-31 }
    last_review: { date: 2026-07-02, reviewer: maya.chen@relaylabs.ai, signed: true }

  - name: Notion
    criticality: medium
    data_access: [internal documents]
    owner: maya.chen@relaylabs.ai
    soc2: { type: Type II, period_from: 2025-04-01, period_to: 2026-03-31 }
    last_review: { date: 2026-05-18, reviewer: maya.chen@relaylabs.ai, signed: true }

  - name: Loom
    criticality: low
    data_access: [screen recordings]
    owner: maya.chen@relaylabs.ai
    soc2: { type: Type II, period_from: 2025-03-01, period_to: 2026-02-28 }
    # Low criticality: reviewed every other year.
    last_review: { date: 2025-05-10, reviewer: maya.chen@relaylabs.ai, signed: true }
`;

/**
 * Each plant's compliant version, as the same inventory would say it: Datadog reviewed this
 * year, Slack's review signed, Linear's current report on file, PINECONE-02 mapped to the
 * retention control.
 */
const COMPLIANT: Record<string, [string, string]> = {
  'vendors.review_overdue': ['last_review: { date: 2025-08-14, reviewer: maya.chen@relaylabs.ai, signed: true }', 'last_review: { date: 2026-07-28, reviewer: maya.chen@relaylabs.ai, signed: true }'],
  'vendors.review_unsigned': ['signed: false, notes: Waiting for the DPA addendum before sign-off. }', 'signed: true, notes: DPA addendum received and countersigned. }'],
  'vendors.report_stale': ['soc2: { type: Type II, period_from: 2024-07-01, period_to: 2025-06-30 }', 'soc2: { type: Type II, period_from: 2025-07-01, period_to: 2026-06-30 }'],
  'vendors.cuec_unmapped': ['        control: null', '        control: DAT-02'],
};

function vendorsYaml(ctx: DemoContext): string {
  let yaml = VENDORS_YAML;
  for (const [id, [planted, compliant]] of Object.entries(COMPLIANT)) if (!planting(ctx, id)) yaml = yaml.replace(planted, compliant);
  return yaml;
}

/** The vendor inventory with planted vendor-management gaps. */
export const vendorsPart: DemoPart = {
  name: 'vendors',
  generate(ctx): DemoPartOutput {
    const planted: DemoPartOutput['planted'] = [];
    if (planting(ctx, 'vendors.review_overdue')) planted.push({ rule: 'vendor.review_overdue', subject: 'Datadog', why: 'a high-criticality vendor last reviewed on 2025-08-14, more than 12 months before the period end' });
    if (planting(ctx, 'vendors.review_unsigned')) planted.push({ rule: 'vendor.review_unsigned', subject: 'Slack', why: 'the latest review (2026-03-02) was never signed off' });
    if (planting(ctx, 'vendors.report_stale')) planted.push({ rule: 'vendor.report_stale', subject: 'Linear', why: 'its SOC 2 report ended 2025-06-30 and no bridge letter covers the time since' });
    if (planting(ctx, 'vendors.cuec_unmapped')) planted.push({ rule: 'cuec.unmapped', subject: 'Pinecone', why: 'PINECONE-02 (namespace deletion at contract end) is mapped to no control' });
    // Not a plant of its own: the presets' CUECs fail exactly when the identity part planted a deprovisioning problem.
    if (ctx.shared.hr05Failing ?? true) {
      planted.push({ rule: 'cuec.control_failing', subject: 'OpenAI', why: 'OPENAI-03 (remove leavers from the OpenAI organization) relies on HR-05, which has deprovisioning exceptions' });
      planted.push({ rule: 'cuec.control_failing', subject: 'Anthropic', why: 'ANTHROPIC-03 (remove leavers from the Anthropic Console) relies on HR-05, which has deprovisioning exceptions' });
    }
    return {
      files: { 'vendors/vendors.yaml': vendorsYaml(ctx) },
      sources: [{ name: 'vendors', kind: 'vendors-yaml', path: 'vendors/vendors.yaml' }],
      planted,
    };
  },
};
