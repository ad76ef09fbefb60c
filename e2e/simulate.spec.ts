import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { buildProject, createProject, type TestNode } from "./support/projects";

const expectations = ["@t temperature", "at least 2 telemetry lines"];
const nodes: TestNode[] = [
  { id: "gateway", name: "Gateway", board: "lm3s6965evb" }, // Cortex-M3 on its own QEMU machine
  { id: "climate", name: "Climate probe", board: "netduino-plus-2" }, // Cortex-M4 on netduinoplus2
  { id: "cooler", name: "Cooler", board: "arduino-uno", role: "actuator", actuators: [{ id: "fan", type: "fan" }] }, // AVR
].map((node) => ({ ...node, expect: expectations, telemetryIntervalMs: 1_000 }) as TestNode);

const card = (page: Page, nodeId: string) => page.getByTestId(`sim-card-${nodeId}`);
const consoleOf = (page: Page, nodeId: string) => page.getByRole("log", { name: `Console of ${nodeId}` });

/** Every console shows telemetry lines, the map shows each node's temperature, every expectation is ticked. */
async function expectSwarmLive(page: Page) {
  for (const node of nodes) {
    await expect(consoleOf(page, node.id)).toContainText('@t {"', { timeout: 60_000 });
    await expect(consoleOf(page, node.id)).toContainText('"temperature":');
    await expect(page.getByTestId(`map-live-${node.id}`).getByTestId("map-value-temperature")).toHaveText(
      /^-?\d+(\.\d+)?$/,
    );
    const checks = card(page, node.id).getByTestId("check");
    await expect(checks).toHaveCount(expectations.length);
    for (const item of expectations) {
      await expect(checks.filter({ hasText: item })).toHaveAttribute("data-passed", "true", { timeout: 30_000 });
    }
  }
}

test("a three-node swarm simulates live: consoles, map values, expectations, commands, replay, stop", async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  const projectId = await createProject(request, `Simulate ${Date.now()}`, nodes);
  await buildProject(request, projectId);

  await page.goto(`/projects/${projectId}?stage=simulate`);
  const stages = page.getByRole("navigation", { name: "Project stages" });
  await expect(stages.getByRole("link", { name: "Simulate" })).toHaveAttribute("aria-current", "step");
  await expect(page.getByLabel("Duration")).toHaveValue("60000");
  await expect(page.getByTestId("run-status")).toHaveText("No run yet");
  // Long enough for everything below on a busy machine; the test stops it.
  await page.getByLabel("Duration").selectOption({ label: "5 min" });

  await page.getByRole("button", { name: "Start" }).click();
  await expect(page).toHaveURL(/[?&]run=[^&]+/);
  await expect(page.getByRole("button", { name: "Stop" })).toBeVisible();
  await expect(page.getByTestId("run-status")).toHaveText(/^Running/, { timeout: 60_000 });

  await expectSwarmLive(page);
  for (const node of nodes) {
    await expect(card(page, node.id).getByTestId("sim-node-status")).toHaveText("running");
  }
  // Each node's records went through the broker.
  await expect(page.getByTestId("mqtt-log")).toContainText("/nodes/gateway/telemetry");
  await page.getByLabel("Topic filter").fill("swarm/+/nodes/cooler/#");
  await expect(page.getByTestId("mqtt-log")).toContainText("/nodes/cooler/telemetry");
  await expect(page.getByTestId("mqtt-log")).not.toContainText("/nodes/gateway/");

  // A reload mid-run replays the consoles so far and carries on live.
  const url = page.url();
  await page.reload();
  expect(page.url()).toBe(url);
  await expectSwarmLive(page);
  for (const node of nodes) {
    const before = Number(await consoleOf(page, node.id).getAttribute("data-lines"));
    await expect
      .poll(async () => Number(await consoleOf(page, node.id).getAttribute("data-lines")), { timeout: 20_000 })
      .toBeGreaterThan(before);
  }

  // A command to the actuator node goes over MQTT to its UART.
  const command = page.getByRole("textbox", { name: "Command to cooler" });
  await command.fill("fan on");
  await card(page, "cooler").getByRole("button", { name: "Send" }).click();
  await expect(command).toHaveValue("");
  await page.getByLabel("Topic filter").fill("command");
  const delivered = page.getByTestId("mqtt-log").locator('[data-direction="command"]');
  await expect(delivered).toHaveCount(1, { timeout: 15_000 });
  await expect(delivered).toContainText("swarm/");
  await expect(delivered).toContainText("/nodes/cooler/command");
  await expect(delivered).toContainText("fan on");
  // The firmware reads the line from its UART and switches the fan.
  const cooler = consoleOf(page, "cooler");
  await expect(cooler).toContainText('@e {"event":"actuator","node":"cooler","actuator":"fan","state":"on"', {
    timeout: 15_000,
  });
  await expect(consoleOf(page, "gateway")).not.toContainText('"event":"actuator"');
  // A command the node does not know is answered, not ignored.
  await command.fill("dance");
  await card(page, "cooler").getByRole("button", { name: "Send" }).click();
  await expect(cooler).toContainText('@e {"event":"command_unknown","node":"cooler"', { timeout: 15_000 });

  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("Stopped", { timeout: 30_000 });
  await expect(page.getByRole("button", { name: "Start" })).toBeVisible();

  // A stopped run takes no commands, and says so.
  await command.fill("fan off");
  await card(page, "cooler").getByRole("button", { name: "Send" }).click();
  await expect(card(page, "cooler").getByRole("alert")).toHaveText("This simulation is not running.");
});

test("without a build, Simulate says so and links to the Build stage", async ({ page, request }) => {
  const projectId = await createProject(request, `Unbuilt ${Date.now()}`, nodes.slice(0, 1));
  await page.goto(`/projects/${projectId}?stage=simulate`);
  await expect(page.getByText("There is no build to simulate yet.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Start" })).toBeDisabled();
  await page.getByRole("link", { name: "Build the swarm first" }).click();
  await expect(page).toHaveURL(/[?&]stage=build/);
  await expect(page.getByRole("button", { name: "Build all" })).toBeVisible();
});
