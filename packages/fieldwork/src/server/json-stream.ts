/** Bytes gathered before a piece of a streamed response is handed to the socket. */
const PIECE = 64 * 1024;

/** Objects and arrays up to this depth are written member by member; deeper ones in one piece. */
const WALK_DEPTH = 3;

/**
 * The JSON text of `value` in pieces of about 64 KiB, byte for byte what `JSON.stringify(value)`
 * writes. The outer levels are walked member by member, so a response of many results never
 * exists as one string: each piece is made when the socket asks for it.
 *
 * @example
 * for (const piece of jsonPieces({ results: [1, 2, 3] })) socket.write(piece)
 */
export function* jsonPieces(value: unknown): Generator<string> {
  let buffer = '';
  for (const part of walk(value, 0)) {
    buffer += part;
    if (buffer.length >= PIECE) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

function* walk(value: unknown, depth: number): Generator<string> {
  const v = value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
  if (depth >= WALK_DEPTH || v === null || typeof v !== 'object') {
    yield JSON.stringify(v) ?? 'null';
    return;
  }
  if (Array.isArray(v)) {
    yield '[';
    for (let i = 0; i < v.length; i++) {
      if (i) yield ',';
      const x = v[i];
      if (x === undefined || typeof x === 'function' || typeof x === 'symbol') yield 'null';
      else yield* walk(x, depth + 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    yield `${first ? '' : ','}${JSON.stringify(k)}:`;
    first = false;
    yield* walk(x, depth + 1);
  }
  yield '}';
}

/**
 * A JSON response streamed in pieces (see {@link jsonPieces}) with back-pressure: the next piece
 * is serialized only when the client has taken the previous one.
 *
 * @example
 * return jsonResponse(checkJson(ctx, run))
 */
export function jsonResponse(value: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const encoder = new TextEncoder();
  const pieces = jsonPieces(value);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    cancel() {
      pieces.return(undefined);
    },
  });
  return new Response(body, { status, headers: { 'content-type': 'application/json; charset=UTF-8', ...headers } });
}
