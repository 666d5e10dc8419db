/** @module The 2017 Trust Services Criteria ids (revised points of focus, 2022) with our own one-line paraphrases. */
import type { Criterion, TscCategory } from './control.js';

// The ids are public facts; the wording is deliberately our own paraphrase, never the AICPA text,
// so the catalog can ship under an open licence.
const group = (category: TscCategory, name: string, rows: ReadonlyArray<readonly [string, string]>): Criterion[] =>
  rows.map(([id, paraphrase]) => ({ id, category, group: name, paraphrase }));

/** Every Trust Services Criterion Fieldwork knows, in catalog order (61 ids). */
export const criteria: readonly Criterion[] = Object.freeze([
  ...group('security', 'CC1 Control environment', [
    ['CC1.1', 'Leadership sets and models expectations of honest, ethical behaviour and acts on departures from them.'],
    ['CC1.2', 'An oversight body that is independent of management keeps watch over how internal control is built and run.'],
    ['CC1.3', 'Management, overseen by that body, lays out reporting lines, structures and who holds which authority and duty.'],
    ['CC1.4', 'The organization recruits, grows and keeps people with the skills its objectives call for.'],
    ['CC1.5', 'People are held answerable for the part they play in internal control.'],
  ]),
  ...group('security', 'CC2 Information and communication', [
    ['CC2.1', 'The information that controls rely on is gathered or produced, relevant and of good quality.'],
    ['CC2.2', 'Control objectives and responsibilities are explained to the people inside the organization.'],
    ['CC2.3', 'Matters that bear on controls are exchanged with customers, suppliers and other outside parties.'],
  ]),
  ...group('security', 'CC3 Risk assessment', [
    ['CC3.1', 'Objectives are written down clearly enough that the risks threatening them can be found and judged.'],
    ['CC3.2', 'Risks to objectives are spotted across the organization and analysed to decide how each is handled.'],
    ['CC3.3', 'The possibility of fraud is weighed as part of judging risk.'],
    ['CC3.4', 'Shifts in the business or its environment that could weaken internal control are noticed and assessed.'],
  ]),
  ...group('security', 'CC4 Monitoring of controls', [
    ['CC4.1', 'Ongoing and point-in-time evaluations confirm that controls are present and working.'],
    ['CC4.2', 'Control weaknesses reach the people who must fix them, including leadership and the oversight body, without delay.'],
  ]),
  ...group('security', 'CC5 Control activities', [
    ['CC5.1', 'Control activities are picked and shaped so that risks fall to a level the organization accepts.'],
    ['CC5.2', 'General controls over technology are picked and shaped to support the objectives.'],
    ['CC5.3', 'Controls are rolled out through policies that say what is expected and procedures that make it happen.'],
  ]),
  ...group('security', 'CC6 Logical and physical access controls', [
    ['CC6.1', 'Software, infrastructure and architecture limit logical access to protected information assets.'],
    ['CC6.2', 'People are registered and approved before they get credentials, and their access is taken away when no longer needed.'],
    ['CC6.3', 'Access to data, software and functions is granted, changed and withdrawn by role, least privilege and separated duties.'],
    ['CC6.4', 'Only authorized people can physically reach facilities and protected equipment.'],
    ['CC6.5', 'Retired assets are wiped or destroyed so their data cannot be brought back.'],
    ['CC6.6', 'Defences at the system boundary keep out threats coming from outside it.'],
    ['CC6.7', 'Data only moves to authorized parties and is protected while travelling or on removable media.'],
    ['CC6.8', 'Unapproved or malicious software is blocked or caught.'],
  ]),
  ...group('security', 'CC7 System operations', [
    ['CC7.1', 'Detection and monitoring bring configuration changes and newly found weaknesses to light.'],
    ['CC7.2', 'System parts are watched for unusual behaviour that hints at attacks, errors or misuse, and what is seen is analysed.'],
    ['CC7.3', 'Security events are judged to decide whether they are incidents that need a response.'],
    ['CC7.4', 'Confirmed incidents are handled through a set plan to contain, fix and communicate.'],
    ['CC7.5', 'The organization restores normal operation after incidents and learns from them.'],
  ]),
  ...group('security', 'CC8 Change management', [
    ['CC8.1', 'Changes to infrastructure, data, software and procedures are authorized, built, tested, approved and then put live.'],
  ]),
  ...group('security', 'CC9 Risk mitigation', [
    ['CC9.1', 'Measures are in place to soften the blow of a business disruption.'],
    ['CC9.2', 'Risks that come from suppliers and business partners are judged and kept in check.'],
  ]),
  ...group('availability', 'A1 Availability', [
    ['A1.1', 'Current capacity and demand are tracked and planned so that availability commitments hold.'],
    ['A1.2', 'Environmental safeguards, backups and recovery infrastructure are set up, run and kept working.'],
    ['A1.3', 'Recovery plans are exercised to show the system really can be brought back.'],
  ]),
  ...group('confidentiality', 'C1 Confidentiality', [
    ['C1.1', 'Information marked confidential is recognised and kept protected.'],
    ['C1.2', 'Confidential information is destroyed once the period it must be kept has ended.'],
  ]),
  ...group('processing_integrity', 'PI1 Processing integrity', [
    ['PI1.1', 'Clear definitions of the data and processing, including what is expected of them, are produced and used.'],
    ['PI1.2', 'What goes into the system is checked for completeness and accuracy.'],
    ['PI1.3', 'Processing runs under controls so that results meet their specifications.'],
    ['PI1.4', 'Results reach the right recipients completely, accurately and on time.'],
    ['PI1.5', 'Inputs, work in progress and results are stored completely and accurately.'],
  ]),
  ...group('privacy', 'P1 Notice', [
    ['P1.1', 'People are told plainly how their personal information is handled.'],
  ]),
  ...group('privacy', 'P2 Choice and consent', [
    ['P2.1', 'People are offered choices about how their personal information is gathered, used and shared, and their consent is recorded.'],
  ]),
  ...group('privacy', 'P3 Collection', [
    ['P3.1', 'Only the personal information needed for the stated purposes is gathered.'],
    ['P3.2', 'Explicit consent is captured where the kind of personal information gathered requires it.'],
  ]),
  ...group('privacy', 'P4 Use, retention and disposal', [
    ['P4.1', 'Personal information is used only for the purposes people were told about.'],
    ['P4.2', 'Personal information is held no longer than needed.'],
    ['P4.3', 'Personal information is disposed of securely when it is no longer needed.'],
  ]),
  ...group('privacy', 'P5 Access', [
    ['P5.1', 'People can see, and get a copy of, the personal information held about them.'],
    ['P5.2', 'People can have their personal information corrected or supplemented.'],
  ]),
  ...group('privacy', 'P6 Disclosure and notification', [
    ['P6.1', 'Personal information goes to third parties only with consent or another valid basis.'],
    ['P6.2', 'A complete record is kept of the personal information handed over with authorization.'],
    ['P6.3', 'Unauthorized disclosures of personal information, breaches included, are recorded.'],
    ['P6.4', 'Suppliers that receive personal information are bound to protect it and their conduct is checked.'],
    ['P6.5', 'Suppliers are obliged to tell us when personal information leaks on their side.'],
    ['P6.6', 'Affected people and authorities are told about breaches as required.'],
    ['P6.7', 'People can learn what personal information is held about them and who it has been shared with.'],
  ]),
  ...group('privacy', 'P7 Quality', [
    ['P7.1', 'Personal information is kept accurate, complete and relevant to its purpose.'],
  ]),
  ...group('privacy', 'P8 Monitoring and enforcement', [
    ['P8.1', 'Privacy questions, complaints and disputes are taken in and resolved, and privacy compliance is monitored.'],
  ]),
]);
