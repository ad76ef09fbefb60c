import { AppError } from "../../contracts/errors";

export class PayloadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body is larger than ${limit.toLocaleString("en")} bytes.`);
  }
}

/**
 * Reads a request body, stopping as soon as it passes `limit` bytes: a declared Content-Length over
 * the limit is refused before any byte is read, and a streamed body is cancelled at the limit, so
 * an oversized upload never sits in memory.
 */
export async function readLimitedBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLargeError(limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Reads and parses a JSON body within `limit`; BAD_REQUEST when it is not JSON. */
export async function readLimitedJson(request: Request, limit: number): Promise<unknown> {
  const bytes = await readLimitedBody(request, limit);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new AppError("BAD_REQUEST", "Body must be JSON.");
  }
}

export function payloadTooLargeResponse(error: PayloadTooLargeError): Response {
  return Response.json(
    { error: { code: "PAYLOAD_TOO_LARGE", message: `${error.message} Send less at once.` } },
    { status: 413 },
  );
}
