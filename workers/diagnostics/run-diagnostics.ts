import { runProbe, toolProbes } from "../capabilities";
import type { JobContext } from "../queue-client/job-context";

/** Runs every tool's version command and reports each as it finishes: proves the queue end to end. */
export async function runDiagnostics(ctx: JobContext<"diagnostics">) {
  ctx.log(`diagnostics on worker (node ${process.version}, ${process.platform}/${process.arch})`);
  const tools = [];
  for (const probe of toolProbes) {
    if (ctx.signal.aborted) throw new Error("Diagnostics cancelled.");
    ctx.log(`$ ${probe.command} ${probe.args.join(" ")}`);
    const result = await runProbe(probe);
    const entry = {
      name: probe.name,
      command: probe.command,
      ok: result.ok,
      version: result.version,
      durationMs: result.durationMs,
    };
    ctx.emit("tool", entry);
    tools.push(entry);
  }
  const found = tools.filter((tool) => tool.ok).length;
  ctx.log(`${found} of ${tools.length} tools available`);
  return { tools };
}
