import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// VITEST_JSON=<file> adds a JSON report next to the console output (scripts/test-all.sh uses it).
const jsonOut = process.env.VITEST_JSON;

export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL(".", import.meta.url)).replace(/\/$/, "") },
  },
  test: {
    environment: "node",
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    // Two cores: at most two test files at once (each may hold a PGlite instance, ≈ 0.5–0.9 GB).
    fileParallelism: true,
    maxWorkers: 2,
    // A hang guard, not a speed check (speed lives in tests/bench). Worker-thread workbook parses take
    // 5–15 s each on a busy 2-core machine; 30 s failed CI runs that were merely slow.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    reporters: jsonOut ? ["default", "json"] : ["default"],
    outputFile: jsonOut ? { json: jsonOut } : undefined,
  },
});
