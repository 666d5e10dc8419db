import { addDays } from '@fieldwork/core';
import { planting } from './demo-plants.js';
import type { DemoContext, DemoPart, DemoPartOutput } from './demo-context.js';
import { otlpLine } from './agent-traces-otlp.js';
import type { DemoAttr, DemoSpan } from './agent-traces-otlp.js';
import { promptLogExport } from './agent-traces-prompt-log.js';

const SERVICE = 'relay-agent';
const AGENT = 'svc:relay-agent';
const TENANTS = ['acme', 'globex', 'initech'] as const;
const RES = { crm: 'https://crm.relay.example/api', pay: 'https://payments.relay.example', kb: 'https://kb.relay.example', pager: 'https://pager.relay.example' };
const EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const users = (tenant: string) => Array.from({ length: 8 }, (_, i) => `u-${tenant}-${String(i + 1).padStart(3, '0')}`);

/** The models Relay ran: a declared swap mid-period, and one week in production when the provider answered with another model. */
export const RELAY_MODELS = {
  declared: [
    { service: SERVICE, environment: 'production', provider: 'openai', requested: 'gpt-4.1', model: 'gpt-4.1-2025-04-14', at: '2026-03-02T17:00:00.000Z' },
    { service: SERVICE, environment: 'staging', provider: 'openai', requested: 'gpt-4.1', model: 'gpt-4.1-2025-04-14', at: '2026-03-02T17:00:00.000Z' },
    { service: SERVICE, environment: 'staging', provider: 'openai', requested: 'gpt-5', model: 'gpt-5-2025-08-07', fromModel: 'gpt-4.1-2025-04-14', at: '2026-07-01T17:00:00.000Z' },
    { service: SERVICE, environment: 'production', provider: 'openai', requested: 'gpt-5', model: 'gpt-5-2025-08-07', fromModel: 'gpt-4.1-2025-04-14', at: '2026-07-15T17:00:00.000Z' },
    // Trying a cheaper model in staging only: the AI system register lists it apart and never tests it.
    { service: SERVICE, environment: 'staging', provider: 'openai', requested: 'o4-mini', model: 'o4-mini-2025-04-16', fromModel: 'gpt-5-2025-08-07', at: '2026-09-14T17:00:00.000Z' },
  ],
  silentSwap: { service: SERVICE, environment: 'production', provider: 'openai', requested: 'gpt-5', declared: 'gpt-5-2025-08-07', observed: 'gpt-5-mini-2025-08-07', from: '2026-08-20T00:00:00.000Z', to: '2026-08-27T00:00:00.000Z', firstSpanId: '' },
};

/** Days on which one production trace carries a planted problem. */
const PLANT = {
  missing: '2026-04-21', deputy: '2026-05-12', passthrough: '2026-06-03', audience: '2026-06-24',
  refund750: '2026-07-08', refund500: '2026-07-22', leak: '2026-08-05',
} as const;
type Plant = keyof typeof PLANT | undefined;
/** The plant id of each planted trace (`refund500` is the compliant look-alike at the threshold: always there). */
const PLANT_IDS: Partial<Record<keyof typeof PLANT, string>> = {
  missing: 'traces.toolauth_missing', deputy: 'traces.confused_deputy', passthrough: 'traces.token_passthrough', audience: 'traces.audience_mismatch',
  refund750: 'traces.hitl_missing', leak: 'traces.runtime_leak',
};

function modelAt(env: string, ms: number, swap: boolean): { requested: string; response: string } {
  const declared = RELAY_MODELS.declared.filter((d) => d.environment === env && Date.parse(d.at) <= ms).at(-1)!;
  const s = RELAY_MODELS.silentSwap;
  const silent = swap && env === s.environment && ms >= Date.parse(s.from) && ms < Date.parse(s.to);
  return { requested: declared.requested, response: silent ? s.observed : declared.model };
}

interface TraceOut {
  spans: DemoSpan[];
  planted: DemoPartOutput['planted'];
}

