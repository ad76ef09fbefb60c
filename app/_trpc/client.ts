"use client";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import type { inferRouterOutputs } from "@trpc/server";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { EventSource as FetchEventSource } from "eventsource";
import { SHARE_TOKEN_HEADER } from "@/contracts/share";
import type { AppRouter } from "@/server/api/root";

/** What each procedure answers, for components that take a slice of it as a prop. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let session: Promise<unknown> | null = null;

/** The browser's owner cookie is set by one request before any other, so parallel first calls share it. */
const fetchWithOwner: typeof fetch = async (input, init) => {
  session ??= fetch("/api/session", { method: "POST" }).catch(() => (session = null));
  await session;
  return fetch(input, init);
};

/** `init` with the share header added to whatever headers it already carries. */
export function withShareHeader<T extends { headers?: HeadersInit }>(init: T | undefined, shareToken: string): T {
  const headers = new Headers(init?.headers);
  headers.set(SHARE_TOKEN_HEADER, shareToken);
  return { ...(init ?? ({} as T)), headers };
}

/**
 * The app's client. With a share token (the /s/<token> pages) every request carries it, subscriptions
 * included: the browser's EventSource cannot send headers, so those go through a fetch-based one.
 */
export function makeTrpcClient(options: { shareToken?: string } = {}) {
  const { shareToken } = options;
  const subscriptions = shareToken
    ? httpSubscriptionLink({
        url: "/api/trpc",
        EventSource: FetchEventSource,
        eventSourceOptions: {
          fetch: (url, init) => fetch(url, withShareHeader(init, shareToken)),
        },
      })
    : httpSubscriptionLink({ url: "/api/trpc" });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: subscriptions,
        false: httpBatchLink({
          url: "/api/trpc",
          fetch: shareToken
            ? (input, init) => fetchWithOwner(input, withShareHeader(init, shareToken))
            : fetchWithOwner,
        }),
      }),
    ],
  });
}
