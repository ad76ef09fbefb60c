"use client";
import type { Board } from "@/boards";
import { formatBytes, formatHz } from "@/app/_components/format";
import { ui } from "@/app/_components/ui";
import { describeEmulator, describeFlashing, groupByVendor } from "./board-info";

export function BoardField(props: { boards: readonly Board[]; value: string; onChange: (boardId: string) => void }) {
  const board = props.boards.find((b) => b.id === props.value);
  return (
    <div className="space-y-2">
      <label htmlFor="node-board" className={ui.label}>
        Board
      </label>
      <select
        id="node-board"
        className={ui.input}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      >
        {!board && <option value={props.value}>Unknown board “{props.value}”</option>}
        {groupByVendor(props.boards).map(([vendor, boards]) => (
          <optgroup key={vendor} label={vendor}>
            {boards.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {board && <BoardSummary board={board} />}
    </div>
  );
}

function BoardSummary({ board }: { board: Board }) {
  const flashing = describeFlashing(board);
  const emulator = describeEmulator(board);
  return (
    <div className="rounded-md bg-slate-50 p-3 text-xs text-slate-700" data-testid="board-summary">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <dt className="text-slate-500">MCU</dt>
        <dd>
          {board.mcu} <span className="text-slate-500">({board.architecture})</span>
        </dd>
        <dt className="text-slate-500">Clock</dt>
        <dd>{formatHz(board.clockHz)}</dd>
        <dt className="text-slate-500">Flash</dt>
        <dd>{formatBytes(board.flashBytes)} for the app</dd>
        <dt className="text-slate-500">RAM</dt>
        <dd>{formatBytes(board.ramBytes)}</dd>
        <dt className="text-slate-500">Emulator</dt>
        <dd>{emulator.summary}</dd>
        <dt className="text-slate-500">Flashing</dt>
        <dd>{flashing.summary}</dd>
        <dt className="text-slate-500">Network</dt>
        <dd>{board.hasNetwork ? "Wi-Fi: reports over MQTT itself" : "None: reports over its serial console"}</dd>
      </dl>
      {(emulator.note || flashing.detail) && (
        <div className="mt-2 space-y-1 border-t border-slate-200 pt-2 text-slate-500">
          {emulator.note && <p>Emulator: {emulator.note}</p>}
          {flashing.detail && <p>{flashing.detail}</p>}
        </div>
      )}
    </div>
  );
}
