"use client";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import type { Board } from "@/boards";
import { browserCapabilities } from "@/app/_flash/browser/capabilities";
import { deviceMismatch } from "@/app/_flash/browser/device-match";
import { requestFlashTarget } from "@/app/_flash/browser/request-target";
import { chooseTransport } from "@/app/_flash/device-choice";
import { flash, toFlashError, type FlashPart, type SerialPortLike } from "@/app/_flash";
import { flashReducer, flashView, initialFlashState } from "./flash-state";

export type PartsLoader = (signal: AbortSignal) => Promise<FlashPart[]>;

/**
 * Drives one node's flash: transport check, the browser's chooser, a warning when the device looks
 * like another board, loading the image, then the flashing core with progress and cancel.
 * `port` is the last serial port used, so the serial monitor can reopen it.
 */
export function useFlasher(board: Board, catalogue: readonly Board[]) {
  const [state, dispatch] = useReducer(flashReducer, initialFlashState);
  const [port, setPort] = useState<SerialPortLike | null>(null);
  const controller = useRef<AbortController | null>(null);
  const decide = useRef<((go: boolean) => void) | null>(null);
  const lastLoader = useRef<PartsLoader | null>(null);

  useEffect(
    () => () => {
      controller.current?.abort();
      decide.current?.(false);
    },
    [],
  );

  const start = useCallback(
    async (loadParts: PartsLoader, options: { removeReadProtection?: boolean } = {}) => {
      if (controller.current) return; // one flash at a time per node
      lastLoader.current = loadParts;
      const choice = chooseTransport(board, browserCapabilities());
      if (!choice.ok) {
        dispatch({ type: "blocked", message: choice.message });
        return;
      }
      const abort = new AbortController();
      controller.current = abort;
      try {
        dispatch({ type: "choosing" });
        const target = await requestFlashTarget(board, choice.transport);
        if (!target) {
          dispatch({ type: "chosen-none" });
          return;
        }
        const warning = deviceMismatch(board, catalogue, target.ids);
        if (warning) {
          dispatch({ type: "confirm", warning });
          const go = await new Promise<boolean>((resolve) => (decide.current = resolve));
          decide.current = null;
          if (!go) {
            dispatch({ type: "reset" });
            return;
          }
        }
        dispatch({ type: "preparing" });
        let parts: FlashPart[];
        try {
          parts = await loadParts(abort.signal);
        } catch (error) {
          if (abort.signal.aborted) throw error;
          dispatch({ type: "failed", code: "download", message: (error as Error).message });
          return;
        }
        if (target.port) setPort(target.port);
        dispatch({ type: "start" });
        await flash({
          port: target.port,
          device: target.device,
          // Only after the user confirmed it on the card: removing readout protection mass-erases the chip.
          board: options.removeReadProtection ? withReadProtectionRemoval(board) : board,
          parts,
          signal: abort.signal,
          onEvent: (event) => dispatch({ type: "event", event, at: performance.now() }),
        });
      } catch (error) {
        const failure = toFlashError(error, abort.signal);
        dispatch({ type: "failed", code: failure.code, message: failure.message });
      } finally {
        if (controller.current === abort) controller.current = null;
      }
    },
    [board, catalogue],
  );

  return {
    state,
    view: flashView(state),
    port,
    start,
    retry: () => lastLoader.current && void start(lastLoader.current),
    /** After the user confirmed that the whole chip is erased: retry, removing readout protection first. */
    retryRemovingProtection: () => lastLoader.current && void start(lastLoader.current, { removeReadProtection: true }),
    cancel: () => controller.current?.abort(),
    /** Answers the wrong-board warning: write anyway, or stop. */
    confirm: (go: boolean) => decide.current?.(go),
    dismiss: () => dispatch({ type: "reset" }),
  };
}

function withReadProtectionRemoval(board: Board): Board {
  if (board.flash.protocol !== "stm32-uart") return board;
  // The catalogue never asks for it (its schema allows only false); the flasher reads the flag at run time.
  return { ...board, flash: { ...board.flash, removeReadProtection: true as unknown as false } };
}
