"use client";
import { useSearchParams } from "next/navigation";
import { withSearchParam } from "../build/build-selection";

export const stages = ["design", "build", "simulate", "deploy", "flash"] as const;
export type Stage = (typeof stages)[number];

/**
 * One query parameter as state. Next.js picks up history.pushState/replaceState, so
 * useSearchParams re-renders without a server round trip; a reload keeps the value.
 */
export function useSearchParam(name: string) {
  const value = useSearchParams().get(name);
  const set = (next: string | null, mode: "push" | "replace" = "replace") => {
    const url = `${window.location.pathname}${withSearchParam(window.location.search, name, next)}`;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  };
  return [value, set] as const;
}

/** The stage in the URL (?stage=build); Design is the default and has no parameter. */
export function useStage() {
  const [value, set] = useSearchParam("stage");
  const stage: Stage = stages.includes(value as Stage) ? (value as Stage) : "design";
  const select = (next: Stage) => set(next === "design" ? null : next, "push");
  return [stage, select] as const;
}
