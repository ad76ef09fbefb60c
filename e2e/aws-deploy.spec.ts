import { expect, test } from "./support/test";
import { call, createProject, type TestNode } from "./support/projects";

const nodes: TestNode[] = [{ id: "n1", name: "Probe one", board: "lm3s6965evb", telemetryIntervalMs: 1_000 }];

test("AWS deploy through the stand-in module: plan, apply, outputs, destroy", async ({ page, request }) => {
  test.setTimeout(240_000);
  const projectId = await createProject(request, `Aws ${Date.now()}`, nodes);
  await page.goto(`/projects/${projectId}?stage=deploy`);
  await expect(page.getByRole("status")).toHaveText("Not deployed yet");
  await page.getByRole("radio", { name: /AWS/ }).check();
  await expect(page.getByText(/Needs the project secrets AWS_ACCESS_KEY_ID/)).toBeVisible();
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(
    page.getByText(/^AWS deploys need the project secrets AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/),
  ).toBeVisible();
  await call(request, "secrets.set", { projectId, name: "AWS_ACCESS_KEY_ID", value: "AKIAE2EEXAMPLE000001" });
  await call(request, "secrets.set", {
    projectId,
    name: "AWS_SECRET_ACCESS_KEY",
    value: "e2e-secret-key-value-000000001",
  });
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Plan ready for approval (aws)", { timeout: 90_000 });
  await expect(page.getByLabel("Terraform plan", { exact: true })).toContainText(
    "terraform_data.server will be created",
  );
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status")).toHaveText("Deployed (aws)", { timeout: 90_000 });
  await expect(page.getByRole("definition").first()).toHaveText("127.0.0.1:8883");
  await expect(page.getByLabel("Terraform log", { exact: true })).toContainText("credential check: ••••");

  await expect(page.getByRole("list", { name: "Nodes that need a rebuild" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText("e2e-secret-key-value");
  await page.getByRole("button", { name: "Destroy" }).click();
  await page.getByRole("button", { name: "Yes, destroy" }).click();
  await expect(page.getByRole("status")).toHaveText("Destroyed (aws)", { timeout: 90_000 });
});
