/** @module The scheduled `digest` job: each owner's daily digest, sent by `fieldwork serve`. */
import { registerJobKind } from '../schedule/job-kinds.js';

/**
 * `schedule.jobs: [{ job: digest, cron: "0 * * * *" }]`: on each tick, every person whose
 * digest time has passed today (workspace timezone) and who has had no digest today on a
 * channel gets one with what they have not been sent. Run it hourly: a person's `digestTime`
 * decides when in the day theirs goes out. A failed digest is recorded and noted in the job's
 * history, and tried again on the next tick; it does not fail the job (the other digests went).
 */
registerJobKind({
  kind: 'digest',
  description: 'send each owner their daily digest (email, webhook) once their digest time has passed; nothing is sent twice',
  async run(ctx) {
    // Loaded when the job runs, so listing the schedule stays quick.
    const { runDigest } = await import('./run-digest.js');
    const r = await runDigest(ctx.workspace, ctx.store, ctx.clock, { mode: 'scheduled', env: ctx.env });
    const failed = r.digests.filter((d) => d.status === 'failed');
    for (const d of failed) ctx.note(`digest to ${d.email} by ${d.channel} failed: ${d.error?.code}: ${d.error?.message}`);
    return {
      sent: r.digests.filter((d) => d.status === 'sent').map((d) => ({ person: d.email, channel: d.channel, notices: d.notices.length })),
      failed: failed.map((d) => ({ person: d.email, channel: d.channel, code: d.error?.code })),
      waiting: r.skipped.filter((s) => s.reason === 'before_digest_time').length,
    };
  },
});
