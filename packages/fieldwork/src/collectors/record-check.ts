import { instant } from '@fieldwork/core/records';

/** A compiled check: true only when the schema accepts the value and would return it unchanged. */
export type RecordCheck = (value: unknown) => boolean;

interface ZodNode {
  _zod: { def: Record<string, any> & { type: string; checks?: { _zod: { def: Record<string, any> & { check: string } } }[] } };
}

const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The last `YYYY-MM-DDTHH:MM` a Date confirmed: records of one artifact mostly share their minute. */
let checkedMinute = '';

/**
 * True when `v` (already in the canonical shape) is a real instant: a Date reads it back to the
 * same text. Once a minute is confirmed, another instant of that minute only needs seconds
 * below 60, so most records skip the Date round trip (a tenth of a trace collector's parse).
 */
function canonicalInstant(v: string): boolean {
  if (v.charCodeAt(17) <= 0x35 && v.startsWith(checkedMinute) && checkedMinute !== '') return true;
  const d = new Date(v);
  if (Number.isNaN(d.getTime()) || d.toISOString() !== v) return false;
  checkedMinute = v.slice(0, 17);
  return true;
}

/**
 * Compiles a record schema (zod) into a plain function that allocates nothing: true when the
 * schema accepts the value *and* its output would be the value itself (no unknown key to
 * strip, no default to fill, every instant already in its one UTC form). Anything else —
 * invalid, or valid but normalized by the schema — returns false, and the caller runs the
 * schema for its output or its error message. Returns undefined for a schema using a part
 * this compiler does not know (the caller then always runs the schema).
 *
 * Validating every collected record through zod cost more than parsing the bytes that
 * produced it; records made by typed collector code nearly always take the fast path.
 *
 * @example
 * const ok = compileRecordCheck(accessEventSchema);
 * const record = ok?.(r) ? r : accessEventSchema.parse(r);
 */
export function compileRecordCheck(schema: unknown): RecordCheck | undefined {
  try {
    return compile(schema as ZodNode);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

class Unsupported extends Error {}

function compile(node: ZodNode): RecordCheck {
  if ((node as unknown) === instant) {
    return (v) => typeof v === 'string' && CANONICAL_INSTANT.test(v) && canonicalInstant(v);
  }
  const d = node._zod.def;
  const checks = (d.checks ?? []).map((c) => compileCheck(c._zod.def));
  const own = compileType(node);
  if (checks.length === 0) return own;
  return (v) => {
    if (!own(v)) return false;
    for (const c of checks) if (!c(v)) return false;
    return true;
  };
}

function compileType(node: ZodNode): RecordCheck {
  const d = node._zod.def;
  switch (d.type) {
    case 'string': {
      // String formats (z.iso.date()) are the schema itself, with their pattern in the def.
      const pattern = d.pattern instanceof RegExp && d.format !== undefined ? (d.pattern as RegExp) : undefined;
      if (d.format !== undefined && !pattern) throw new Unsupported();
      return pattern ? (v) => typeof v === 'string' && pattern.test(v) : (v) => typeof v === 'string';
    }
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'literal': {
      const values = d.values as unknown[];
      return values.length === 1 ? (v) => v === values[0] : (v) => values.includes(v);
    }
    case 'enum': {
      const values = new Set(Object.values(d.entries as Record<string, unknown>));
      return (v) => values.has(v);
    }
    case 'optional': {
      const inner = compile(d.innerType);
      return (v) => v === undefined || inner(v);
    }
    case 'nullable': {
      const inner = compile(d.innerType);
      return (v) => v === null || inner(v);
    }
    case 'default': {
      // A missing value would be filled in: not returned unchanged.
      const inner = compile(d.innerType);
      return (v) => v !== undefined && inner(v);
    }
    case 'array': {
      const element = compile(d.element);
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    case 'record': {
      const key = compile(d.keyType);
      const value = compile(d.valueType);
      return (v) => {
        if (!isPlainObject(v)) return false;
        const o = v as Record<string, unknown>;
        for (const k in o) if (!key(k) || !value(o[k])) return false;
        return true;
      };
    }
    case 'union': {
      // The first option that accepts the value gives the output; an option failing here may
      // still accept it with a change, so any failure before a pass means "not unchanged".
      const options = (d.options as ZodNode[]).map(compile);
      const simple = (d.options as ZodNode[]).every((o) => ['literal', 'enum', 'string', 'number', 'boolean'].includes(o._zod.def.type) && !o._zod.def.checks?.length);
      if (!simple) throw new Unsupported();
      return (v) => options.some((o) => o(v));
    }
    case 'object': {
      // Strip mode only: an unknown key would be removed (not unchanged).
      if (d.catchall !== undefined) throw new Unsupported();
      const shape = d.shape as Record<string, ZodNode>;
      const fields = Object.entries(shape).map(([k, s]) => [k, compile(s)] as const);
      const known = new Set(Object.keys(shape));
      return (v) => {
        if (!isPlainObject(v)) return false;
        const o = v as Record<string, unknown>;
        for (const [k, check] of fields) if (!check(o[k])) return false;
        for (const k in o) if (!known.has(k)) return false;
        return true;
      };
    }
    default:
      throw new Unsupported();
  }
}

function compileCheck(c: Record<string, any> & { check: string }): RecordCheck {
  switch (c.check) {
    case 'min_length':
      return (v) => (v as { length: number }).length >= c.minimum;
    case 'max_length':
      return (v) => (v as { length: number }).length <= c.maximum;
    case 'greater_than':
      return c.inclusive ? (v) => (v as number) >= c.value : (v) => (v as number) > c.value;
    case 'less_than':
      return c.inclusive ? (v) => (v as number) <= c.value : (v) => (v as number) < c.value;
    case 'number_format':
      if (c.format === 'safeint') return (v) => Number.isSafeInteger(v);
      throw new Unsupported();
    case 'string_format':
      if (c.format === 'regex' && c.pattern instanceof RegExp) {
        const pattern = c.pattern as RegExp;
        return (v) => { pattern.lastIndex = 0; return pattern.test(v as string); };
      }
      throw new Unsupported();
    default:
      throw new Unsupported();
  }
}

function isPlainObject(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
