import { z } from 'zod';
import { noticeKinds } from './notice.js';

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
  message: 'names an environment variable (letters, digits and _, e.g. FIELDWORK_SMTP_PASSWORD), not the secret itself',
});
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'a time of day as HH:MM (24-hour, workspace timezone)' });
const inline = (what: string, instead: string) => z.unknown()
  .refine(() => false, { message: `${what} written in fieldwork.yaml is refused (the file lives in git): set ${instead} to the name of an environment variable that holds it` })
  .optional();

/** SMTP settings; the password comes from the environment variable `passwordEnv` names. */
export const emailChannelSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(587),
  security: z.enum(['starttls', 'tls', 'none']).default('starttls')
    .describe('starttls: upgrade a plain connection and require it (port 587); tls: TLS from the start (port 465); none: plain (loopback relays only).'),
  from: z.string().min(3).describe('Sender, e.g. "Fieldwork <fieldwork@example.com>".'),
  user: z.string().min(1).optional(),
  passwordEnv: envName.optional().describe('Environment variable holding the SMTP password.'),
  password: inline('An SMTP password', 'passwordEnv'),
  pass: inline('An SMTP password', 'passwordEnv'),
}).strict().refine((c) => !c.passwordEnv || c.user, { message: 'passwordEnv is set but user is not: name the SMTP user too', path: ['user'] });
export type EmailChannelConfig = z.infer<typeof emailChannelSchema>;

/** A Slack-compatible incoming webhook; its URL is a secret and comes from `urlEnv`. */
export const webhookChannelSchema = z.object({
  // Optional here only so that an inline `url` is reported first, with its hint.
  urlEnv: envName.optional().describe('Environment variable holding the incoming-webhook URL.'),
  url: inline('A webhook URL', 'urlEnv'),
}).strict().refine((c) => c.urlEnv, { message: 'urlEnv is required: the name of the environment variable that holds the webhook URL', path: ['urlEnv'] })
  .transform((c) => ({ urlEnv: c.urlEnv! }));
export type WebhookChannelConfig = z.infer<typeof webhookChannelSchema>;

export const channelNames = ['email', 'webhook'] as const;
export type ChannelName = (typeof channelNames)[number];

/** One person's settings: who (an email or name from `owners`), which events, which channels. */
export const notificationPersonSchema = z.object({
  person: z.string().min(1).describe('An email or a name from owners.compliance / owners.people.'),
  events: z.union([z.literal('all'), z.array(z.enum(noticeKinds)).min(0)]).optional()
    .describe('Which notices: "all" or a list of exception_new, exception_closed, evidence_due, evidence_overdue, collection_failed, ledger_broken.'),
  scope: z.enum(['mine', 'all']).optional().describe('mine: notices routed to this person (their controls and requests); all: every notice.'),
  channels: z.array(z.enum(channelNames)).optional().describe('Which channels to use (none: this person gets nothing).'),
  digestTime: clockTime.optional(),
}).strict();
export type NotificationPersonConfig = z.infer<typeof notificationPersonSchema>;

/**
 * The `notifications:` section of fieldwork.yaml: channels, a daily digest time and per-person
 * settings. Secrets are never written here; they are named by environment variable.
 */
export const notificationsSectionSchema = z.object({
  dashboardUrl: z.url().optional().describe('Where `fieldwork serve` is reached; digests link to it.'),
  digestTime: clockTime.default('08:00').describe('When the daily digest goes out (workspace timezone).'),
  channels: z.object({
    email: emailChannelSchema.optional(),
    webhook: webhookChannelSchema.optional(),
  }).strict().default({}),
  people: z.array(notificationPersonSchema).default([]),
}).strict();
export type NotificationsSection = z.infer<typeof notificationsSectionSchema>;
