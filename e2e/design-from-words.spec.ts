import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { query } from "./support/projects";

const SENTENCE =
  "three greenhouse sensors on LM3S6965 boards reporting temperature every 5 seconds, alert above 30 °C, and a gateway with a fan";

/** Every card on the map, proposed or accepted. */
const mapCards = (page: Page) => page.getByRole("region", { name: "Device map" }).locator(".react-flow__node");
const proposed = (page: Page, nodeId: string) => page.getByTestId(`proposed-node-${nodeId}`);
const accepted = (page: Page, nodeId: string) => page.getByTestId(`map-node-${nodeId}`);

interface SavedSpec {
  spec: { nodes: { id: string; board: string }[]; links: { from: string; to: string }[]; rules: { when: string }[] };
}

test("describe a swarm in a sentence, accept all but one node, and build one", async ({ page, request }) => {
  test.setTimeout(180_000);
  const projectName = `Words ${Date.now()}`;
  await page.goto("/");
  await page.getByLabel("New project").fill(projectName);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/projects\/[^/?]+$/);
  const projectId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByTestId("save-status")).toHaveText("Saved · rev 1");

  // An empty project opens on the Describe box.
  const describe = page.getByRole("textbox", { name: "Describe your swarm in a sentence" });
  await expect(describe).toBeVisible();

  // Text with no words: the server's "what to write instead" shows next to the box.
  await describe.fill("42 17");
  await page.getByRole("button", { name: "Propose" }).click();
  const describeForm = page.getByRole("form", { name: "Describe your swarm" });
  await expect(describeForm.getByRole("alert")).toContainText("no words to read a design from");

  await describe.fill(SENTENCE);
  await page.getByRole("button", { name: "Propose" }).click();

  // The proposal is on the map, dashed and badged, each node with why it is there and why its board.
  for (const id of ["greenhouse-1", "greenhouse-2", "greenhouse-3", "gateway"]) {
    await expect(proposed(page, id)).toBeVisible();
    await expect(proposed(page, id)).toContainText("proposed");
  }
  await expect(page.getByRole("group", { name: "Proposed node Greenhouse sensor 1" })).toContainText(
    "reports every 5 seconds",
  );
  await expect(proposed(page, "greenhouse-1")).toContainText("named in the description");
  await expect(page.getByRole("list", { name: "Proposed rules" })).toContainText("temperature > 30");
  await expect(page.getByTestId("save-status")).toHaveText("Saved · rev 1");

  // Reject one sensor, accept the gateway on its own, then the rest (and the rule) at once.
  await proposed(page, "greenhouse-3").getByRole("button", { name: "Reject Greenhouse sensor 3" }).click();
  await expect(proposed(page, "greenhouse-3")).toHaveCount(0);
  await proposed(page, "gateway").getByRole("button", { name: "Accept Gateway" }).click();
  await expect(accepted(page, "gateway")).toBeVisible();
  await page.getByRole("button", { name: "Accept all" }).click();

  const expectAcceptedSwarm = async () => {
    for (const id of ["greenhouse-1", "greenhouse-2", "gateway"]) await expect(accepted(page, id)).toBeVisible();
    await expect(mapCards(page)).toHaveCount(3);
    await expect(accepted(page, "greenhouse-3")).toHaveCount(0);
  };
  await expectAcceptedSwarm();
  await expect(page.getByRole("region", { name: "Proposed change" })).toHaveCount(0);
  await expect(page.getByTestId("save-status")).toHaveText(/^Saved · rev [2-9]/);

  // Saved: a reload shows the same swarm, and the stored spec holds exactly what was accepted.
  await page.reload();
  await expectAcceptedSwarm();
  const { spec } = await query<SavedSpec>(request, "spec.get", { projectId });
  expect(spec.nodes.map((node) => node.id).sort()).toEqual(["gateway", "greenhouse-1", "greenhouse-2"]);
  expect(spec.links).toEqual(
    expect.arrayContaining([
      { from: "greenhouse-1", to: "gateway" },
      { from: "greenhouse-2", to: "gateway" },
    ]),
  );
  expect(spec.links).toHaveLength(2);
  expect(spec.rules.map((rule) => rule.when)).toEqual(["temperature > 30 °C"]);

  // One accepted node builds as proposed.
  await page.getByRole("navigation", { name: "Project stages" }).getByRole("link", { name: "Build" }).click();
  await expect(page).toHaveURL(/[?&]stage=build/);
  const card = page.getByTestId("build-card-greenhouse-1");
  await card.getByRole("checkbox", { name: /greenhouse-1/ }).check();
  await page.getByRole("button", { name: "Build selected (1)" }).click();
  await expect(card.getByTestId("node-status")).toHaveText("succeeded", { timeout: 120_000 });
  await expect(card.getByTestId("memory-flash")).toContainText(/[\d,]+ of [\d,]+ bytes/);
});
