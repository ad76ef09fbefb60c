"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { makeTrpcClient, TRPCProvider } from "./client";

/** A 4xx answer (not found, not yours, invalid) will not change on retry: show it at once. */
function retryUnlessRefused(failures: number, error: unknown): boolean {
  const status = (error as { data?: { httpStatus?: number } } | null)?.data?.httpStatus;
  if (status !== undefined && status >= 400 && status < 500) return false;
  return failures < 3;
}

/**
 * The query cache and tRPC client for everything inside. The root layout has one for the owner; a share
 * link's pages nest another with `shareToken`, so their calls carry the link and their cache never mixes
 * with the owner's.
 */
export function Providers({ children, shareToken }: { children: ReactNode; shareToken?: string }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 5_000, refetchOnWindowFocus: false, retry: retryUnlessRefused },
        },
      }),
  );
  const [trpcClient] = useState(() => makeTrpcClient({ shareToken }));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
