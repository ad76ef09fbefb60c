// Idempotent project setup shared by `npm start` and `npm test`. Plain Node, no dependencies:
// it runs before node_modules exists. Each step keeps a content-hash stamp in .setup/.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const STAMP_DIR = path.join(ROOT, ".setup");
const log = (message) => console.log(`setup: ${message}`);

/** Runs a command with inherited stdio; rejects with the command line and exit code on failure. */
export function run(command, args, { env, cwd = ROOT } = {}) {
  const line = [command, ...args].join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: "inherit" });
    child.on("error", (error) => reject(new Error(`\`${line}\` could not start: ${error.message}`)));
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`\`${line}\` failed with exit code ${code ?? signal}`)),
    );
  });
}

const exists = (p) => fs.existsSync(path.resolve(ROOT, p));
const readStamp = (name) => {
  try {
    return fs.readFileSync(path.join(STAMP_DIR, `${name}.hash`), "utf8").trim();
  } catch {
    return null;
  }
};
const writeStamp = (name, hash) => {
  fs.mkdirSync(STAMP_DIR, { recursive: true });
  fs.writeFileSync(path.join(STAMP_DIR, `${name}.hash`), `${hash}\n`);
};
function hashFiles(files) {
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(`${path.relative(ROOT, file)}\0`);
    hash.update(fs.existsSync(file) ? fs.readFileSync(file) : "<missing>");
    hash.update("\0");
  }
  return hash.digest("hex");
}

function checkNode() {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 9)) {
    throw new Error(`Node.js >= 20.9 is required (found ${process.version}). Install a newer Node.js and retry.`);
  }
}

/** True when node_modules already holds exactly the versions in package-lock.json (npm's hidden lockfile). */
function nodeModulesMatchLock(lockPath) {
  try {
    const lock = JSON.parse(fs.readFileSync(lockPath, "utf8")).packages ?? {};
    const installed = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/.package-lock.json"), "utf8"));
    const have = installed.packages ?? {};
    for (const [key, entry] of Object.entries(lock)) {
      if (!key.startsWith("node_modules/") || entry.link) continue;
      const got = have[key];
      if (!got) {
        if (entry.optional || entry.devOptional) continue; // platform-specific binaries are skipped by npm
        return false;
      }
      if (got.version !== entry.version) return false;
    }
    return true;
  } catch {
    return false;
  }
}

async function ensureNpmDeps() {
  const lockPath = path.join(ROOT, "package-lock.json");
  const hasLock = fs.existsSync(lockPath);
  const depsHash = () => hashFiles([hasLock ? lockPath : path.join(ROOT, "package.json")]);
  const present = exists("node_modules");
  if (present && readStamp("npm") === depsHash()) return log("npm deps up to date");
  if (present && hasLock && nodeModulesMatchLock(lockPath)) {
    writeStamp("npm", depsHash());
    return log("npm deps up to date");
  }
  // Not `npm ci`: npm 11 rejects lockfiles that lack other platforms' optional binaries
  // (npm/cli#4828), even freshly generated ones; `npm install` honours the lockfile as it is.
  log("installing npm deps (npm install)…");
  await run("npm", ["install", "--no-audit", "--no-fund", "--include=dev"]);
  writeStamp("npm", hashFiles([fs.existsSync(lockPath) ? lockPath : path.join(ROOT, "package.json")]));
}

