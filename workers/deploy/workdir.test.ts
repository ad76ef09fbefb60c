import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { prepareDeploymentDir, readDeploymentState } from "./workdir";

const roots: string[] = [];
let root = "";
let moduleDir = "";
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "deploy-workdir-"));
  roots.push(root);
  moduleDir = path.join(root, "module");
  await mkdir(moduleDir);
  await writeFile(path.join(moduleDir, "main.tf"), 'output "x" { value = 1 }\n');
  await writeFile(path.join(moduleDir, "cloud-init.yaml.tftpl"), "#cloud-config\n");
  await writeFile(path.join(moduleDir, "module.test.ts"), "// not part of the module\n");
});
afterAll(async () => Promise.all(roots.map((dir) => rm(dir, { recursive: true, force: true }))));

const bytes = (text: string) => new Uint8Array(Buffer.from(text));

describe("prepareDeploymentDir", () => {
  it("copies the module's configuration, writes the variables privately and restores the state", async () => {
    const workDir = path.join(root, "deployments", "d1");
    await prepareDeploymentDir({ workDir, moduleDir, variables: { swarm_id: "farm" }, state: bytes('{"v":4}') });
    expect((await readdir(workDir)).sort()).toEqual(
      ["cloud-init.yaml.tftpl", "main.tf", "terraform.tfstate", "terraform.tfvars.json"].sort(),
    );
    expect(JSON.parse(await readFile(path.join(workDir, "terraform.tfvars.json"), "utf8"))).toEqual({
      swarm_id: "farm",
    });
    for (const file of ["terraform.tfvars.json", "terraform.tfstate"]) {
      expect((await stat(path.join(workDir, file))).mode & 0o777, file).toBe(0o600);
    }
    expect(await readDeploymentState(workDir)).toEqual(bytes('{"v":4}'));
  });

  it("tightens a variables file an older run left readable", async () => {
    const workDir = path.join(root, "d2");
    await mkdir(workDir);
    await writeFile(path.join(workDir, "terraform.tfvars.json"), "{}", { mode: 0o644 });
    await prepareDeploymentDir({ workDir, moduleDir, variables: { token: "x" } });
    expect((await stat(path.join(workDir, "terraform.tfvars.json"))).mode & 0o777).toBe(0o600);
  });

  it("says what is wrong with the module or the directory", async () => {
    await expect(prepareDeploymentDir({ workDir: "relative/dir", moduleDir, variables: {} })).rejects.toThrow(
      "Deployment workDir must be an absolute path: relative/dir",
    );
    const workDir = path.join(root, "d3");
    const missing = path.join(root, "nowhere");
    await expect(prepareDeploymentDir({ workDir, moduleDir: missing, variables: {} })).rejects.toThrow(
      `Terraform module directory ${missing} cannot be read`,
    );
    const empty = path.join(root, "empty");
    await mkdir(empty);
    await expect(prepareDeploymentDir({ workDir, moduleDir: empty, variables: {} })).rejects.toThrow(
      `Terraform module directory ${empty} has no .tf files`,
    );
  });
});

describe("readDeploymentState", () => {
  it("returns null before the first apply", async () => {
    expect(await readDeploymentState(root)).toBeNull();
  });

  it("prefers the state terraform could only save as errored.tfstate, and makes it the state", async () => {
    await writeFile(path.join(root, "terraform.tfstate"), "old");
    await writeFile(path.join(root, "errored.tfstate"), "newer");
    expect(await readDeploymentState(root)).toEqual(bytes("newer"));
    expect(await readFile(path.join(root, "terraform.tfstate"), "utf8")).toBe("newer");
    expect(await readdir(root)).not.toContain("errored.tfstate");
  });
});
