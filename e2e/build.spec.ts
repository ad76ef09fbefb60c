import { readFile } from "node:fs/promises";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { createProject } from "./support/projects";

const nodes = [
  { id: "gateway", name: "Gateway", board: "lm3s6965evb" }, // Cortex-M3, arm-gcc
  { id: "climate", name: "Climate probe", board: "netduino-plus-2" }, // Cortex-M4, arm-gcc
  { id: "soil", name: "Soil probe", board: "arduino-uno" }, // AVR, avr-gcc
];

const createSwarm = (request: APIRequestContext, name: string) => createProject(request, name, nodes);

async function openBuildStage(page: Page, projectId: string) {
  await page.goto(`/projects/${projectId}`);
  await page.getByRole("navigation", { name: "Project stages" }).getByRole("link", { name: "Build" }).click();
  await expect(page).toHaveURL(/[?&]stage=build/);
  await expect(page.getByRole("button", { name: "Build all" })).toBeVisible();
}

const card = (page: Page, nodeId: string) => page.getByTestId(`build-card-${nodeId}`);

test("build three boards, see memory and download an ELF, then replay after a reload", async ({ page, request }) => {
  test.setTimeout(180_000);
  const projectId = await createSwarm(request, `Build ${Date.now()}`);
  await openBuildStage(page, projectId);

  await page.getByRole("button", { name: "Build all" }).click();
  await expect(page).toHaveURL(/[?&]build=[^&]+/);

  const expectBuilt = async () => {
    for (const node of nodes) {
      const nodeCard = card(page, node.id);
      await expect(nodeCard.getByTestId("node-status")).toHaveText("succeeded", { timeout: 90_000 });
      for (const memory of ["Flash", "RAM"]) {
        await expect(nodeCard.getByRole("meter", { name: `${memory} use of ${node.id}` })).toBeVisible();
      }
      await expect(nodeCard.getByTestId("memory-flash")).toContainText(/[\d,]+ of [\d,]+ bytes/);
      await expect(nodeCard.getByTestId("memory-ram")).toContainText(/[\d,]+ of [\d,]+ bytes/);
      await expect(nodeCard.getByTestId("memory-flash")).toContainText(/\d+(\.\d)?%/);
      await expect(nodeCard.getByRole("link", { name: new RegExp(`^Download ${node.id}\\.elf`) })).toBeVisible();
      await expect(nodeCard.getByTestId("iteration").first()).toContainText("compile");
    }
  };
  await expectBuilt();

  // The .elf really is an ELF file.
  const download = page.waitForEvent("download");
  await card(page, "soil")
    .getByRole("link", { name: /^Download soil\.elf/ })
    .click();
  const file = await readFile(await (await download).path());
  expect(file.subarray(0, 4).toString("latin1")).toBe("\x7fELF");

  // A reload keeps the stage and the build, and replays each node's events.
  await page.reload();
  await expect(page).toHaveURL(/stage=build/);
  await expectBuilt();
});

test("a pinned source that includes a host file fails without leaking it", async ({ page, request }) => {
  test.setTimeout(120_000);
  const hostname = (await readFile("/etc/hostname", "utf8")).trim();
  const projectId = await createSwarm(request, `Pinned ${Date.now()}`);
  await openBuildStage(page, projectId);

  // Build the gateway once so it has generated source (startup code, linker script) to edit.
  const gateway = card(page, "gateway");
  await gateway.getByRole("checkbox", { name: /gateway/ }).check();
  await page.getByRole("button", { name: "Build selected (1)" }).click();
  await expect(gateway.getByTestId("node-status")).toHaveText("succeeded", { timeout: 60_000 });

  await gateway.getByRole("button", { name: "View source" }).click();
  const dialog = page.getByRole("dialog", { name: /Source of Gateway/ });
  await dialog.getByRole("button", { name: "Edit" }).click();
  await dialog.getByRole("tab", { name: "main.c" }).click();
  const editor = dialog.getByRole("textbox", { name: "main.c" });
  await editor.fill('#include "/etc/hostname"\nint main(void) { return 0; }\n');
  await expect(editor).toContainText("/etc/hostname");
  await dialog.getByRole("button", { name: "Save & pin" }).click();
  await expect(dialog.getByRole("button", { name: "Unpin" })).toBeVisible();
  await expect(dialog.getByRole("textbox", { name: "main.c (read-only)" })).toContainText("/etc/hostname");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(gateway.getByText("Pinned", { exact: true })).toBeVisible();

  await expect(gateway.getByRole("checkbox", { name: /gateway/ })).toBeChecked();
  await page.getByRole("button", { name: "Build selected (1)" }).click();
  await expect(gateway.getByTestId("node-status")).toHaveText("failed", { timeout: 60_000 });
  await expect(gateway.getByTestId("node-error")).toContainText("not allowed");
  await expect(gateway.getByTestId("compiler-diagnostics")).toContainText("main.c");

  // Nothing of the host file reaches the page, not even in the log.
  await gateway.getByText(/^Log/).click();
  const text = await page.locator("body").innerText();
  const escaped = hostname.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  expect(hostname.length).toBeGreaterThan(0);
  expect(text).not.toMatch(new RegExp(`(^|[^A-Za-z0-9_-])${escaped}([^A-Za-z0-9_-]|$)`));
});
