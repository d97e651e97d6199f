// ESLint 9 flat config. `npm run lint` = `eslint . --max-warnings 0`: a warning fails CI like an error.
import js from "@eslint/js";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig([
  globalIgnores([".next/**", "node_modules/**", "drizzle/**", "tests/.artifacts/**", "next-env.d.ts", ".data/**"]),

  js.configs.recommended,
  // Next: react, react-hooks (its recommended set: rules-of-hooks, exhaustive-deps and the v7 React
  // Compiler rules such as refs, purity, set-state-in-effect), jsx-a11y, import, @next/next with core-web-vitals.
  ...nextVitals,
  // typescript-eslint recommended, with Next's TypeScript parser setup.
  ...nextTs,

  // Type-aware rules (recommended-type-checked) on the TypeScript sources, typed by tsconfig.json.
  {
    files: ["**/*.ts", "**/*.tsx"],
    extends: [tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },

  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Next's TS preset downgrades these two to warnings; they are errors here.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-unused-expressions": "error",
      "react-hooks/exhaustive-deps": "error",
      // U+3000 (ideographic space) inside JSX text is deliberate Chinese label spacing ("姓\u3000\u3000名"); still flagged in code.
      "no-irregular-whitespace": ["error", { skipJSXText: true }],
    },
  },
  {
    files: ["**/*.tsx"],
    rules: {
      // React ignores an event handler's return value and react-hook-form's handleSubmit() returns a
      // Promise by design; promises passed as plain function arguments are still checked.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ["tests/**"],
    rules: {
      // vitest's asymmetric matchers (expect.any, stringContaining, objectContaining) are typed `any`.
      "@typescript-eslint/no-unsafe-assignment": "off",
      // Test doubles stand in for async APIs (auth(), headers(), vi.mock factories) without awaiting anything.
      "@typescript-eslint/require-await": "off",
    },
  },
]);
