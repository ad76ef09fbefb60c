"use client";
import { useState } from "react";
import { ui } from "@/app/_components/ui";
import { topicMatches, type MqttEntry } from "./simulate-events";

const SHOWN = 200;

/** The swarm's MQTT traffic, newest first: records the nodes published and commands delivered to them. */
export function MqttLog({ entries, brokerConnected }: { entries: MqttEntry[]; brokerConnected: boolean | null }) {
  const [filter, setFilter] = useState("");
  const matching = entries.filter((entry) => topicMatches(filter, entry.topic));
  const shown = matching.slice(-SHOWN).reverse();
  return (
    <section aria-labelledby="mqtt-log-title" className="flex min-h-0 flex-1 flex-col gap-2 p-4">
      <h2 id="mqtt-log-title" className={ui.sectionTitle}>
        MQTT traffic
      </h2>
      {brokerConnected === false && (
        <p className="text-xs text-amber-800">No broker for this run: records stay in the consoles only.</p>
      )}
      <div>
        <label htmlFor="mqtt-filter" className={ui.label}>
          Topic filter
        </label>
        <input
          id="mqtt-filter"
          className={`${ui.input} font-mono text-xs`}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          placeholder="swarm/+/nodes/+/telemetry"
          aria-describedby="mqtt-filter-hint"
        />
        <p id="mqtt-filter-hint" className="mt-1 text-[11px] text-slate-500">
          Part of a topic, or a pattern with + and #. {matching.length} of {entries.length} messages.
        </p>
      </div>
      <ol className="min-h-0 flex-1 space-y-1 overflow-y-auto" aria-label="MQTT messages" data-testid="mqtt-log">
        {shown.map((entry) => (
          <li key={entry.seq} data-direction={entry.direction} className="rounded bg-slate-50 px-2 py-1 text-[11px]">
            <p className="flex items-center gap-1 font-mono break-all text-slate-700">
              <span
                className={`shrink-0 rounded px-1 font-sans font-medium ${
                  entry.direction === "command" ? "bg-amber-100 text-amber-800" : "bg-indigo-100 text-indigo-700"
                }`}
              >
                {entry.direction === "command" ? "command" : "publish"}
              </span>
              {entry.topic}
            </p>
            <p className="font-mono break-all text-slate-900">{entry.payload}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
