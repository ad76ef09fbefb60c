"use client";
import { useQueries, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { artifactHref } from "../build/build-selection";
import type { ArtifactRef, NamedBytes } from "./flash-images";

export interface BuiltImage {
  buildId: string;
  createdAt: string;
  artifacts: ArtifactRef[];
}

/** Only the newest builds are searched for a node's last good image. */
const SEARCHED_BUILDS = 10;
const unfinished = new Set(["queued", "active"]);

/**
 * Per node, the newest build in which it succeeded (its artifacts are what Flash writes);
 * `pending` while the builds that could hold one are still loading.
 */
export function useLatestImages(projectId: string, nodeIds: readonly string[]) {
  const trpc = useTRPC();
  const list = useQuery(trpc.build.list.queryOptions({ projectId }, { staleTime: 0 }));
  const builds = (list.data ?? []).slice(0, SEARCHED_BUILDS);
  const details = useQueries({
    queries: builds.map((build) =>
      trpc.build.get.queryOptions(
        { buildId: build.id },
        { staleTime: 0, refetchInterval: (query) => (unfinished.has(query.state.data?.status ?? "") ? 4_000 : false) },
      ),
    ),
  });
  const images = new Map<string, BuiltImage | null | "pending">();
  for (const nodeId of nodeIds) {
    let found: BuiltImage | null | "pending" = list.isPending ? "pending" : null;
    for (let i = 0; i < builds.length && found === null; i++) {
      if (!builds[i].nodeIds.includes(nodeId)) continue;
      const data = details[i]?.data;
      if (!data) {
        found = details[i]?.isPending ? "pending" : null;
        continue;
      }
      const node = data.nodes.find((candidate) => candidate.nodeId === nodeId);
      if (node?.status === "succeeded" && node.artifacts.length > 0) {
        found = { buildId: data.id, createdAt: data.createdAt, artifacts: node.artifacts };
      }
    }
    images.set(nodeId, found);
  }
  return { images, error: list.error?.message ?? null };
}

/** Downloads the named artifacts of one node's build (plain HTTP, the same URLs the Build stage links). */
export async function downloadArtifacts(
  image: BuiltImage,
  nodeId: string,
  kinds: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, NamedBytes>> {
  const files = new Map<string, NamedBytes>();
  for (const kind of kinds) {
    const artifact = image.artifacts.find((candidate) => candidate.kind === kind);
    const response = await fetch(artifactHref(image.buildId, nodeId, kind), { signal });
    if (!response.ok) throw new Error(`Downloading ${artifact?.name ?? kind} failed: HTTP ${response.status}.`);
    files.set(kind, { name: artifact?.name ?? kind, bytes: new Uint8Array(await response.arrayBuffer()) });
  }
  return files;
}
