import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runSandboxed } from "../sandbox/run-sandboxed";

const versions = new Map<string, Promise<string>>();

/**
 * First line of `<compiler> --version`, run the way builds run it (inside the sandbox, where /usr/local is hidden),
 * so the compile cache key names the compiler that really builds. Cached per process; a failure is retried.
 */
export function compilerVersion(compiler: string): Promise<string> {
  let version = versions.get(compiler);
  if (!version) {
    version = (async () => {
      const workDir = await mkdtemp(path.join(os.tmpdir(), "toolchain-version-"));
      try {
        const run = await runSandboxed({ command: compiler, args: ["--version"], workDir, limits: { timeMs: 15_000 } });
        const first = run.stdout.split("\n")[0]?.trim();
        if (run.exitCode !== 0 || !first) {
          throw new Error(
            `${compiler} --version failed: ${run.limitHit ?? (run.stderr.trim() || `exit ${run.exitCode}`)}`,
          );
        }
        return first;
      } finally {
        await rm(workDir, { recursive: true, force: true });
      }
    })();
    versions.set(compiler, version);
    version.catch(() => versions.delete(compiler));
  }
  return version;
}
