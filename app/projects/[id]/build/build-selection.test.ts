import { describe, expect, it } from "vitest";
import { artifactHref, buildPerNode, describeStartProblem, withSearchParam } from "./build-selection";

describe("buildPerNode", () => {
  const builds = [
    { id: "b3", nodeIds: ["node-2"] },
    { id: "b2", nodeIds: ["node-1", "node-2"] },
    { id: "b1", nodeIds: ["node-1", "node-2", "node-3"] },
  ];

  it("shows each node's newest build", () => {
    expect(Object.fromEntries(buildPerNode(["node-1", "node-2", "node-3", "node-4"], builds, null))).toEqual({
      "node-1": "b2",
      "node-2": "b3",
      "node-3": "b1",
    });
  });

  it("prefers the build in the URL for the nodes it built", () => {
    const map = buildPerNode(["node-1", "node-2"], builds, { id: "b1", nodeIds: ["node-1", "node-2", "node-3"] });
    expect(map.get("node-2")).toBe("b1");
  });
});

describe("describeStartProblem", () => {
  it("turns CONFLICT into a notice and anything else into an error", () => {
    const conflict = Object.assign(new Error("Nothing changed since the last successful build."), {
      data: { code: "CONFLICT" },
    });
    expect(describeStartProblem(conflict)).toEqual({ kind: "notice", message: conflict.message });
    expect(describeStartProblem(new Error("boom"))).toEqual({ kind: "error", message: "boom" });
    expect(describeStartProblem(null)).toBeNull();
  });
});

describe("withSearchParam", () => {
  it("sets and removes one parameter, keeping the others", () => {
    expect(withSearchParam("?build=b1", "stage", "build")).toBe("?build=b1&stage=build");
    expect(withSearchParam("?build=b1&stage=build", "stage", null)).toBe("?build=b1");
    expect(withSearchParam("", "stage", null)).toBe("");
  });
});

describe("artifactHref", () => {
  it("is the owner's plain download, or carries a share link's token as ?share=", () => {
    expect(artifactHref("b 1", "node/2", "bin")).toBe("/api/builds/b%201/node%2F2/bin");
    expect(artifactHref("b1", "probe", "elf", "tok+en/=")).toBe("/api/builds/b1/probe/elf?share=tok%2Ben%2F%3D");
  });
});
