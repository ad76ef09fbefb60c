import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { refuseForeignMutation } from "@/server/http/mutation-guard";
import { PayloadTooLargeError, payloadTooLargeResponse, readLimitedBody } from "@/server/http/read-limited-body";

export const dynamic = "force-dynamic";

/** The biggest legitimate call is a pinned source (1 MiB, see contracts/firmware.ts) as JSON. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

const handle = (request: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext,
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path}:`, error.cause ?? error);
    },
  });

/**
 * Mutations must come as JSON from this app's pages (no CSRF through simple forms), and are read within the
 * cap before tRPC parses them, so an oversized body never fills memory.
 */
async function POST(request: Request) {
  // Another site's form or script is refused before any byte of its body is read.
  const refused = refuseForeignMutation(request);
  if (refused) return refused;
  try {
    const body = await readLimitedBody(request, MAX_BODY_BYTES);
    return handle(new Request(request, { body, duplex: "half" } as RequestInit));
  } catch (error) {
    if (error instanceof PayloadTooLargeError) return payloadTooLargeResponse(error);
    throw error;
  }
}

export { handle as GET, POST };
