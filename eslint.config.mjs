import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Files in `files` (but not `except` or tests) may not import from the folders `forbidden`. */
function boundary(files, except, ...forbidden) {
  // "@/server/…" or "../../server/…"; the tRPC client's router type is the one thing the app takes from the server.
  const regex = `^(?!@/server/api/root$)(@/|(\\.\\./)+)(${forbidden.join("|")})/`;
  return [
    {
      files,
      ignores: [...except, "**/*.test.ts", "**/*.test.tsx", "**/test-support.ts", "**/*.testing.ts"],
      rules: {
        "no-restricted-imports": [
          "error",
          {
            patterns: [
              {
                regex,
                message: `Import shared shapes from contracts/ instead of ${forbidden.join(" or ")}/.`,
              },
            ],
          },
        ],
      },
    },
  ];
}

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".next/",
      ".data/",
      ".setup/",
      "server/generated/",
      "next-env.d.ts",
      "test-results/",
      "playwright-report/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Dependencies point one way: app and workers use contracts/; server uses contracts/ and boards/.
  // Nobody imports another side's internals (tests may reach across to drive the real pieces).
  ...boundary(["app/**/*.ts", "app/**/*.tsx"], ["app/api/**"], "server", "workers"),
  ...boundary(["server/**/*.ts"], [], "workers", "app"),
  ...boundary(["workers/**/*.ts"], [], "server", "app"),
  ...boundary(["contracts/**/*.ts"], [], "server", "workers", "app"),
  {
    files: ["app/**/*.tsx", "app/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
);
