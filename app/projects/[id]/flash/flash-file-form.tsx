"use client";
import { useId, useState, type ChangeEvent } from "react";
import { ui } from "@/app/_components/ui";
import type { Board } from "@/boards";
import type { FlashPart } from "@/app/_flash/types";
import {
  defaultOffset,
  describeParts,
  formatOffset,
  parseOffset,
  partsFromFiles,
  type NamedBytes,
} from "./flash-images";

interface Props {
  board: Board;
  nodeId: string;
  disabled: boolean;
  defaultOpen: boolean;
  onFlash: (parts: FlashPart[]) => void;
}

type Checked = { parts: FlashPart[]; problem: null } | { parts: null; problem: string };

function check(board: Board, files: NamedBytes[], offsetText: string): Checked {
  try {
    return { parts: partsFromFiles(board, files, parseOffset(offsetText)), problem: null };
  } catch (error) {
    return { parts: null, problem: (error as Error).message };
  }
}

/**
 * "Flash a file…": a .bin at an offset, an Intel .hex, or an ESP Web Tools manifest with its parts,
 * for images built elsewhere (ESPHome, Tasmota, a local toolchain). Files are read on choice, so the
 * Flash click can open the browser's chooser right away.
 */
export function FlashFileForm({ board, nodeId, disabled, defaultOpen, onFlash }: Props) {
  const id = useId();
  const [files, setFiles] = useState<NamedBytes[]>([]);
  const [offsetText, setOffsetText] = useState(formatOffset(defaultOffset(board)));
  const [readProblem, setReadProblem] = useState<string | null>(null);
  const checked = files.length > 0 ? check(board, files, offsetText) : null;
  const offsetInvalid = parseOffset(offsetText) === null;
  const esp = board.flash.protocol === "esptool";

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = Array.from(event.target.files ?? []);
    setReadProblem(null);
    try {
      setFiles(
        await Promise.all(
          chosen.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })),
        ),
      );
    } catch (error) {
      setFiles([]);
      setReadProblem(`Could not read the file: ${(error as Error).message}`);
    }
  };

  return (
    <details open={defaultOpen} className="group rounded-md border border-slate-200 text-xs">
      <summary className="cursor-pointer px-2 py-1.5 font-medium text-slate-700 select-none hover:text-slate-900">
        Flash a file…
      </summary>
      <form
        className="space-y-2 border-t border-slate-200 p-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (checked?.parts) onFlash(checked.parts);
        }}
      >
        <div>
          <label htmlFor={`${id}-file`} className={ui.label}>
            Firmware file{esp ? "s" : ""}
          </label>
          <input
            id={`${id}-file`}
            type="file"
            multiple={esp}
            accept={esp ? ".bin,.hex,.json" : ".bin,.hex"}
            onChange={(event) => void choose(event)}
            aria-describedby={`${id}-help`}
            className="mt-1 block w-full text-xs text-slate-700 file:mr-2 file:rounded-md file:border-0 file:bg-slate-100 file:px-2 file:py-1 file:text-slate-700 hover:file:bg-slate-200"
          />
          <p id={`${id}-help`} className="mt-1 text-slate-500">
            A .bin, or an Intel .hex
            {esp ? ", or an ESP Web Tools manifest (.json) chosen together with its part files" : ""}.
          </p>
        </div>
        <div>
          <label htmlFor={`${id}-offset`} className={ui.label}>
            Offset of a .bin
          </label>
          <input
            id={`${id}-offset`}
            className={`${ui.input} mt-1 font-mono`}
            value={offsetText}
            onChange={(event) => setOffsetText(event.target.value)}
            aria-invalid={offsetInvalid}
            spellCheck={false}
          />
        </div>
        {(readProblem ?? checked?.problem) && (
          <p className="text-rose-700" data-testid={`flash-file-problem-${nodeId}`}>
            {readProblem ?? checked?.problem}
          </p>
        )}
        {checked?.parts && <p className="text-slate-600">Will write {describeParts(checked.parts)}.</p>}
        <button type="submit" className={ui.buttonPrimary} disabled={disabled || !checked?.parts}>
          Flash file
        </button>
      </form>
    </details>
  );
}
