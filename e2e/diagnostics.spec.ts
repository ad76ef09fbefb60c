import { expect, test } from "@playwright/test";

test("run diagnostics on a worker, watch it live, and replay the log after a reload", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("New project").fill(`Diagnostics ${Date.now()}`);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/projects\/[^/?]+$/);

  // The worker started beside the app shows up with its toolchains.
  const workers = page.getByRole("region", { name: "Workers" });
  const worker = workers.getByTestId("worker").filter({ hasText: "online" }).first();
  await expect(worker).toBeVisible({ timeout: 30_000 });
  await expect(worker).toContainText(/arm-gcc — arm-none-eabi-gcc.*\d+\.\d+/);

  await page.getByRole("button", { name: "Run diagnostics" }).click();
  await expect(page).toHaveURL(/\?diag=[^&]+/);

  const diagnostics = page.getByRole("region", { name: "Diagnostics" });
  const armGcc = diagnostics.getByTestId("tool-arm-gcc");
  const log = diagnostics.getByTestId("diagnostics-log");
  const expectFullLog = async () => {
    await expect(armGcc).toContainText("✓");
    await expect(armGcc).toContainText(/arm-none-eabi-gcc.*\d+\.\d+\.\d+/);
    await expect(log).toContainText("$ arm-none-eabi-gcc --version");
    await expect(log).toContainText(/\d+ of \d+ tools available/);
    const events = diagnostics.getByRole("list", { name: "Job events" });
    for (const type of ["queued", "claimed", "succeeded"]) await expect(events).toContainText(type);
  };

  await expect(diagnostics.getByTestId("diagnostics-status")).toHaveText("succeeded", { timeout: 30_000 });
  await expectFullLog();

  // A reload replays the whole log from the job's events.
  await page.reload();
  await expect(page).toHaveURL(/\?diag=[^&]+/);
  await expect(diagnostics.getByTestId("diagnostics-status")).toHaveText("succeeded");
  await expectFullLog();
});
