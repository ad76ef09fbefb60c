// `npm test`: set up, then type-check, lint, format-check, vitest (unit + integration), playwright.
// Flags: --unit (tsc/eslint/prettier/vitest only), --e2e (playwright only); args after `--` go to vitest.
import fs from "node:fs";
import path from "node:path";
import { ensureSetup, ROOT, run } from "./setup.mjs";

const argv = process.argv.slice(2);
const dashDash = argv.indexOf("--");
const flags = dashDash === -1 ? argv : argv.slice(0, dashDash);
const vitestExtra = dashDash === -1 ? [] : argv.slice(dashDash + 1);
const unknown = flags.filter((flag) => flag !== "--unit" && flag !== "--e2e");
if (unknown.length > 0) {
  console.error(`test: unknown option(s) ${unknown.join(" ")} (use --unit, --e2e, -- <vitest args>)`);
  process.exit(2);
}
const onlyUnit = flags.includes("--unit") && !flags.includes("--e2e");
const onlyE2e = flags.includes("--e2e") && !flags.includes("--unit");

const VITEST_JSON = path.join(ROOT, ".setup/vitest.json");
const PLAYWRIGHT_JSON = path.join(ROOT, ".setup/playwright.json");
const bin = (name) => path.join(ROOT, "node_modules/.bin", name);
const readJson = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
};

function vitestCounts() {
  const report = readJson(VITEST_JSON);
  if (!report) return null;
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}
function playwrightCounts() {
  const stats = readJson(PLAYWRIGHT_JSON)?.stats;
  if (!stats) return null;
  return {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: stats.unexpected ?? 0,
    skipped: stats.skipped ?? 0,
  };
}

const steps = [];
if (!onlyE2e) {
  steps.push(
    { name: "tsc", display: "npx tsc --noEmit -p .", cmd: bin("tsc"), args: ["--noEmit", "-p", "."] },
    { name: "eslint", display: "npx eslint .", cmd: bin("eslint"), args: ["."] },
    { name: "prettier", display: "npx prettier --check .", cmd: bin("prettier"), args: ["--check", "."] },
    {
      name: "vitest",
      display: `npx vitest run ${vitestExtra.join(" ")}`.trim(),
      cmd: bin("vitest"),
      args: ["run", "--reporter=default", "--reporter=json", `--outputFile=${VITEST_JSON}`, ...vitestExtra],
      report: VITEST_JSON,
      counts: vitestCounts,
    },
  );
}
if (!onlyUnit) {
  steps.push({
    name: "playwright",
    display: "npx playwright test",
    cmd: bin("playwright"),
    args: ["test", "--reporter=list,json"],
    env: { PLAYWRIGHT_JSON_OUTPUT_FILE: PLAYWRIGHT_JSON },
    report: PLAYWRIGHT_JSON,
    counts: playwrightCounts,
  });
}

const results = new Map(); // name -> { ok, error?, counts? }
let setupError = null;
try {
  await ensureSetup({ build: true, requireSystemPackages: true });
} catch (error) {
  setupError = error;
  console.error(`\ntest: setup failed: ${error.message}`);
}

if (!setupError) {
  for (const step of steps) {
    console.log(`\n▶ ${step.display}`);
    if (step.report) fs.rmSync(step.report, { force: true });
    let ok = true;
    let error = null;
    try {
      await run(step.cmd, step.args, { env: step.env });
    } catch (err) {
      ok = false;
      error = err;
    }
    results.set(step.name, { ok, error, counts: step.counts?.() ?? null });
    if (!ok) break;
  }
}

// Summary. Test counts come from the vitest/playwright JSON reports; a failed check that has no
// failing test behind it (tsc, eslint, prettier, a crashed runner, setup) counts as one failure.
let passed = 0;
let failed = 0;
let skipped = 0;
console.log("\n── summary ──");
if (setupError) {
  console.log("setup: FAILED");
  failed += 1;
}
for (const step of steps) {
  const result = results.get(step.name);
  if (!result) {
    console.log(`${step.name}: not run`);
    continue;
  }
  const { ok, counts } = result;
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
    skipped += counts.skipped;
    const extra = counts.skipped ? `, ${counts.skipped} skipped` : "";
    console.log(`${step.name}: ${counts.passed} passed, ${counts.failed} failed${extra}${ok ? "" : " (FAILED)"}`);
    if (!ok && counts.failed === 0) failed += 1;
  } else if (step.counts) {
    console.log(`${step.name}: ${ok ? "ok (no report)" : `FAILED (${result.error.message})`}`);
    if (!ok) failed += 1;
  } else {
    console.log(`${step.name}: ${ok ? "ok" : "FAILED"}`);
    if (!ok) failed += 1;
  }
}
const allOk = !setupError && steps.every((step) => results.get(step.name)?.ok);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(allOk ? 0 : 1);
