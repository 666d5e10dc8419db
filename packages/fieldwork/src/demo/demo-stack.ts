/**
 * Which identity provider and tracker the demo company runs: `okta-jira` (the default) writes
 * the Okta System Log and Jira's search response; `entra-linear` writes the same facts as
 * Microsoft Entra ID directory audits and sign-ins, and Linear's GraphQL `issues` response.
 */
export type DemoStack = 'okta-jira' | 'entra-linear';

/** Every stack the demo can be written in, the default first. */
export const DEMO_STACKS: readonly DemoStack[] = ['okta-jira', 'entra-linear'];

/** The stack of a demo context (`okta-jira` when none is named). */
export const stackOf = (ctx: { stack?: DemoStack }): DemoStack => ctx.stack ?? 'okta-jira';
