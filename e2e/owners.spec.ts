import { expect, test } from "@playwright/test";
import { buildProject, createProject } from "./support/projects";

test("two browsers each see only their own projects; the first's project and firmware links are dead in the second", async ({
  browser,
}) => {
  const first = await browser.newContext();
  const second = await browser.newContext();
  const mine = await first.newPage();
  const theirs = await second.newPage();
  const name = `Owned ${Date.now()}`;

  // The first browser makes a project and builds it (its API calls carry its own owner cookie).
  await mine.request.post("/api/session");
  const projectId = await createProject(mine.request, name, [{ id: "probe", name: "Probe", board: "lm3s6965evb" }]);
  const build = await buildProject(mine.request, projectId);
  const firmwareUrl = `/api/builds/${build.id}/probe/bin`;
  expect((await mine.request.get(firmwareUrl)).status()).toBe(200);
  const projectUrl = `/projects/${projectId}`;
  await mine.goto(projectUrl);
  await expect(mine.getByRole("heading", { level: 1, name })).toBeVisible();

  // The owner cookie is httpOnly and SameSite=Lax: scripts never see it.
  const cookies = await first.cookies();
  expect(cookies.find((cookie) => cookie.name === "swarm_owner")).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  expect(await mine.evaluate(() => document.cookie)).not.toContain("swarm_owner");
  await mine.goto("/");
  await expect(mine.getByRole("link", { name })).toBeVisible();

  // The second browser has its own empty list and cannot open the first's project or firmware.
  await theirs.goto("/");
  await expect(theirs.getByText("No projects yet")).toBeVisible();
  await expect(theirs.getByRole("link", { name })).toHaveCount(0);
  await theirs.goto(projectUrl);
  await expect(theirs.getByRole("heading", { name: "This project could not be opened" })).toBeVisible();
  await expect(theirs.getByText(/it does not exist, or it is not yours/)).toBeVisible();
  await expect(theirs.getByText(name)).toHaveCount(0);
  const download = await theirs.request.get(firmwareUrl);
  expect(download.status()).toBe(404);
  expect((await download.body()).includes(Buffer.from("\x7fELF"))).toBe(false);

  // A mutation is refused the same way, and nothing of the first's changed.
  const rename = await theirs.request.post("/api/trpc/project.rename", { data: { id: projectId, name: "pwned" } });
  expect(rename.status()).toBe(404);
  await mine.reload();
  await expect(mine.getByRole("link", { name })).toBeVisible();
  expect((await mine.request.get(firmwareUrl)).status()).toBe(200);

  await first.close();
  await second.close();
});
