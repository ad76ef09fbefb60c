"use client";
import { createContext, useContext, type ReactNode } from "react";

/** What a share link's pages know about the link they were opened through. */
export interface SharedLink {
  token: string;
  /** The owner let link holders download firmware built without the project's secrets. */
  allowFirmware: boolean;
  /** Shown in the project header instead of the owner's controls (the link's Fork button). */
  headerActions?: ReactNode;
}

const ReadOnlyContext = createContext<SharedLink | null>(null);

/**
 * Everything inside is shown read-only: the stage components hide every control that would change
 * something (save, add node, build, simulate, deploy, commands, acknowledge, secrets, flash). The
 * server refuses those calls from a link holder anyway; hiding them keeps the page honest.
 */
export function ReadOnlyProvider({ link, children }: { link: SharedLink; children: ReactNode }) {
  return <ReadOnlyContext.Provider value={link}>{children}</ReadOnlyContext.Provider>;
}

/** True on a share link's pages. */
export function useReadOnly(): boolean {
  return useContext(ReadOnlyContext) !== null;
}

/** The share link the page was opened through, or null for the owner's own pages. */
export function useSharedLink(): SharedLink | null {
  return useContext(ReadOnlyContext);
}
