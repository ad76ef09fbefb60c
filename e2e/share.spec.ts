import { readFile } from "node:fs/promises";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "@playwright/test";
import { call, createProject, query, type TestNode } from "./support/projects";

const nodes: TestNode[] = [
  { id: "probe", name: "Probe", board: "lm3s6965evb", expect: ["@t temperature"], telemetryIntervalMs: 1_000 },
  { id: "relay", name: "Relay", board: "lm3s6965evb", expect: ["@t temperature"], telemetryIntervalMs: 1_000 },
];

/** Every control that changes something; a link holder's page must show none of them. */
const mutationButtons =
  /^(Add node|Delete node|Build all|Build selected.*|Rebuild changed|Start|Stop|Deploy|Deploy again|Destroy|Send|Acknowledge.*|Restore.*|Save.*|Unpin.*|Share|Create link|Revoke.*|Download CSV|Flash.*|Connect.*)$/;

async function expectNoMutationControls(page: Page) {
  await expect(page.getByRole("button", { name: mutationButtons })).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: /^Command to / })).toHaveCount(0);
}

/** Builds every node with the offline templates and without secrets (so a link may offer its firmware). */
async function buildWithoutSecrets(request: APIRequestContext, projectId: string): Promise<string> {
  const { buildId } = await call<{ buildId: string }>(request, "build.start", {
    projectId,
    generator: "templates",
    withoutSecrets: true,
  });
  await expect
    .poll(async () => (await query<{ status: string }>(request, "build.get", { buildId })).status, {
      timeout: 120_000,
      intervals: [1_000],
    })
    .toBe("succeeded");
  return buildId;
}

/** Starts a short run of the built swarm and waits until it has finished. */
async function simulate(request: APIRequestContext, projectId: string): Promise<string> {
  const { runId } = await call<{ runId: string }>(request, "simulate.start", { projectId, durationMs: 12_000 });
  await expect
    .poll(async () => (await query<{ status: string }>(request, "simulate.get", { runId })).status, {
      timeout: 120_000,
      intervals: [1_000],
    })
    .toMatch(/^(succeeded|failed|cancelled)$/);
  return runId;
}

const stage = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Project stages" }).getByRole("link", { name });

