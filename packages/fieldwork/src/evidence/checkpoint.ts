import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { FieldworkError } from '@fieldwork/core';
import { canonicalJson } from './canonical-json.js';
import { sha256 } from './hash.js';

/** What a checkpoint signs: the ledger head (and the head of stored runs) at a time. */
export interface CheckpointBody {
  /** Format version. */
  v: 1;
  /** The ledger head: last entry's sequence number and hash (0 and GENESIS when empty). */
  seq: number;
  hash: string;
  /** When the checkpoint was signed (UTC). */
  time: string;
  /** The last committed check/audit run, or null. */
  runs: { id: number; hash: string } | null;
}

/** A signed checkpoint as written to a file: the body, the key id and an ed25519 signature. */
export interface Checkpoint extends CheckpointBody {
  /** SHA-256 of the signer's public key (DER, SPKI), so a verifier knows which key to use. */
  keyId: string;
  /** Base64 ed25519 signature over the canonical JSON of the body. */
  signature: string;
}

/** The public key's id: SHA-256 of its DER (SPKI) encoding. */
export function keyIdOf(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return sha256(pub.export({ type: 'spki', format: 'der' }));
}

/** A new ed25519 key pair as PEM text (PKCS#8 private, SPKI public). */
export function generateCheckpointKey(): { privateKeyPem: string; publicKeyPem: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

function bodyOf(c: CheckpointBody): CheckpointBody {
  return { v: 1, seq: c.seq, hash: c.hash, time: c.time, runs: c.runs ? { id: c.runs.id, hash: c.runs.hash } : null };
}

/**
 * Signs a head with an ed25519 private key (PEM). The key lives outside the database: in a file
 * or an environment variable, never in the store it vouches for.
 *
 * @example
 * const cp = signCheckpoint({ v: 1, seq: 12, hash: 'ab…', time: new Date().toISOString(), runs: null }, pem);
 */
export function signCheckpoint(body: CheckpointBody, privateKeyPem: string): Checkpoint {
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch (e) {
    throw new FieldworkError('CONFIG_INVALID', 'The checkpoint signing key is not a PEM private key.', { hint: 'Create one with `fieldwork checkpoint keygen`.', cause: e });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new FieldworkError('CONFIG_INVALID', `The checkpoint signing key is ${key.asymmetricKeyType}, not ed25519.`, { hint: 'Create one with `fieldwork checkpoint keygen`.' });
  const b = bodyOf(body);
  return { ...b, keyId: keyIdOf(key), signature: sign(null, Buffer.from(canonicalJson(b)), key).toString('base64') };
}

/** Checks a checkpoint's signature under the trusted public key (PEM); returns why it fails, or undefined. */
export function checkpointSignatureProblem(c: Checkpoint, publicKeyPem: string): string | undefined {
  const key = createPublicKey(publicKeyPem);
  if (c.keyId !== keyIdOf(key)) return `it was signed by key ${String(c.keyId).slice(0, 12)}…, not the trusted key ${keyIdOf(key).slice(0, 12)}…`;
  const ok = verify(null, Buffer.from(canonicalJson(bodyOf(c))), key, Buffer.from(String(c.signature), 'base64'));
  return ok ? undefined : 'the signature does not verify: the checkpoint was edited or forged';
}

/** Parses a checkpoint file's text; throws a FieldworkError naming the file when it is not one. */
export function parseCheckpoint(text: string, file: string): Checkpoint {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new FieldworkError('INPUT_MALFORMED', `${file} is not JSON.`, { where: { file }, hint: 'A checkpoint is the JSON `fieldwork checkpoint` writes.', cause: e });
  }
  const c = v as Partial<Checkpoint>;
  if (!c || c.v !== 1 || typeof c.seq !== 'number' || typeof c.hash !== 'string' || typeof c.time !== 'string' || typeof c.signature !== 'string' || typeof c.keyId !== 'string') {
    throw new FieldworkError('INPUT_WRONG_FORMAT', `${file} is not a Fieldwork checkpoint (v, seq, hash, time, keyId, signature).`, { where: { file }, hint: 'A checkpoint is the JSON `fieldwork checkpoint` writes.' });
  }
  return { v: 1, seq: c.seq, hash: c.hash, time: c.time, runs: c.runs ?? null, keyId: c.keyId, signature: c.signature };
}
