import net from "node:net";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startPostgres } from "./postgres";

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("startPostgres", () => {
  it("starts a throwaway server, serves queries, and is gone after stop()", async () => {
    const postgres = await startPostgres();
    const url = new URL(postgres.url);
    expect(url.pathname).toBe("/swarm_test");
    const port = Number(url.port);
    try {
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ one: number }>("select 1 as one");
        expect(rows).toEqual([{ one: 1 }]);
      } finally {
        await client.end();
      }
    } finally {
      await postgres.stop();
    }
    expect(await accepts(port)).toBe(false);
    await postgres.stop(); // idempotent
  });
});