test("a share link opens the project read-only with its build and simulation; a fork is the viewer's own; revoking kills the link", async ({
  browser,
}) => {
  test.setTimeout(360_000);
  const ownerContext = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const viewerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const viewer = await viewerContext.newPage();
  const name = `Shared swarm ${Date.now()}`;

  // The owner makes, builds and simulates a two-node swarm.
  await owner.request.post("/api/session");
  const projectId = await createProject(owner.request, name, nodes);
  // A rule every template reading breaks, and a local server: the run fills the dashboard and raises alerts.
  const designed = await query<{ spec: Record<string, unknown>; revision: number }>(owner.request, "spec.get", {
    projectId,
  });
  await call(owner.request, "spec.update", {
    projectId,
    baseRevision: designed.revision,
    spec: { ...designed.spec, rules: [{ when: "temperature > 0", then: "alert" }] },
  });
  await call(owner.request, "deploy.start", { projectId, target: "local" });
  const buildId = await buildWithoutSecrets(owner.request, projectId);
  await simulate(owner.request, projectId);

  // The owner shares it from the project header and copies the link.
  await owner.goto(`/projects/${projectId}`);
  await expect(owner.getByRole("heading", { level: 1, name })).toBeVisible();
  await owner.getByRole("button", { name: "Share" }).click();
  const menu = owner.getByRole("dialog", { name: "Share" });
  await expect(menu.getByText("No links yet.")).toBeVisible();
  await menu.getByLabel("Allow firmware downloads (built without secrets)").check();
  await menu.getByRole("button", { name: "Create link" }).click();
  const linkBox = menu.getByRole("textbox", { name: "New share link" });
  await expect(linkBox).toHaveValue(/\/s\/[A-Za-z0-9_-]{22,}$/);
  const shareUrl = await linkBox.inputValue();
  const token = shareUrl.split("/s/")[1];
  await menu.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(menu.getByText("Copied")).toBeVisible();
  expect(await owner.evaluate(() => navigator.clipboard.readText())).toBe(shareUrl);
  await expect(menu.getByTestId("share-link")).toHaveCount(1);
  await expect(menu.getByTestId("share-link")).toContainText("firmware downloads allowed");

  // A second browser opens the link: the map and the spec, read-only.
  await viewer.goto(shareUrl);
  await expect(viewer.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(viewer.getByTestId("read-only-badge")).toBeVisible();
  for (const node of nodes) {
    await expect(viewer.getByTestId(`map-node-${node.id}`).getByTestId("map-node-name")).toHaveText(node.name);
  }
  await viewer.getByTestId("map-node-probe").click();
  const inspector = viewer.getByRole("region", { name: "Inspector for Probe" });
  await expect(inspector.getByLabel("Name", { exact: true })).toHaveValue("Probe");
  await expect(inspector.getByLabel("Name", { exact: true })).toBeDisabled();
  await expect(inspector.getByLabel("Board")).toBeDisabled();
  await expect(inspector.getByRole("button", { name: /^(Add|Remove|Rename)/ })).toHaveCount(0);
  await expect(stage(viewer, "Flash")).toHaveCount(0);
  // The history can be read and compared, not restored.
  await viewer.getByRole("button", { name: "History" }).click();
  const history = viewer.getByRole("dialog", { name: "Revisions" });
  await expect(history.getByText(/^rev 1 /)).toBeVisible();
  await expect(history.getByRole("button", { name: /^Restore/ })).toHaveCount(0);
  await viewer.getByRole("button", { name: "History" }).click();
  await expectNoMutationControls(viewer);

  // The build with its memory figures, and no way to start one, see the source or the secrets.
  await stage(viewer, "Build").click();
  for (const node of nodes) {
    const card = viewer.getByTestId(`build-card-${node.id}`);
    await expect(card.getByTestId("node-status")).toHaveText("succeeded", { timeout: 30_000 });
    await expect(card.getByRole("meter", { name: `Flash use of ${node.id}` })).toBeVisible();
    await expect(card.getByTestId("memory-flash")).toContainText(/[\d,]+ of [\d,]+ bytes/);
    await expect(card.getByTestId("memory-ram")).toContainText(/[\d,]+ of [\d,]+ bytes/);
    await expect(card.getByRole("checkbox")).toHaveCount(0);
    await expect(card.getByRole("button", { name: /^View source/ })).toHaveCount(0);
  }
  await expect(viewer.getByRole("complementary", { name: "Build settings" })).toHaveCount(0);
  await expect(viewer.getByTestId("build-summary")).toContainText("without secrets");
  // The owner allowed firmware and the build has no secrets: the image downloads through the link.
  const download = viewer.waitForEvent("download");
  await viewer
    .getByTestId("build-card-probe")
    .getByRole("link", { name: /^Download probe\.elf/ })
    .click();
  expect((await readFile(await (await download).path())).subarray(0, 4).toString("latin1")).toBe("\x7fELF");
  // Without the token the same download is refused: the link, not the page, grants it.
  expect((await viewer.request.get(`/api/builds/${buildId}/probe/elf`)).status()).toBe(404);
  await expectNoMutationControls(viewer);

  // The simulation: its status, the consoles and the ticked expectations, replayed; nothing to start or send.
  await stage(viewer, "Simulate").click();
  await expect(viewer.getByTestId("run-status")).toHaveText(/^(Finished|Stopped)/, { timeout: 30_000 });
  for (const node of nodes) {
    await expect(viewer.getByRole("log", { name: `Console of ${node.id}` })).toContainText('@t {"', {
      timeout: 30_000,
    });
    await expect(
      viewer.getByTestId(`sim-card-${node.id}`).getByTestId("check").filter({ hasText: "@t temperature" }),
    ).toHaveAttribute("data-passed", "true");
  }
  await expectNoMutationControls(viewer);

  // The Deploy stage: the server's state and the dashboard with the run's values and alerts, nothing to change.
  await stage(viewer, "Deploy").click();
  const server = viewer.getByRole("region", { name: "Server" });
  await expect(server.getByRole("status")).toHaveText("Deployed (local)");
  await expect(server.getByRole("radio")).toHaveCount(0);
  for (const node of nodes) {
    await expect(viewer.getByRole("listitem", { name: `Node ${node.id}` })).toContainText(/temperature-?\d+(\.\d+)?/);
  }
  await expect(viewer.getByRole("list", { name: "Alerts" }).getByRole("listitem").first()).toContainText("temperature");
  await expect(viewer.getByRole("button", { name: "Download CSV" })).toHaveCount(0);
  await expect(viewer.getByRole("link", { name: "Open on its own page" })).toHaveCount(0);
  // The live stream (a subscription, so the link's header went through the fetch-based EventSource) holds.
  await expect(viewer.getByText(/Could not load|Live updates stopped/)).toHaveCount(0);
  await expectNoMutationControls(viewer);

  // Straight at the API with the link's header, every change is refused (a valid spec, so only the gate can say no).
  const shared = await query<{ spec: unknown; revision: number }>(owner.request, "spec.get", { projectId });
  const refusedCalls: [string, unknown][] = [
    ["project.rename", { id: projectId, name: "pwned" }],
    ["spec.update", { projectId, spec: { ...(shared.spec as object), name: "pwned" }, baseRevision: shared.revision }],
    ["build.start", { projectId, generator: "templates" }],
    ["simulate.start", { projectId, durationMs: 1_000 }],
    ["deploy.destroy", { projectId }],
    ["alerts.acknowledge", { projectId, alertId: 1 }],
    ["commands.send", { projectId, nodeId: "probe", command: "led on" }],
    ["share.create", { projectId, allowFirmware: true }],
    ["project.delete", { id: projectId }],
  ];
  for (const [procedure, input] of refusedCalls) {
    const response = await viewer.request.post(`/api/trpc/${procedure}`, {
      data: input,
      headers: { "x-share-token": token },
    });
    expect([403, 404], `${procedure} answered ${response.status()}: ${await response.text()}`).toContain(
      response.status(),
    );
  }

  // Fork: the copy is the viewer's own project, and editing it leaves the original alone.
  await viewer.getByRole("button", { name: "Fork into my projects" }).click();
  await expect(viewer).toHaveURL(/\/projects\/[^/?]+/);
  const forkId = new URL(viewer.url()).pathname.split("/")[2];
  expect(forkId).not.toBe(projectId);
  await expect(viewer.getByTestId("read-only-badge")).toHaveCount(0);
  await viewer.getByTestId("map-node-probe").click();
  await viewer.getByLabel("Name", { exact: true }).fill("Forked probe");
  await expect(viewer.getByTestId("map-node-probe").getByTestId("map-node-name")).toHaveText("Forked probe");
  await expect(viewer.getByTestId("save-status")).toHaveText(/^Saved · rev \d+$/, { timeout: 15_000 });
  await viewer.goto("/");
  await expect(viewer.getByRole("link", { name })).toBeVisible();

  await viewer.goto(shareUrl);
  await expect(viewer.getByTestId("map-node-probe").getByTestId("map-node-name")).toHaveText("Probe");
  const original = await query<{ spec: { nodes: { id: string; name: string }[] } }>(owner.request, "spec.get", {
    projectId,
  });
  expect(original.spec.nodes.map((node) => node.name)).toEqual(["Probe", "Relay"]);

  // The owner revokes the link, after confirming; the viewer's next visit is refused.
  await owner.reload();
  await owner.getByRole("button", { name: "Share" }).click();
  await menu.getByRole("button", { name: /^Revoke / }).click();
  await menu.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(menu.getByTestId("share-link")).toHaveAttribute("data-revoked", "true");
  await expect(menu.getByTestId("share-link")).toContainText("revoked");

  await viewer.reload();
  await expect(viewer.getByRole("heading", { name: "This link was revoked" })).toBeVisible();
  await expect(viewer.getByText(name)).toHaveCount(0);
  const afterRevoke = await viewer.request.get(
    `/api/trpc/spec.get?input=${encodeURIComponent(JSON.stringify({ projectId }))}`,
    { headers: { "x-share-token": token } },
  );
  expect([403, 404]).toContain(afterRevoke.status());

  // A new link without firmware: the same build shows no downloads, and the image route refuses it.
  await menu.getByLabel("Allow firmware downloads (built without secrets)").uncheck();
  await menu.getByRole("button", { name: "Create link" }).click();
  await expect(linkBox).not.toHaveValue(shareUrl);
  const plainUrl = await linkBox.inputValue();
  await expect(menu.getByTestId("share-link")).toHaveCount(2);
  await expect(menu.getByTestId("share-link").first()).toHaveAttribute("data-revoked", "false");
  await viewer.goto(`${plainUrl}?stage=build`);
  const probeCard = viewer.getByTestId("build-card-probe");
  await expect(probeCard.getByTestId("node-status")).toHaveText("succeeded", { timeout: 30_000 });
  await expect(probeCard.getByTestId("memory-flash")).toContainText(/[\d,]+ of [\d,]+ bytes/);
  await expect(probeCard.getByRole("link", { name: /^Download / })).toHaveCount(0);
  const plainToken = plainUrl.split("/s/")[1];
  expect((await viewer.request.get(`/api/builds/${buildId}/probe/elf?share=${plainToken}`)).status()).toBe(403);

  // A link that never existed says so.
  await viewer.goto(`/s/${"x".repeat(43)}`);
  await expect(viewer.getByRole("heading", { name: "This link does not exist" })).toBeVisible();

  await ownerContext.close();
  await viewerContext.close();
});
