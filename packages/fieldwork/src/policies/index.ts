/** @module Policies: the seven templates, policy files with front matter, and approvals as evidence. */
export { POLICY_TEMPLATES } from './policy-templates.js';
export type { PolicyFacts, PolicyTemplate } from './policy-templates.js';
export { writePolicyTemplates, parsePolicy, formatPolicy, policyBody, readPolicy, policyFacts, POLICIES_DIR } from './policy-files.js';
export type { PolicyFile, PolicyFrontMatter } from './policy-files.js';
export { approvePolicy } from './approve-policy.js';
export type { ApprovalResult } from './approve-policy.js';
export { issueAckLinks, findAckLink, recordAckFromLink, ACK_LINK_SOURCE, ACK_LINK_KIND } from './ack-links.js';
export type { AckLink, AckLinkState, IssueAckLinksOptions, RecordedAck } from './ack-links.js';