/** One agent run: the root, one or two model calls, and maybe a tool call (with its retrieval). */
function agentTrace(ctx: DemoContext, env: string, start: number, plant: Plant): TraceOut {
  const rng = ctx.rng;
  const traceId = rng.hex(32);
  const tenant = plant === 'leak' || plant === 'passthrough' ? 'acme' : rng.pick(TENANTS);
  const user = rng.pick(users(tenant));
  const rootId = rng.hex(16);
  const spans: DemoSpan[] = [];
  const planted: DemoPartOutput['planted'] = [];
  const prod = env === 'production';
  let t = start + rng.int(50, 300);
  const chat = () => {
    const { requested, response } = modelAt(env, t, planting(ctx, 'traces.silent_swap'));
    const dur = rng.int(600, 2400);
    const old = rng.chance(0.2); // an older instrumentation: deprecated attribute names
    const s: DemoSpan = {
      traceId, spanId: rng.hex(16), parentSpanId: rootId, name: `chat ${requested}`, kind: 3, start: t, end: t + dur,
      attrs: {
        'gen_ai.operation.name': 'chat', [old ? 'gen_ai.system' : 'gen_ai.provider.name']: 'openai', 'gen_ai.request.model': requested, 'gen_ai.response.model': response,
        [old ? 'gen_ai.usage.prompt_tokens' : 'gen_ai.usage.input_tokens']: rng.int(300, 2400), [old ? 'gen_ai.usage.completion_tokens' : 'gen_ai.usage.output_tokens']: rng.int(40, 600),
      },
    };
    if (prod && response === RELAY_MODELS.silentSwap.observed && !RELAY_MODELS.silentSwap.firstSpanId) RELAY_MODELS.silentSwap.firstSpanId = s.spanId;
    spans.push(s);
    t += dur + rng.int(20, 200);
  };
  const tool = (name: string, attrs: Record<string, DemoAttr>, credential: Record<string, DemoAttr> | undefined): DemoSpan => {
    const dur = rng.int(80, 900);
    const s: DemoSpan = {
      traceId, spanId: rng.hex(16), parentSpanId: rootId, name: `execute_tool ${name}`, kind: 1, start: t, end: t + dur,
      attrs: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': name, 'gen_ai.tool.call.id': `call_${rng.hex(24)}`, ...(rng.chance(0.3) ? { 'tenant.id': tenant } : {}), ...attrs, ...(credential ?? {}) },
      error: rng.chance(0.02),
    };
    spans.push(s);
    t += dur + rng.int(20, 200);
    return s;
  };
  const delegated = (audience: string, scope: string, extra: Record<string, DemoAttr> = {}) => ({
    'app.authz.subject': user, 'app.authz.actor': AGENT, 'app.authz.audience': audience, 'app.authz.scope': scope,
    'app.authz.grant_type': EXCHANGE, 'app.authz.credential_id': `tok-${rng.hex(12)}`, 'app.authz.tenant': tenant, ...extra,
  });
  const tenantKey = () => ({ 'app.authz.subject': `svc:tenant-${tenant}`, 'app.authz.audience': RES.kb, 'app.authz.scope': 'kb.read', 'app.authz.grant_type': 'client_credentials', 'app.authz.credential_id': `kbkey-${tenant}`, 'app.authz.tenant': tenant });
  const kbSearch = (results: string[]) => {
    const dur = rng.int(40, 300);
    const r: DemoSpan = { traceId, spanId: rng.hex(16), parentSpanId: rootId, name: 'retrieval kb-vectors', kind: 3, start: t, end: t + dur, attrs: { 'gen_ai.operation.name': 'retrieval', 'gen_ai.data_source.id': 'kb-vectors', 'app.retrieval.result_tenants': results } };
    spans.push(r);
    t += dur + 10;
    return r;
  };

  chat();
  const roll = rng.next();
  if (plant === 'missing') {
    const s = tool('crm.lookup', { 'app.crm.record_type': 'account' }, undefined);
    planted.push({ rule: 'toolauth.missing', subject: s.spanId, why: 'crm.lookup call with no credential attributes' });
  } else if (plant === 'deputy') {
    const s = tool('crm.lookup', {}, { 'app.authz.subject': AGENT, 'app.authz.actor': AGENT, 'app.authz.audience': RES.crm, 'app.authz.scope': 'crm.read', 'app.authz.grant_type': 'client_credentials', 'app.authz.credential_id': 'agent-key-2026' });
    planted.push({ rule: 'toolauth.confused_deputy', subject: s.spanId, why: 'crm.lookup (delegated-user) called with the agent\'s own service identity' });
  } else if (plant === 'passthrough') {
    const cred = delegated(RES.crm, 'crm.read');
    tool('crm.lookup', {}, cred);
    const s = tool('kb.search', {}, { ...tenantKey(), 'app.authz.credential_id': cred['app.authz.credential_id'] });
    planted.push({ rule: 'toolauth.token_passthrough', subject: s.spanId, why: 'the user\'s CRM token id reused against the knowledge-base API' });
  } else if (plant === 'audience') {
    const s = tool('crm.lookup', {}, delegated(RES.pay, 'crm.read'));
    planted.push({ rule: 'toolauth.audience_mismatch', subject: s.spanId, why: 'crm.lookup with a token for the payments API' });
  } else if (plant === 'refund750') {
    const s = tool('refunds.issue', { 'app.refund.amount': 750, 'app.refund.currency': 'USD' }, delegated(RES.pay, 'refunds.write'));
    planted.push({ rule: 'hitl.missing', subject: s.spanId, why: 'refund of 750 (threshold 500) without approval' });
    planted.push({ rule: 'hitl.no_incident', subject: s.spanId, why: 'the unapproved refund is not in the incident register' });
  } else if (plant === 'refund500') {
    tool('refunds.issue', { 'app.refund.amount': 500, 'app.refund.currency': 'USD' }, delegated(RES.pay, 'refunds.write'));
  } else if (plant === 'leak') {
    const r = kbSearch(['acme', 'globex']);
    tool('kb.search', { 'app.kb.hits': 4 }, tenantKey());
    planted.push({ rule: 'isolation.runtime_leak', subject: r.spanId, why: 'knowledge-base retrieval for acme returned globex documents' });
  } else if (roll < 0.45) {
    // Staging is looser (no token exchange on some calls): out of the tested population.
    tool('crm.lookup', { 'app.crm.record_type': rng.pick(['account', 'order', 'invoice']) }, !prod && rng.chance(0.3) ? undefined : delegated(RES.crm, 'crm.read'));
  } else if (roll < 0.6) {
    const big = rng.chance(0.2);
    const amount = big ? rng.int(520, 1500) : rng.int(20, 480);
    const approval: Record<string, DemoAttr> = big && prod ? { 'app.approval.approver': 'support-lead@relaylabs.ai', 'app.approval.at': new Date(t - rng.int(2, 30) * 60_000).toISOString(), 'app.approval.id': `APR-${rng.int(1000, 9999)}` } : {};
    tool('refunds.issue', { 'app.refund.amount': amount, 'app.refund.currency': 'USD', ...approval }, delegated(RES.pay, 'refunds.write'));
  } else if (roll < 0.85) {
    kbSearch([tenant]);
    tool('kb.search', { 'app.kb.hits': rng.int(0, 8) }, tenantKey());
  } else if (roll < 0.88) {
    tool('ops.pager', { 'app.pager.severity': 'sev3' }, { 'app.authz.subject': AGENT, 'app.authz.actor': AGENT, 'app.authz.audience': RES.pager, 'app.authz.scope': 'incidents.create', 'app.authz.grant_type': 'client_credentials', 'app.authz.credential_id': 'pager-key-2026' });
  }
  if (rng.chance(0.7)) chat();
  spans.push({
    traceId, spanId: rootId, name: 'invoke_agent relay', kind: 2, start, end: t + rng.int(5, 60),
    attrs: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'relay', 'gen_ai.provider.name': 'openai', 'tenant.id': tenant, 'enduser.id': user, 'gen_ai.conversation.id': `conv-${rng.hex(10)}` },
  });
  return { spans, planted };
}

