import type { FieldworkRecord, PrPushRecord } from '@fieldwork/core/records';
import { directPushesFromPush } from './github-commits-mapper.js';
import { instantAt, parseShape, requireRepo } from './github-map-context.js';
import type { MapContext } from './github-map-context.js';
import { protectionRuleEvent } from './github-protection-mapper.js';
import { changeFromPull, deploymentRecord, deploymentStatusRecord, reviewRecord } from './github-rest-mapper.js';
import { classify, deliverySchema, eventSchema, webhookSchemas } from './github-shapes.js';
import type { WebhookName } from './github-shapes.js';

/**
 * A webhook payload as records: a merged `pull_request` (closed) → change; `pull_request`
 * opened / synchronize / reopened → pr_push (who pushed the head); `pull_request_review`
 * → pr_review (dismissed → DISMISSED); `deployment` → deployment; `deployment_status` →
 * deployment (with that state) + deployment_status; `branch_protection_rule` → branch_protection;
 * `push` to the default branch → direct pushes. Other actions carry no change evidence.
 */
export function mapWebhook(event: WebhookName, value: unknown, locator: string, mc: MapContext, known: { repo?: string; at?: string } = {}): FieldworkRecord[] {
  switch (event) {
    case 'pull_request': {
      const p = parseShape(webhookSchemas.pull_request, value, locator, mc, 'pull_request webhook');
      // opened / synchronize / reopened: the sender pushed the head shown (who made the most recent push).
      if (PUSH_ACTIONS.has(p.action)) {
        const push = prPushRecord(p, `${base(locator)}/pull_request`, mc, known);
        return push ? [push] : [];
      }
      if (p.action !== 'closed') return [];
      const change = changeFromPull(p.pull_request, `${base(locator)}/pull_request`, mc, known.repo ?? p.repository?.full_name);
      return change ? [change] : [];
    }
    case 'pull_request_review': {
      const p = parseShape(webhookSchemas.pull_request_review, value, locator, mc, 'pull_request_review webhook');
      if (!['submitted', 'edited', 'dismissed'].includes(p.action)) return [];
      return [reviewRecord(p.review, `${base(locator)}/review`, mc, {
        repo: known.repo ?? p.repository?.full_name, number: p.pull_request.number, dismissed: p.action === 'dismissed',
      })];
    }
    case 'deployment': {
      const p = parseShape(webhookSchemas.deployment, value, locator, mc, 'deployment webhook');
      return [deploymentRecord(p.deployment, `${base(locator)}/deployment`, mc, { repo: known.repo ?? p.repository?.full_name })];
    }
    case 'deployment_status': {
      const p = parseShape(webhookSchemas.deployment_status, value, locator, mc, 'deployment_status webhook');
      const repo = known.repo ?? p.repository?.full_name;
      return [
        deploymentRecord(p.deployment, `${base(locator)}/deployment`, mc, { repo, status: p.deployment_status.state.toLowerCase() }),
        deploymentStatusRecord(p.deployment_status, `${base(locator)}/deployment_status`, mc, { repo, deploymentId: String(p.deployment.id) }),
      ];
    }
    case 'branch_protection_rule': {
      const p = parseShape(webhookSchemas.branch_protection_rule, value, locator, mc, 'branch_protection_rule webhook');
      if (!['created', 'edited', 'deleted'].includes(p.action)) return [];
      return [protectionRuleEvent(p.action, p.rule, p.repository.full_name, `${base(locator)}/rule`, mc, known.at)];
    }
    case 'push': {
      const p = parseShape(webhookSchemas.push, value, locator, mc, 'push webhook');
      return directPushesFromPush(p, locator, mc, known);
    }
  }
}

const PUSH_ACTIONS = new Set(['opened', 'synchronize', 'reopened']);

/** A `pull_request` webhook that carries a push to the pull request's branch, as a `pr_push`. */
function prPushRecord(p: { action: string; pull_request: { number: number; head: { sha?: string | null }; updated_at?: string | null; base: { repo?: { full_name: string } | null } }; repository?: { full_name: string } | null; sender?: { login: string } | null }, locator: string, mc: MapContext, known: { repo?: string; at?: string }): PrPushRecord | undefined {
  const commit = p.pull_request.head.sha;
  const pusher = p.sender?.login;
  // A delivery's time or the event's is when the push happened; else the pull request's updated_at, which the push set.
  const at = known.at ?? (p.pull_request.updated_at ? instantAt(p.pull_request.updated_at, locator, mc, 'pull_request/updated_at') : undefined);
  if (!commit || !pusher || !at) return undefined;
  return {
    kind: 'pr_push',
    ...mc.cite(locator),
    repo: requireRepo(known.repo ?? p.repository?.full_name ?? p.pull_request.base.repo?.full_name, locator, mc, 'pull_request webhook'),
    number: p.pull_request.number,
    commit,
    pusher,
    at,
  };
}

/** Events API types whose payloads are the webhook payloads of the same name. */
const EVENT_TYPES: Record<string, WebhookName> = {
  PullRequestEvent: 'pull_request',
  PullRequestReviewEvent: 'pull_request_review',
  PushEvent: 'push',
  DeploymentEvent: 'deployment',
  DeploymentStatusEvent: 'deployment_status',
};

/** An item of `GET /repos/{o}/{r}/events` (or `/events`): its payload mapped like the webhook. */
export function mapEvent(value: unknown, locator: string, mc: MapContext): FieldworkRecord[] {
  const e = parseShape(eventSchema, value, locator, mc, 'event');
  const hook = EVENT_TYPES[e.type];
  if (!hook) return [];
  const at = instantAt(e.created_at, locator, mc, 'created_at');
  const shape = classify(e.payload);
  // Recent Events API payloads are trimmed (a pull request without its branches); skip what cannot be read.
  // PushEvent payloads name the new tip `head` rather than `after`; the push mapper reads neither.
  if (hook !== 'push' && (shape?.shape !== 'webhook' || shape.event !== hook)) return [];
  return mapWebhook(hook, e.payload, `${base(locator)}/payload`, mc, { repo: e.repo.name, at });
}

/**
 * A saved webhook delivery (`GET /repos/{o}/{r}/hooks/{id}/deliveries/{delivery_id}`): its payload
 * mapped like the webhook, with `delivered_at` as the event time where the payload has none.
 */
export function mapDelivery(value: unknown, locator: string, mc: MapContext): FieldworkRecord[] {
  const d = parseShape(deliverySchema, value, locator, mc, 'webhook delivery');
  const shape = classify(d.request.payload);
  if (shape?.shape !== 'webhook') return [];
  return mapWebhook(shape.event, d.request.payload, `${base(locator)}/request/payload`, mc, { at: instantAt(d.delivered_at, locator, mc, 'delivered_at') });
}

const base = (locator: string) => locator.replace(/\/$/, '');
