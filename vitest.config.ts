import path from "node:path";
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));
const exclude = [
  ...configDefaults.exclude,
  "**/node_modules/**",
  "e2e/**",
  "**/.next/**",
  ".data/**",
  ".setup/**",
  "server/generated/**",
];

// Two projects: unit tests run files in parallel; integration tests (real PostgreSQL, QEMU,
// toolchains, child processes) run one file at a time.
export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["**/*.test.ts"], exclude: [...exclude, "**/*.integration.test.ts"] },
      },
      {
        extends: true,
        test: { name: "integration", include: ["**/*.integration.test.ts"], exclude, fileParallelism: false },
      },
    ],
  },
});