/**
 * Relay's agent platform: OpenTelemetry traces of the `relay-agent` service in production and
 * staging (OTLP JSON Lines, one file per month, as the Collector's file exporter writes them),
 * the prompt-log store's export, the tool inventory and the store retention declarations —
 * with one of each tool-authorization and human-approval problem, a stale prompt log, two
 * pasted card numbers and one cross-tenant retrieval planted.
 */
export const agentTracesPart: DemoPart = {
  name: 'agent-traces',
  generate(ctx): DemoPartOutput {
    const rng = ctx.rng;
    const planted: DemoPartOutput['planted'] = [];
    const months = new Map<string, string[]>();
    RELAY_MODELS.silentSwap.firstSpanId = '';
    for (let day = ctx.period.from; day <= ctx.period.to; day = addDays(day, 1)) {
      // A plant switched off is an ordinary, compliant trace on that day.
      const planned = (Object.entries(PLANT).find(([, d]) => d === day)?.[0] ?? undefined) as Plant;
      const plantToday = planned && (!PLANT_IDS[planned] || planting(ctx, PLANT_IDS[planned])) ? planned : undefined;
      for (const env of ['production', 'staging']) {
        const count = env === 'production' ? rng.int(8, 12) : rng.int(0, 2);
        if (count === 0) continue;
        const spans: DemoSpan[] = [];
        for (let i = 0; i < count; i++) {
          const start = Date.parse(`${day}T00:00:00Z`) + rng.int(14 * 60, 25 * 60) * 60_000 + rng.int(0, 59_999);
          const tr = agentTrace(ctx, env, start, env === 'production' && i === 0 ? plantToday : undefined);
          spans.push(...tr.spans);
          planted.push(...tr.planted);
        }
        const line = otlpLine({ 'service.name': SERVICE, 'service.version': '3.2.0', 'deployment.environment.name': env, 'telemetry.sdk.language': 'python' }, spans, rng);
        const month = day.slice(0, 7);
        months.set(month, [...(months.get(month) ?? []), line]);
      }
    }
    const files: Record<string, string> = {};
    for (const [month, lines] of months) files[`exports/otel/relay-traces-${month}.jsonl`] = lines.join('\n') + '\n';

    // Switched off: the purge job caught everything, and nobody pasted that card.
    const retention = planting(ctx, 'traces.retention_exceeded');
    const log = promptLogExport(rng, {
      from: '2026-08-30', to: '2026-09-29', tenants: TENANTS, users,
      stale: { day: '2026-08-12', conversations: retention ? 2 : 0 },
      cards: planting(ctx, 'traces.pii_first') ? [{ day: '2026-09-10', card: '4111 1111 1111 1111' }] : [],
      // The second leak is free text: a full name, a street address and a date of birth.
      personal: planting(ctx, 'traces.pii_second')
        ? [{ day: '2026-09-22', text: 'Hi, this is Marta Lindqvist. Please send the replacement to Storgatan 12, 111 22 Stockholm; my date of birth is 14 March 1986 if you need to verify.' }]
        : [],
    });
    files['exports/prompt-log/relay-prompt-log-2026-09-30.jsonl'] = log.text;
    if (retention) planted.push({ rule: 'retention.exceeded', subject: 'relay-prompt-log', why: `conversations from 2026-08-12 still in the 2026-09-30 export (30 days + 2 grace); oldest ${log.stale[0]}` });
    for (const [i, id] of log.pii.entries()) {
      planted.push({ rule: 'pii.high_risk', subject: id, why: i === 0 && planting(ctx, 'traces.pii_first') ? 'a customer pasted a (test) card number into the chat' : 'a customer wrote their full name, home address and date of birth into the chat' });
    }

    ctx.shared.models = { declared: RELAY_MODELS.declared, ...(planting(ctx, 'traces.silent_swap') ? { silentSwap: { ...RELAY_MODELS.silentSwap } } : {}) };
    ctx.shared.agentRuntime = {
      service: SERVICE, tenants: [...TENANTS], traceSource: 'relay-traces', promptLogSource: 'relay-prompt-log',
      unapprovedRefundSpanId: planted.find((p) => p.rule === 'hitl.missing')?.subject,
      crossTenantRetrievalSpanId: planted.find((p) => p.rule === 'isolation.runtime_leak')?.subject,
    };
    return {
      files,
      sources: [
        { name: 'relay-traces', kind: 'otlp-json', glob: 'exports/otel/*.jsonl' },
        { name: 'relay-prompt-log', kind: 'prompt-log-jsonl', path: 'exports/prompt-log/relay-prompt-log-2026-09-30.jsonl' },
      ],
      workspace: {
        tools: [
          { name: 'crm.lookup', resource: RES.crm, requiredScopes: ['crm.read'], identity: 'delegated-user', risk: 'low', autonomy: 'autonomous', oversight: 'monitoring' },
          { name: 'refunds.issue', resource: RES.pay, requiredScopes: ['refunds.write'], identity: 'delegated-user', risk: 'high', approvalThreshold: { argument: 'app.refund.amount', above: 500 }, autonomy: 'bounded' },
          { name: 'kb.search', resource: RES.kb, requiredScopes: ['kb.read'], identity: 'tenant-service', risk: 'low', autonomy: 'autonomous', oversight: 'monitoring' },
          { name: 'ops.pager', resource: RES.pager, requiredScopes: ['incidents.create'], identity: 'agent-service', justification: 'Paging the on-call engineer is the agent\'s own duty, not an action for a customer; the key can only open incidents.', risk: 'medium', autonomy: 'autonomous', oversight: 'review-after-call' },
        ],
        agent: {
          serviceIdentities: [AGENT],
          productionEnvironments: ['production'],
          stores: [
            { name: 'relay-prompt-log', kind: 'prompt-log', retentionDays: 30, graceDays: 2 },
            { name: 'relay-traces', kind: 'trace', retentionDays: 30, graceDays: 2 },
          ],
        },
      },
      planted,
    };
  },
};
