"use client";
import { useState } from "react";
import { ui } from "@/app/_components/ui";
import type { SpecNode } from "@/contracts/spec/schema";
import { Field } from "./field";
import { FieldChips } from "./field-chips";

type Telemetry = SpecNode["telemetry"];

/** Seconds as the user types them -> whole milliseconds, or a reason it cannot be used. */
export function parseIntervalSeconds(text: string): { ms: number } | { error: string } {
  const seconds = Number(text);
  if (text.trim() === "" || !Number.isFinite(seconds)) return { error: "Enter a number of seconds." };
  const ms = Math.round(seconds * 1000);
  if (ms < 100) return { error: "At least 0.1 s." };
  if (ms > 86_400_000) return { error: "At most 86400 s (one day)." };
  return { ms };
}

export function TelemetryEditor(props: {
  telemetry: Telemetry;
  onChange: (telemetry: Telemetry, debounce: boolean) => void;
}) {
  const [draft, setDraft] = useState(String(props.telemetry.intervalMs / 1000));
  const parsed = parseIntervalSeconds(draft);
  return (
    <div className="space-y-3">
      <Field
        id="telemetry-interval"
        label="Report every (seconds)"
        hint={"ms" in parsed ? `${parsed.ms.toLocaleString("en")} ms between telemetry records` : undefined}
        error={"error" in parsed ? parsed.error : null}
      >
        <input
          id="telemetry-interval"
          type="number"
          inputMode="decimal"
          min={0.1}
          step={0.1}
          className={ui.input}
          value={draft}
          aria-invalid={"error" in parsed ? true : undefined}
          onChange={(event) => {
            setDraft(event.target.value);
            const next = parseIntervalSeconds(event.target.value);
            if ("ms" in next) props.onChange({ ...props.telemetry, intervalMs: next.ms }, true);
          }}
        />
      </Field>
      <FieldChips
        id="telemetry-fields"
        label="Telemetry fields"
        values={props.telemetry.fields}
        onChange={(fields) => props.onChange({ ...props.telemetry, fields }, false)}
      />
    </div>
  );
}
