import { describe, expect, it } from "vitest";
import { absoluteShareUrl, shareLinkRows } from "./share-links";

describe("absoluteShareUrl", () => {
  it("puts the link on the page's origin", () => {
    expect(absoluteShareUrl("http://127.0.0.1:3160", "/s/AbC_-9")).toBe("http://127.0.0.1:3160/s/AbC_-9");
    expect(absoluteShareUrl("https://swarm.example", "/s/x")).toBe("https://swarm.example/s/x");
  });
});

describe("shareLinkRows", () => {
  const origin = "https://swarm.example";
  const links = [
    { id: "old", url: "/s/old", allowFirmware: false, createdAt: "2026-12-01T10:00:00.000Z", revokedAt: null },
    {
      id: "gone",
      url: null,
      allowFirmware: true,
      createdAt: "2026-12-02T10:00:00.000Z",
      revokedAt: "2026-12-03T10:00:00.000Z",
    },
    { id: "new", url: "/s/new", allowFirmware: true, createdAt: new Date("2026-12-04T10:00:00.000Z"), revokedAt: null },
    {
      id: "gone-earlier",
      url: "/s/ge",
      allowFirmware: false,
      createdAt: "2026-11-30T10:00:00.000Z",
      revokedAt: "2026-12-01T11:00:00.000Z",
    },
  ];

  it("lists live links newest first, then revoked ones", () => {
    expect(shareLinkRows(links, origin).map((row) => row.id)).toEqual(["new", "old", "gone", "gone-earlier"]);
  });

  it("gives absolute addresses, none for a link whose token is no longer known, and ISO times", () => {
    const rows = shareLinkRows(links, origin);
    expect(rows[0]).toEqual({
      id: "new",
      href: "https://swarm.example/s/new",
      allowFirmware: true,
      createdAt: "2026-12-04T10:00:00.000Z",
      revokedAt: null,
    });
    expect(rows.find((row) => row.id === "gone")).toMatchObject({ href: null, revokedAt: "2026-12-03T10:00:00.000Z" });
  });

  it("is empty for a project never shared", () => {
    expect(shareLinkRows([], origin)).toEqual([]);
  });
});
