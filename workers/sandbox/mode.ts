export type SandboxMode = "required" | "off";

/** SANDBOX=required (the default) or SANDBOX=off; anything else is a configuration mistake worth stopping on. */
export function sandboxMode(env: Record<string, string | undefined> = process.env): SandboxMode {
  const value = (env.SANDBOX ?? "").trim().toLowerCase();
  if (value === "" || value === "required") return "required";
  if (value === "off") return "off";
  throw new Error(`SANDBOX must be "required" (the default) or "off", not "${env.SANDBOX}"`);
}
