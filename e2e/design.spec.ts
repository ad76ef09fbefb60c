import { expect, test, type Page } from "@playwright/test";

const boards = [
  { node: "node-1", id: "lm3s6965evb", name: "TI Stellaris LM3S6965 EVB" },
  { node: "node-2", id: "netduino-plus-2", name: "Netduino Plus 2" },
  { node: "node-3", id: "arduino-uno", name: "Arduino Uno" },
];

/** The revision the save status reports as saved, or -1 while a save is pending or failed. */
async function savedRevision(page: Page): Promise<number> {
  const text = (await page.getByTestId("save-status").textContent()) ?? "";
  const match = /^Saved · rev (\d+)$/.exec(text.trim());
  return match ? Number(match[1]) : -1;
}

test("design a three-node swarm on the map and find it again after a reload", async ({ page }) => {
  const projectName = `Greenhouse ${Date.now()}`;

  await page.goto("/");
  await page.getByLabel("New project").fill(projectName);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/projects\/[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1, name: projectName })).toBeVisible();
  await expect(page.getByTestId("save-status")).toHaveText("Saved · rev 1");

  // Three nodes, each opened in the inspector on a different board.
  for (const { node } of boards) {
    await page.getByRole("button", { name: "Add node" }).click();
    await expect(page.getByTestId(`map-node-${node}`)).toBeVisible();
  }
  for (const board of boards) {
    const card = page.getByTestId(`map-node-${board.node}`);
    await card.click();
    await expect(page.getByRole("region", { name: /^Inspector for/ })).toContainText(board.node);
    await page.getByLabel("Board").selectOption(board.id);
    await expect(card.getByTestId("map-node-board")).toHaveText(board.name);
  }
  await expect(page.getByTestId("board-summary")).toContainText("ATmega328P");

  // Rename the second node.
  await page.getByTestId("map-node-node-2").click();
  await page.getByLabel("Name", { exact: true }).fill("Soil probe");
  await expect(page.getByTestId("map-node-node-2").getByTestId("map-node-name")).toHaveText("Soil probe");
  await expect.poll(() => savedRevision(page)).toBeGreaterThan(1);

  // Drag the third node 160 px to the right.
  await page.getByRole("button", { name: "Close inspector" }).click();
  const before = await savedRevision(page);
  const offsetBefore = await offsetOfNode3(page);
  const node3 = (await page.getByTestId("map-node-node-3").boundingBox())!;
  await page.mouse.move(node3.x + node3.width / 2, node3.y + 20);
  await page.mouse.down();
  await page.mouse.move(node3.x + node3.width / 2 + 160, node3.y + 20, { steps: 12 });
  await page.mouse.up();
  await expect.poll(() => savedRevision(page)).toBeGreaterThan(before);
  const offsetAfter = await offsetOfNode3(page);
  expect(offsetAfter.x - offsetBefore.x).toBeGreaterThan(100);

  await page.reload();
  for (const board of boards) {
    await expect(page.getByTestId(`map-node-${board.node}`).getByTestId("map-node-board")).toHaveText(board.name);
  }
  await expect(page.getByTestId("map-node-node-2").getByTestId("map-node-name")).toHaveText("Soil probe");
  // The map fits the nodes to the screen again, but they keep their arrangement.
  const offsetReloaded = await offsetOfNode3(page);
  expect(Math.abs(offsetReloaded.x - offsetAfter.x)).toBeLessThan(3);
  expect(Math.abs(offsetReloaded.y - offsetAfter.y)).toBeLessThan(3);
  await page.getByTestId("map-node-node-3").click();
  await expect(page.getByLabel("Board")).toHaveValue("arduino-uno");

  await page.getByRole("link", { name: "← Projects" }).click();
  const row = page.getByRole("listitem").filter({ hasText: projectName });
  await expect(row).toContainText("3 nodes");
});

/** Where node-3 sits relative to node-1, in map units (screen pixels divided by the zoom). */
async function offsetOfNode3(page: Page) {
  const one = (await page.getByTestId("map-node-node-1").boundingBox())!;
  const three = (await page.getByTestId("map-node-node-3").boundingBox())!;
  const zoom = one.width / 224; // a node card is 224 px wide at zoom 1
  return { x: (three.x - one.x) / zoom, y: (three.y - one.y) / zoom };
}
