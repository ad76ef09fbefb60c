import { bookkeepingKeys } from "./simulate-events";

/** An SVG polyline's points for values scaled into a width × height box (a flat series sits in the middle). */
export function sparklinePoints(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) return "";
  const low = Math.min(...values);
  const high = Math.max(...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (value: number) => (high === low ? height / 2 : height - ((value - low) / (high - low)) * height);
  return values.map((value, i) => `${round(i * step)},${round(y(value))}`).join(" ");
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The fields of a telemetry record worth showing on the map: not the node's own id or timestamps. */
export function displayFields(record: Record<string, unknown>, max = 4): [string, string][] {
  return Object.entries(record)
    .filter(([key, value]) => !bookkeepingKeys.has(key) && value !== null)
    .filter(([, value]) => ["number", "string", "boolean"].includes(typeof value))
    .slice(0, max)
    .map(([key, value]) => [key, typeof value === "number" ? formatNumber(value) : String(value)]);
}

const formatNumber = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0$/, ""));
