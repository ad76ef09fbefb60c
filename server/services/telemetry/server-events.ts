import type { AggregatorEvent } from "../../../infra/aggregator/types";

const relayed = new Set(["record", "node", "alert"]);

/**
 * The aggregator's server-sent events (`event: record|node|alert`, `data: <json>`), one parsed event at a time.
 * `hello` and keep-alive comments are dropped: the dashboard takes its snapshot from telemetry.latest.
 */
export async function* readServerEvents(
  chunks: AsyncIterable<Buffer | string> | Iterable<string>,
): AsyncGenerator<AggregatorEvent> {
  let pending = "";
  for await (const chunk of chunks) {
    pending += typeof chunk === "string" ? chunk : chunk.toString("utf8");
    let end: number;
    while ((end = pending.indexOf("\n\n")) >= 0) {
      const block = pending.slice(0, end);
      pending = pending.slice(end + 2);
      const event = parseBlock(block);
      if (event) yield event;
    }
  }
}

function parseBlock(block: string): AggregatorEvent | null {
  let name = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) name = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  if (!relayed.has(name) || data.length === 0) return null;
  const event = JSON.parse(data.join("\n")) as AggregatorEvent;
  if (event.type !== name) throw new Error(`the live stream sent a "${name}" event holding a "${event.type}"`);
  return event;
}
