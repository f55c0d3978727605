import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// eslint-config-next 16 ships flat configs (no FlatCompat needed): Next's rules, React, hooks,
// jsx-a11y, import, and typescript-eslint's recommended set.
export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // Unused code is a defect here, not a hint; a leading underscore marks a deliberate one.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/no-unused-expressions": "error",
    },
  },
  globalIgnores([
    "lib/db/generated/**",
    ".next/**",
    "node_modules/**",
    ".data/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
    "*.tsbuildinfo",
  ]),
]);
