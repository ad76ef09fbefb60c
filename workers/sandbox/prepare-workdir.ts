import { lchown, lstat, readdir, realpath, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/**
 * bwrap resolves the bind source by path as the sandbox's host user, so every directory above the work directory
 * must be searchable by that user. Checked up front because bwrap's own error ("Can't find source path
 * /proc/self/fd/3: Permission denied") does not say what to change.
 */
export async function assertReachable(dir: string, uid: number, gid: number): Promise<void> {
  let current = path.dirname(await realpath(dir));
  for (;;) {
    const info = await stat(current);
    const searchable =
      info.uid === uid
        ? (info.mode & 0o100) !== 0
        : info.gid === gid
          ? (info.mode & 0o010) !== 0
          : (info.mode & 0o001) !== 0;
    if (!searchable) {
      throw new Error(
        `Sandbox work directory ${dir} is not reachable by the sandbox user (uid ${uid}): ${current} is not ` +
          `searchable by it; keep build directories under a world-searchable path such as ${os.tmpdir()}`,
      );
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

/**
 * Gives the work directory tree to the sandbox user. A root worker starts bwrap as that unprivileged host user
 * (so a sandbox escape lands as "nobody", not root), and the sandbox must be able to write its outputs.
 * lchown never follows symlinks, so a link the sandbox planted on an earlier run cannot redirect this to host files.
 */
export async function chownTree(dir: string, uid: number, gid: number): Promise<void> {
  const info = await lstat(dir);
  if (info.uid !== uid || info.gid !== gid) await lchown(dir, uid, gid);
  if (!info.isDirectory()) return;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(child, uid, gid);
    else await lchown(child, uid, gid);
  }
}
