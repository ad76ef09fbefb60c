import type { StoredRecord } from "./types";

/** CSV of records: ts, node, kind, then one column per field seen in any record (sorted), RFC 4180 quoting. */
export function recordsToCsv(records: StoredRecord[]): string {
  const fields = [...new Set(records.flatMap((r) => Object.keys(r.record)))].sort();
  const lines = [["ts", "node", "kind", ...fields].map(cell).join(",")];
  for (const r of records) {
    lines.push([r.ts, r.nodeId, r.kind, ...fields.map((f) => r.record[f])].map(cell).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
