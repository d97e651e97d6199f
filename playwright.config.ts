import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// scripts/test-all.sh sets PW_JSON to collect totals; the list reporter stays on the console.
const jsonOut = process.env.PW_JSON;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "tests/.artifacts/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: jsonOut ? [["list"], ["json", { outputFile: jsonOut }]] : [["list"]],
  use: {
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    screenshot: "on",
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        // Browsers cannot be downloaded here: use Debian's chromium (apt-get install chromium fonts-noto-cjk).
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: baseURL,
    env: { E2E_PORT: String(port) },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    // SIGTERM lets the script drop its throw-away database; SIGKILL follows after 15 s.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
