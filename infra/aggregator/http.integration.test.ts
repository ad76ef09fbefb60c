import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Aggregator } from "./aggregator";
import { openDatabase } from "./database";
import { SWARM, TOKEN, serveHttp, waitFor } from "./test-support";

describe("aggregator HTTP API without a broker, on PGlite", () => {
  let db: Awaited<ReturnType<typeof openDatabase>>;
  let aggregator: Aggregator;
  let api: Awaited<ReturnType<typeof serveHttp>>;
  const auth = { authorization: `Bearer ${TOKEN}` };

  beforeAll(async () => {
    db = await openDatabase({});
    aggregator = await Aggregator.start({
      sql: db,
      swarmIds: [SWARM],
      broker: { kind: "none" },
      store: { flushIntervalMs: 10 },
    });
    api = await serveHttp(aggregator);
  });
  afterAll(async () => {
    await api?.close();
    await aggregator?.close();
    await db?.close();
  });

  it("streams stored records over server-sent events", async () => {
    const controller = new AbortController();
    const response = await fetch(`${api.url}/api/stream`, { headers: auth, signal: controller.signal });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    const posted = await fetch(`${api.url}/api/telemetry/node-9`, {
      method: "POST",
      headers: { ...auth, "content-type": "text/plain" },
      body: '@t {"temperature":21.5}\nboot log line\n@e {"event":"online"}\n',
    });
    expect(await posted.json()).toEqual({ accepted: 2 });
    while (!text.includes("event: record") || !text.includes('"kind":"event"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toContain("event: hello");
    expect(text).toContain('"record":{"temperature":21.5}');
    expect(text).toContain("event: node");
  });

  it("answers history in buckets and explains bad queries", async () => {
    const t0 = Date.parse("2026-03-01T00:00:00Z");
    for (let i = 0; i < 6; i++) aggregator.ingest(SWARM, "node-8", "telemetry", { level: i * 10 }, t0 + i * 10_000);
    await aggregator.flush();
    const query = `node=node-8&field=level&from=${t0}&to=${t0 + 60_000}&buckets=2`;
    const response = await fetch(`${api.url}/api/history?${query}`, { headers: auth });
    expect(await response.json()).toEqual({
      buckets: [
        { t: "2026-03-01T00:00:00.000Z", min: 0, max: 20, avg: 10, count: 3 },
        { t: "2026-03-01T00:00:30.000Z", min: 30, max: 50, avg: 40, count: 3 },
      ],
    });
    const missing = await fetch(`${api.url}/api/history?node=node-8&from=${t0}&to=${t0 + 1}`, { headers: auth });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: "missing query parameter field" });
    const badDate = await fetch(`${api.url}/api/history?node=node-8&field=level&from=yesterday&to=${t0}`, {
      headers: auth,
    });
    expect(await badDate.json()).toEqual({ error: "from must be an ISO 8601 time or epoch milliseconds" });
    const csv = await fetch(`${api.url}/api/export.csv?node=node-8&from=${t0}&to=${t0 + 20_000}`, { headers: auth });
    expect(await csv.text()).toBe(
      "ts,node,kind,level\r\n2026-03-01T00:00:00.000Z,node-8,telemetry,0\r\n2026-03-01T00:00:10.000Z,node-8,telemetry,10\r\n",
    );
  });

  it("refuses bad bodies, unknown routes, other swarms and oversized requests", async () => {
    const post = (path: string, body: string) => fetch(`${api.url}${path}`, { method: "POST", headers: auth, body });
    expect(await (await post("/api/telemetry/node-1", "[1, 2]")).json()).toEqual({
      error: "each record must be a JSON object",
    });
    expect(await (await post("/api/telemetry/node-1", '@t {"a":')).json()).toEqual({
      error: expect.stringContaining("@t line is not a JSON object"),
    });
    expect((await post("/api/telemetry/Not_A_Slug", "{}")).status).toBe(404);
    expect((await fetch(`${api.url}/api/latest?swarm=other`, { headers: auth })).status).toBe(404);
    expect((await post("/api/latest", "")).status).toBe(405);
    expect((await post("/api/telemetry/node-1", `{"x":"${"a".repeat(1 << 20)}"}`)).status).toBe(413);
    const commands = await post("/api/commands/node-1", '{"fan":"on"}');
    expect(await commands.json()).toEqual({ error: "commands need MQTT, and this aggregator runs without a broker" });
  });

  it("saves rules and reports the ones it cannot evaluate", async () => {
    const response = await fetch(`${api.url}/api/config`, {
      method: "PUT",
      headers: auth,
      body: JSON.stringify({
        rules: [
          { when: "level > 45", then: "tank full" },
          { when: "the tank sounds odd", then: "call someone" },
        ],
        nodes: [{ id: "node-8", intervalMs: 1000 }],
      }),
    });
    const { ruleErrors } = (await response.json()) as { ruleErrors: string[] };
    expect(ruleErrors).toHaveLength(1);
    expect(ruleErrors[0]).toContain('"the tank sounds odd" is not a rule');
    aggregator.ingest(SWARM, "node-8", "telemetry", { level: 50 });
    await waitFor("the alert", async () => {
      await aggregator.flush();
      return (await aggregator.listAlerts(SWARM, { active: true })).some((a) => a.message.includes("tank full"));
    });
  });
});
