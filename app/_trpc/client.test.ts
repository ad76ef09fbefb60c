import { afterEach, describe, expect, it, vi } from "vitest";
import { SHARE_TOKEN_HEADER } from "@/contracts/share";
import { makeTrpcClient, withShareHeader } from "./client";

interface Seen {
  url: string;
  headers: Headers;
}

/** Answers every call like the server would (an owner session, an empty list) and records what was sent. */
function recordRequests(): Seen[] {
  const seen: Seen[] = [];
  vi.stubGlobal("document", { baseURI: "http://app.test/" });
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input);
      seen.push({ url, headers: new Headers(init?.headers) });
      if (url.includes("events")) {
        return new Response(new ReadableStream({ start: () => undefined }), {
          headers: { "content-type": "text/event-stream" },
        });
      }
      return Response.json([{ result: { data: [] } }]);
    }),
  );
  return seen;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("withShareHeader", () => {
  it("adds the token and keeps the headers already there", () => {
    const init = withShareHeader({ method: "POST", headers: { "content-type": "application/json" } }, "abc");
    const headers = new Headers(init.headers);
    expect(headers.get(SHARE_TOKEN_HEADER)).toBe("abc");
    expect(headers.get("content-type")).toBe("application/json");
    expect(init.method).toBe("POST");
  });

  it("works without any init", () => {
    expect(new Headers(withShareHeader(undefined, "abc").headers).get(SHARE_TOKEN_HEADER)).toBe("abc");
  });
});

describe("makeTrpcClient", () => {
  it("an owner's client sends no share token", async () => {
    const seen = recordRequests();
    await makeTrpcClient().project.list.query();
    const call = seen.find((request) => request.url.includes("project.list"));
    expect(call).toBeDefined();
    expect(call!.headers.has(SHARE_TOKEN_HEADER)).toBe(false);
  });

  it("a share link's client sends its token on queries", async () => {
    const seen = recordRequests();
    await makeTrpcClient({ shareToken: "link-token" }).project.list.query();
    const call = seen.find((request) => request.url.includes("project.list"));
    expect(call!.headers.get(SHARE_TOKEN_HEADER)).toBe("link-token");
  });

  it("a share link's client sends its token on subscriptions, which a plain EventSource could not", async () => {
    const seen = recordRequests();
    const subscription = makeTrpcClient({ shareToken: "link-token" }).jobs.events.subscribe(
      { jobId: "job-1" },
      { onData: () => undefined },
    );
    await vi.waitFor(() => expect(seen.some((request) => request.url.includes("jobs.events"))).toBe(true));
    subscription.unsubscribe();
    const call = seen.find((request) => request.url.includes("jobs.events"))!;
    expect(call.url).toMatch(/^http:\/\/app\.test\/api\/trpc\/jobs\.events\?/);
    expect(call.headers.get(SHARE_TOKEN_HEADER)).toBe("link-token");
  });
});
