/**
 * @module Model providers preloaded as subservice organizations, with the complementary user
 * entity controls (CUECs) their SOC 2 reports rely on customers for — in our own words, each
 * mapped to one of our controls. A vendor entry picks a preset with `preset: openai` or by
 * being named like one (`OpenAI`, `Amazon Bedrock`…).
 */

/** A complementary user entity control: what the provider's report expects us to do. */
export interface PresetCuec {
  id: string;
  text: string;
  /** Our control that meets it (a catalog id). */
  control: string;
}

/** A preloaded subservice organization. */
export interface SubservicePreset {
  /** The value of `preset:` in the vendor inventory. */
  id: string;
  /** The name used when an entry does not give one. */
  name: string;
  /** Vendor names (case-insensitive, punctuation ignored) that pick this preset without `preset:`. */
  aliases: string[];
  cuecs: PresetCuec[];
}

/** Every preloaded model provider. */
export const subservicePresets: readonly SubservicePreset[] = [
  {
    id: 'openai',
    name: 'OpenAI',
    aliases: ['openai', 'openai api', 'openai platform', 'chatgpt enterprise'],
    cuecs: [
      { id: 'OPENAI-01', control: 'AGT-02', text: 'Only named administrators can create, view or revoke API keys in our OpenAI organization; the keys live in our secret manager and are rotated on schedule and when someone with access leaves.' },
      { id: 'OPENAI-02', control: 'ACC-05', text: 'Each person using the OpenAI platform has their own account with the narrowest organization and project role that works; owner roles are held by a named few.' },
      { id: 'OPENAI-03', control: 'HR-05', text: 'We remove people from our OpenAI organization when they leave.' },
      { id: 'OPENAI-04', control: 'DAT-01', text: 'We send OpenAI only data our classification allows for it, and nothing its usage policies or our agreement with it prohibit.' },
      { id: 'OPENAI-05', control: 'AGT-21', text: 'We keep API data out of model training and use zero data retention where it is offered to us, and confirm those settings at each vendor review.' },
      { id: 'OPENAI-06', control: 'AGT-08', text: 'We set usage limits per project and watch usage for unexpected spend or volume.' },
      { id: 'OPENAI-07', control: 'LOG-01', text: 'We keep the organization\'s admin audit log turned on and review it for unexpected key, member or setting changes.' },
    ],
  },
  {
    id: 'anthropic',
    name: 'Anthropic',
    aliases: ['anthropic', 'anthropic api', 'claude api', 'claude for work', 'anthropic claude'],
    cuecs: [
      { id: 'ANTHROPIC-01', control: 'AGT-02', text: 'Only named administrators can create or disable API keys in our Anthropic Console organization; the keys live in our secret manager and are rotated on schedule and when someone with access leaves.' },
      { id: 'ANTHROPIC-02', control: 'ACC-05', text: 'Console members get the narrowest role that works, separated by workspace; admin roles are held by a named few.' },
      { id: 'ANTHROPIC-03', control: 'HR-05', text: 'We remove people from our Anthropic Console organization when they leave.' },
      { id: 'ANTHROPIC-04', control: 'DAT-01', text: 'We send Anthropic only data our classification allows for it, and nothing its usage policy or our commercial terms prohibit.' },
      { id: 'ANTHROPIC-05', control: 'AGT-21', text: 'We rely on commercial terms under which prompts and outputs are not used for training, use zero data retention where agreed, and confirm both at each vendor review.' },
      { id: 'ANTHROPIC-06', control: 'AGT-08', text: 'We set spend limits per workspace and watch usage for unexpected spend or volume.' },
    ],
  },
  {
    id: 'google-ai',
    name: 'Google (Vertex AI / Gemini API)',
    aliases: ['google vertex ai', 'vertex ai', 'google cloud vertex ai', 'google gemini api', 'gemini api', 'google ai studio', 'google vertex ai gemini api', 'google gemini'],
    cuecs: [
      { id: 'GOOGLE-AI-01', control: 'AGT-02', text: 'We call Vertex AI with service accounts instead of long-lived keys where we can; any Gemini API key lives in our secret manager, is restricted to the APIs it needs and is rotated.' },
      { id: 'GOOGLE-AI-02', control: 'ACC-06', text: 'Each service that calls the models has its own service account with only the IAM roles it needs, and a named owner.' },
      { id: 'GOOGLE-AI-03', control: 'ACC-05', text: 'People reach the Google Cloud projects that host our model use through IAM roles granted to named people and groups; project owner is held by a named few.' },
      { id: 'GOOGLE-AI-04', control: 'LOG-01', text: 'We keep Cloud Audit Logs for those projects and send them to our central log store.' },
      { id: 'GOOGLE-AI-05', control: 'AGT-21', text: 'We use only the paid services and settings under which Google does not train on our prompts and responses, and confirm that at each vendor review.' },
      { id: 'GOOGLE-AI-06', control: 'DAT-01', text: 'We send the models only data our classification allows for them, and nothing our agreement with Google prohibits.' },
      { id: 'GOOGLE-AI-07', control: 'AGT-08', text: 'We set quotas and budget alerts on the projects that call the models.' },
    ],
  },
  {
    id: 'aws-bedrock',
    name: 'Amazon Bedrock',
    aliases: ['aws bedrock', 'amazon bedrock', 'bedrock'],
    cuecs: [
      { id: 'BEDROCK-01', control: 'ACC-06', text: 'Only the IAM roles of the services that need it may invoke Bedrock models, each limited to the models it uses and owned by a named person.' },
      { id: 'BEDROCK-02', control: 'ACC-05', text: 'People reach the AWS accounts that use Bedrock through single sign-on with named roles; administrator access is held by a named few.' },
      { id: 'BEDROCK-03', control: 'LOG-01', text: 'CloudTrail records Bedrock API calls in every region we use, and any model invocation logs go to a restricted, encrypted store.' },
      { id: 'BEDROCK-04', control: 'ENC-03', text: 'Bedrock resources we create (custom models, knowledge bases, invocation logs) are encrypted with KMS keys we manage.' },
      { id: 'BEDROCK-05', control: 'AGT-21', text: 'We confirm at each vendor review that prompts and outputs are not used to train models and that model customization data stays in our account.' },
      { id: 'BEDROCK-06', control: 'DAT-01', text: 'We send Bedrock models only data our classification allows, and nothing the terms of AWS or of the model\'s provider prohibit.' },
      { id: 'BEDROCK-07', control: 'AGT-08', text: 'We set service quotas and usage alarms on Bedrock.' },
    ],
  },
];

function normalize(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * The preset for a vendor entry: by explicit `preset` id, else by name. `preset: none` opts out.
 * Returns undefined when there is none, and throws for an unknown preset id (a typo).
 *
 * @example presetFor('Amazon Bedrock')?.id // 'aws-bedrock'
 */
export function presetFor(name: string, preset?: string): SubservicePreset | undefined {
  if (preset !== undefined) {
    if (preset === 'none') return undefined;
    const p = subservicePresets.find((x) => x.id === preset);
    if (!p) throw new Error(`unknown preset "${preset}" (known: ${subservicePresets.map((x) => x.id).join(', ')}, none)`);
    return p;
  }
  const n = normalize(name);
  return subservicePresets.find((p) => p.aliases.some((a) => normalize(a) === n));
}
