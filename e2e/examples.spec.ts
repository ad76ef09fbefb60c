import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";

// The example this spec opens, as examples/greenhouse-climate.ts defines it.
const title = "Greenhouse climate";
const nodes = [
  { id: "bed-1", name: "Bed 1 (tomatoes)", expect: ["@t temperature", "@t humidity", "@t soil_moisture"] },
  { id: "bed-2", name: "Bed 2 (peppers)", expect: ["@t temperature", "@t humidity", "@t soil_moisture"] },
  { id: "vent-controller", name: "Vent controller", expect: ["@t temperature"] },
];

const stage = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Project stages" }).getByRole("link", { name, exact: true });

test("an example from the home page opens as a new project that builds and simulates with its expectations met", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto("/");
  const gallery = page.getByRole("region", { name: "Start from an example" });
  const cards = gallery.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3 }) });
  const card = cards.filter({ has: page.getByRole("heading", { name: title }) });
  await expect(card).toBeVisible();
  const count = await cards.count();
  expect(count).toBeGreaterThanOrEqual(3);
  await expect(gallery.getByRole("button", { name: /^Open .+ as a new project$/ })).toHaveCount(count);
  await expect(card).toContainText("3 nodes");
  await expect(card).toContainText("2 × TI Stellaris LM3S6965 EVB");
  await expect(card).toContainText("Netduino Plus 2");

  // Opened from the keyboard: the new project's Design stage with the example's nodes on the map.
  await card.getByRole("button", { name: `Open ${title} as a new project` }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/projects\/[^/?]+$/);
  const projectId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(stage(page, "Design")).toHaveAttribute("aria-current", "step");
  await expect(page.getByTestId("save-status")).toHaveText("Saved · rev 1");
  for (const node of nodes) {
    await expect(page.getByTestId(`map-node-${node.id}`).getByTestId("map-node-name")).toHaveText(node.name);
  }

  // It is one of the visitor's projects now.
  await page.goto("/");
  await expect(page.getByTestId(`project-${projectId}`)).toContainText(title);
  await expect(page.getByTestId(`project-${projectId}`)).toContainText("3 nodes · rev 1");
  await page.getByTestId(`project-${projectId}`).getByRole("link", { name: title }).click();

  // Built as it is, with the offline templates…
  await stage(page, "Build").click();
  await page.getByRole("button", { name: "Build all" }).click();
  for (const node of nodes) {
    await expect(page.getByTestId(`build-card-${node.id}`).getByTestId("node-status")).toHaveText("succeeded", {
      timeout: 120_000,
    });
  }

  // …and simulated: every node's telemetry arrives, each of its expectations is ticked, and the run passes.
  await stage(page, "Simulate").click();
  await expect(page).toHaveURL(/[?&]stage=simulate/);
  await page.getByLabel("Duration").selectOption({ label: "30 s" });
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByTestId("run-status")).toHaveText(/^Running/, { timeout: 60_000 });
  for (const node of nodes) {
    const simCard = page.getByTestId(`sim-card-${node.id}`);
    await expect(page.getByRole("log", { name: `Console of ${node.id}` })).toContainText('@t {"', { timeout: 60_000 });
    const checks = simCard.getByTestId("check");
    await expect(checks).toHaveCount(node.expect.length);
    for (const item of node.expect) {
      await expect(checks.filter({ hasText: item })).toHaveAttribute("data-passed", "true", { timeout: 30_000 });
    }
  }
  await expect(page.getByTestId("run-status")).toHaveText("Finished", { timeout: 90_000 });
  for (const node of nodes) {
    await expect(page.getByTestId(`sim-card-${node.id}`).getByTestId("sim-node-status")).toHaveAttribute(
      "data-status",
      "passed",
    );
  }
});

test("opening an example that is gone says so on its card and stays on the home page", async ({ page }) => {
  // The gallery as a stale page would have it: an example the server no longer has.
  await page.route(/\/api\/trpc\/[^?]*examples\.list/, async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    await route.fulfill({ response, body: body.replaceAll('"id":"cold-chain"', '"id":"cold-chain-retired"') });
  });
  await page.goto("/");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Cold chain" }) });
  await card.getByRole("button", { name: "Open Cold chain as a new project" }).click();
  await expect(card.getByRole("alert")).toContainText('Could not open Cold chain: No example "cold-chain-retired"');
  await expect(page).toHaveURL(/\/$/);
  await expect(card.getByRole("button", { name: "Open Cold chain as a new project" })).toBeEnabled();
});
