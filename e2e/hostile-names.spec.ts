/**
 * Stored XSS: names and descriptions are markup-looking text a user typed, and every page must show
 * them literally. A rendered <img onerror> or <script> would fire a dialog; an injected element would
 * appear in the DOM. Also checks what a foreign page could try instead: a form post or another Origin.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { call, createProject } from "./support/projects";

const hostileNode = "<img src=x onerror=alert(1)>";
const hostileDescription = '<svg onload=alert("description")></svg><b>bold</b>';

async function expectNothingInjected(page: Page) {
  expect(await page.locator("img[src='x'], svg[onload], b:text('bold')").count()).toBe(0);
}

test("hostile node and project names are shown as text on every stage and no script runs", async ({
  page,
  request,
}) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const projectName = `<script>alert("name")</script>${hostileNode} ${Date.now()}`;
  const projectId = await createProject(request, projectName, [
    { id: "evil", name: hostileNode, board: "lm3s6965evb" },
  ]);
  const { spec, revision } = await (
    await request.get(`/api/trpc/spec.get?input=${encodeURIComponent(JSON.stringify({ projectId }))}`)
  )
    .json()
    .then((body: { result: { data: { spec: Record<string, unknown>; revision: number } } }) => body.result.data);
  await call(request, "spec.update", {
    projectId,
    baseRevision: revision,
    spec: { ...spec, description: hostileDescription },
  });

  const design = await page.goto(`/projects/${projectId}`);
  const csp = design?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  await expect(page.getByText(hostileNode, { exact: true }).first()).toBeVisible();
  await expect(page.getByText(projectName).first()).toBeVisible();
  await expectNothingInjected(page);

  // History: who saved each revision, and the diff names the hostile node as text too.
  await page.getByRole("button", { name: "History" }).click();
  const history = page.getByRole("dialog", { name: "Revisions" });
  await expect(history.getByText(/by you/).first()).toBeVisible();
  await history.getByRole("checkbox", { name: "Compare revision 1" }).check();
  await history.getByRole("button", { name: "Compare rev 1 with current" }).click();
  const diff = history.getByRole("region", { name: "Revision diff" });
  await expect(diff.getByText(`+ node ${hostileNode} (evil)`)).toBeVisible();
  await expect(diff.getByText(/~ project: description/)).toBeVisible();
  await history.getByRole("button", { name: "Restore revision 2" }).click();
  await expect(history).toBeHidden();
  await page.getByRole("button", { name: "History" }).click();
  await expect(history.getByText("restore of 2")).toBeVisible();
  await expectNothingInjected(page);

  await page.goto(`/projects/${projectId}?stage=build`);
  await expect(page.getByRole("button", { name: "Build all" })).toBeVisible();
  await expect(page.getByText(hostileNode).first()).toBeVisible();
  await expectNothingInjected(page);

  await page.goto("/");
  await expect(page.getByText(projectName).first()).toBeVisible();
  await expectNothingInjected(page);
  expect(dialogs).toEqual([]);
});

test("a mutation from a plain form or another site is refused", async ({ request }) => {
  const form = await request.post("/api/trpc/project.create", { form: { name: "from a form" } });
  expect(form.status()).toBe(415);
  expect((await form.json()).error.message).toContain("application/json");
  const foreign = await request.post("/api/trpc/project.create", {
    data: { name: "from elsewhere" },
    headers: { origin: "https://evil.example" },
  });
  expect(foreign.status()).toBe(403);
  const crossSite = await request.post("/api/trpc/project.create", {
    data: { name: "from elsewhere" },
    headers: { "sec-fetch-site": "cross-site" },
  });
  expect(crossSite.status()).toBe(403);
  const projects = await request.get("/api/trpc/project.list");
  expect(await projects.text()).not.toContain("from elsewhere");
});
