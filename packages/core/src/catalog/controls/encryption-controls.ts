/** @module Built-in controls for encryption and key management. */
import type { ControlInput } from '../control.js';

/** Encryption: at rest, in transit, and the keys behind both. */
export const encryptionControls: ControlInput[] = [
  {
    id: 'ENC-01',
    title: 'Encryption at rest',
    statement:
      'Every production database, bucket, volume, queue, vector store and backup is encrypted at rest with keys held in our cloud key management service.',
    criteria: ['CC6.1', 'C1.1'],
    category: 'encryption',
    frequency: 'continuous',
    ownerRole: 'security-lead',
    evidenceSources: ['prowler-ocsf'],
    check: null,
  },
  {
    id: 'ENC-02',
    title: 'Encryption in transit',
    statement:
      'All traffic over public networks, including calls to model providers and tool endpoints, uses TLS 1.2 or newer; plain HTTP is redirected or refused.',
    criteria: ['CC6.7', 'CC6.6'],
    category: 'encryption',
    frequency: 'continuous',
    ownerRole: 'security-lead',
    evidenceSources: ['prowler-ocsf'],
    check: null,
  },
  {
    id: 'ENC-03',
    title: 'Key management and rotation',
    statement:
      'Encryption keys live in a managed key service, rotate at least yearly, and only named service roles can use them; nobody can export key material.',
    criteria: ['CC6.1', 'CC6.7'],
    category: 'encryption',
    frequency: 'annual',
    ownerRole: 'security-lead',
    evidenceSources: ['prowler-ocsf'],
    check: null,
  },
];
