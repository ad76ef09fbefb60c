"use client";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import type { inferRouterOutputs } from "@trpc/server";
import { createTRPCContext } from "@trpc/tanstack-react-query";
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

export function makeTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url: "/api/trpc" }),
        false: httpBatchLink({ url: "/api/trpc", fetch: fetchWithOwner }),
      }),
    ],
  });
}
