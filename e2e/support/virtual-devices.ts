/**
 * Puts virtual boards behind Chrome's Web Serial / WebUSB choosers: bundles
 * e2e/fixtures/browser/entry.ts for the browser once per test process and injects it into a page.
 */
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { build } from "esbuild";
import type { VirtualConfig } from "../fixtures/browser/entry";

export type { VirtualConfig } from "../fixtures/browser/entry";

const entry = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/browser/entry.ts");
let bundle: Promise<string> | null = null;

/** The browser bundle's path (an IIFE in the temp directory). */
export function virtualDevicesBundle(): Promise<string> {
  bundle ??= (async () => {
    const outfile = path.join(os.tmpdir(), `swarm-virtual-devices-${process.pid}.js`);
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      format: "iife",
      platform: "browser",
      target: "chrome120",
      sourcemap: "inline",
      logLevel: "warning",
    });
    return outfile;
  })();
  return bundle;
}

/** From the next navigation on, the page's choosers hand out the boards `config` describes. */
export async function installVirtualDevices(page: Page, config: VirtualConfig): Promise<void> {
  await page.addInitScript((value) => {
    window.__virtualConfig = value;
  }, config);
  await page.addInitScript({ path: await virtualDevicesBundle() });
}
