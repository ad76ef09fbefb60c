import { expect, test } from "./support/test";
import { call, createProject, latestBuild, query, type TestNode } from "./support/projects";

const nodes: TestNode[] = [
  { id: "n1", name: "Probe one", board: "lm3s6965evb", telemetryIntervalMs: 1_000 },
  { id: "n2", name: "Probe two", board: "lm3s6965evb", telemetryIntervalMs: 1_000 },
];
// The app's broker listens next to the app (playwright.config.ts).
const mqttPort = Number(process.env.E2E_PORT ?? 3107) + 10;

test("deploy locally, rebuild the nodes for it, simulate: the dashboard fills, raises an alert, which is acknowledged", async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  const projectId = await createProject(request, `Deploy ${Date.now()}`, nodes);
  // Every reading of the template firmware is above 0 °C, so this rule raises an alert once data flows.
  const { spec, revision } = await query<{ spec: Record<string, unknown>; revision: number }>(request, "spec.get", {
    projectId,
  });
  await call(request, "spec.update", {
    projectId,
    baseRevision: revision,
    spec: { ...spec, rules: [{ when: "temperature > 0", then: "alert" }] },
  });

  await page.goto(`/projects/${projectId}?stage=deploy`);
  const stages = page.getByRole("navigation", { name: "Project stages" });
  await expect(stages.getByRole("link", { name: "Deploy" })).toHaveAttribute("aria-current", "step");
  await expect(page.getByRole("status")).toHaveText("Not deployed yet");

  // AWS is offered, and says why it cannot run here rather than pretending.
  await page.getByRole("radio", { name: /AWS/ }).check();
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(page.getByText(/^AWS deploys need/)).toBeVisible();

  await page.getByRole("radio", { name: /Local/ }).check();
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  const outputs = page.getByRole("definition");
  await expect(outputs.first()).toHaveText(new RegExp(`^[\\w.-]+:${mqttPort}$`), { timeout: 30_000 });
  await expect(page.getByRole("status")).toHaveText("Deployed (local)");
  await expect(page.getByText("Swarm id")).toBeVisible();
  await expect(page.locator("body")).not.toContainText(/password/i);

  const stale = page.getByRole("list", { name: "Nodes that need a rebuild" });
  await expect(stale.getByRole("listitem")).toHaveText(["n1", "n2"]);
  await page.getByRole("button", { name: "Rebuild these 2 nodes" }).click();
  await expect(page.getByRole("link", { name: /Follow the build in the Build stage/ })).toHaveAttribute(
    "href",
    new RegExp(`/projects/${projectId}\\?stage=build&build=`),
  );
  await expect
    .poll(async () => (await latestBuild(request, projectId)).status, { timeout: 120_000, intervals: [1_000] })
    .toMatch(/^(succeeded|failed|cancelled)$/);
  expect((await latestBuild(request, projectId)).status).toBe("succeeded");
  await expect(stale).toHaveCount(0, { timeout: 15_000 });

  await call(request, "simulate.start", { projectId, durationMs: 20_000 });
  for (const node of nodes) {
    const card = page.getByRole("listitem", { name: `Node ${node.id}` });
    await expect(card.getByText("Online")).toBeVisible({ timeout: 90_000 });
    await expect(card).toContainText(/temperature-?\d+(\.\d+)?/);
  }
  await expect(
    page
      .getByRole("img", { name: /^temperature of every node/ })
      .locator("canvas")
      .first(),
  ).toBeVisible();

  const acknowledge = page.getByRole("button", { name: /^Acknowledge alert on n\d/ }).first();
  await expect(acknowledge).toBeVisible({ timeout: 30_000 });
  const label = (await acknowledge.getAttribute("aria-label"))!;
  await acknowledge.click();
  await expect(page.getByRole("button", { name: label, exact: true })).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Alerts" })).toContainText("acknowledged");

  // The CSV of the range holds both nodes' stored readings; the dashboard page of its own shows the same.
  const from = new Date(Date.now() - 15 * 60_000).toISOString();
  const csv = await request.get(
    `/api/projects/${projectId}/telemetry.csv?${new URLSearchParams({ from, to: new Date().toISOString() })}`,
  );
  expect(csv.status()).toBe(200);
  const rows = (await csv.text()).trim().split("\r\n");
  expect(rows[0]).toMatch(/^ts,node,kind,.*temperature/);
  expect(rows.some((row) => row.split(",")[1] === "n1")).toBe(true);
  expect(rows.some((row) => row.split(",")[1] === "n2")).toBe(true);

  await page.goto(`/projects/${projectId}/dashboard`);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  for (const node of nodes) {
    await expect(page.getByRole("listitem", { name: `Node ${node.id}` })).toContainText(/temperature-?\d+(\.\d+)?/);
  }
  await expect(page.getByRole("list", { name: "Alerts" })).toContainText("acknowledged");

  // Destroying the server empties the stage's dashboard; the data is no longer served.
  await page.goto(`/projects/${projectId}?stage=deploy`);
  await page.getByRole("button", { name: "Destroy" }).click();
  await expect(page.getByRole("status")).toHaveText("Destroyed (local)");
  await expect(page.getByRole("region", { name: "Dashboard" })).toHaveCount(0);
  const gone = await request.get(
    `/api/projects/${projectId}/telemetry.csv?${new URLSearchParams({ from, to: new Date().toISOString() })}`,
  );
  expect(gone.status()).toBe(409);
});