const EXTRA_BIN_DIRS = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];
export function which(command) {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean), ...EXTRA_BIN_DIRS];
  for (const dir of dirs) {
    const file = path.join(dir, command);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return null;
}
const hasPostgres = () =>
  Boolean(which("initdb")) ||
  (fs.existsSync("/usr/lib/postgresql") &&
    fs.readdirSync("/usr/lib/postgresql").some((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/initdb`)));

// What the worker (and, for tests only, the browser and database) need, and the Debian package providing it.
const SYSTEM_PACKAGES = [
  { what: "arm-none-eabi-gcc", pkg: "gcc-arm-none-eabi", ok: () => which("arm-none-eabi-gcc") },
  { what: "newlib (ARM)", pkg: "libnewlib-arm-none-eabi", ok: () => fs.existsSync("/usr/lib/arm-none-eabi/newlib") },
  { what: "qemu-system-arm", pkg: "qemu-system-arm", ok: () => which("qemu-system-arm") },
  { what: "avr-gcc", pkg: "gcc-avr", ok: () => which("avr-gcc") },
  { what: "avr-libc", pkg: "avr-libc", ok: () => fs.existsSync("/usr/lib/avr/include/avr/io.h") },
  { what: "qemu-system-avr", pkg: "qemu-system-misc", ok: () => which("qemu-system-avr") },
  { what: "bwrap", pkg: "bubblewrap", ok: () => which("bwrap") },
  { what: "mosquitto", pkg: "mosquitto", ok: () => which("mosquitto") },
  { what: "mosquitto_pub", pkg: "mosquitto-clients", ok: () => which("mosquitto_pub") },
  { what: "chromium", pkg: "chromium", ok: () => which("chromium"), testsOnly: true },
  { what: "PostgreSQL server (initdb)", pkg: "postgresql", ok: hasPostgres, testsOnly: true },
  // Reference peers and validators the tests run against: stm32flash (over a socat pty pair) for the
  // STM32 UART bootloader client, cloud-init for the AWS server's user data, openssl for its TLS.
  { what: "stm32flash", pkg: "stm32flash", ok: () => which("stm32flash"), testsOnly: true },
  { what: "socat", pkg: "socat", ok: () => which("socat"), testsOnly: true },
  { what: "cloud-init", pkg: "cloud-init", ok: () => which("cloud-init"), testsOnly: true },
  { what: "openssl", pkg: "openssl", ok: () => which("openssl"), testsOnly: true },
];

async function ensureSystemPackages(requireSystemPackages) {
  const missingList = () => SYSTEM_PACKAGES.filter((p) => (requireSystemPackages || !p.testsOnly) && !p.ok());
  let missing = missingList();
  if (missing.length > 0) {
    const pkgs = [...new Set(missing.map((p) => p.pkg))];
    const isRoot = process.getuid?.() === 0;
    const canSudo = !isRoot && spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status === 0;
    const hasApt = Boolean(which("apt-get"));
    let installError = null;
    if (hasApt && (isRoot || canSudo)) {
      log(`installing system packages: ${pkgs.join(" ")}…`);
      const env = { DEBIAN_FRONTEND: "noninteractive" };
      const apt = (args) =>
        isRoot
          ? run("apt-get", args, { env })
          : run("sudo", ["-n", "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", ...args]);
      try {
        // cloud-init is installed only to validate user data: it must never run at this machine's boot.
        if (isRoot && pkgs.includes("cloud-init")) {
          fs.mkdirSync("/etc/cloud", { recursive: true });
          fs.writeFileSync("/etc/cloud/cloud-init.disabled", "");
        }
        await apt(["update"]);
        await apt(["install", "-y", "--no-install-recommends", ...pkgs]);
      } catch (error) {
        installError = error;
      }
      missing = missingList();
    }
    if (missing.length > 0) {
      const left = [...new Set(missing.map((p) => p.pkg))].join(" ");
      const aptCommand = `apt-get update && apt-get install -y --no-install-recommends ${left}`;
      const lines = [
        `missing system tools: ${missing.map((p) => p.what).join(", ")}`,
        installError ? `  apt-get failed: ${installError.message}` : null,
        `  install them with: ${isRoot ? "" : "sudo sh -c '"}${aptCommand}${isRoot ? "" : "'"}`,
      ].filter(Boolean);
      if (requireSystemPackages) throw new Error(lines.join("\n"));
      console.warn(`setup: warning: ${lines.join("\n")}\n  the worker will report fewer capabilities.`);
    } else {
      log("system packages installed");
    }
  } else {
    log("system packages up to date");
  }
  if (!which("terraform")) {
    log("note: terraform is not installed (it is not in Debian's archive; install it separately for deploy features).");
  }
}

async function ensurePrismaClient() {
  const schema = path.join(ROOT, "prisma/schema.prisma");
  if (!fs.existsSync(schema)) return log("no prisma/schema.prisma, skipping prisma generate");
  const text = fs.readFileSync(schema, "utf8");
  const output =
    /generator\s+client\s*\{[^}]*?\boutput\s*=\s*"([^"]+)"/s.exec(text)?.[1] ?? "../server/generated/prisma";
  const outDir = path.resolve(path.dirname(schema), output);
  const hash = hashFiles([
    schema,
    path.join(ROOT, "prisma.config.ts"),
    path.join(ROOT, "node_modules/prisma/package.json"),
  ]);
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0 && readStamp("prisma") === hash) {
    return log("prisma client up to date");
  }
  log("generating prisma client…");
  await run(path.join(ROOT, "node_modules/.bin/prisma"), ["generate"], {
    env: { PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  writeStamp("prisma", hash);
}

const BUILD_DIRS = ["app", "server", "boards", "public", "components", "lib", "src", "styles", "hooks"];
const BUILD_ROOT_FILES =
  /^(next\.config\.\w+|postcss\.config\.\w+|tailwind\.config\.\w+|tsconfig\.json|package-lock\.json|middleware\.ts|proxy\.ts|instrumentation\.ts)$/;
const SKIP_DIRS = new Set(["node_modules", ".next", ".git"]);

function buildInputs() {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && full !== path.join(ROOT, "server/generated")) walk(full);
      } else if (entry.isFile()) files.push(full);
    }
  };
  for (const dir of BUILD_DIRS) if (exists(dir)) walk(path.join(ROOT, dir));
  for (const name of fs.readdirSync(ROOT)) if (BUILD_ROOT_FILES.test(name)) files.push(path.join(ROOT, name));
  files.push(path.join(ROOT, "prisma/schema.prisma"));
  return files.sort();
}

async function ensureBuild() {
  const hash = hashFiles(buildInputs());
  if (exists(".next/BUILD_ID") && readStamp("build") === hash) return log("app build up to date");
  log("building app (next build)…");
  await run(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    env: { NEXT_TELEMETRY_DISABLED: "1" },
  });
  writeStamp("build", hash);
}

export async function ensureSetup({ build = false, requireSystemPackages = false } = {}) {
  checkNode();
  await ensureNpmDeps();
  await ensureSystemPackages(requireSystemPackages);
  await ensurePrismaClient();
  if (build) await ensureBuild();
}

// `node scripts/setup.mjs [--build] [--require-system-packages]`
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  ensureSetup({
    build: args.includes("--build"),
    requireSystemPackages: args.includes("--require-system-packages"),
  }).catch((error) => {
    console.error(`setup failed: ${error.message}`);
    process.exit(1);
  });
}
