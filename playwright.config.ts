import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
// E2E_BASE_URL: run the specs against servers started elsewhere (scripts/cluster/run.mjs: two nodes
// behind HAProxy); Playwright then starts no web server of its own.
const externalBaseURL = process.env.E2E_BASE_URL?.replace(/\/+$/, "");
const baseURL = externalBaseURL ?? `http://127.0.0.1:${port}`;
// scripts/test-all.sh sets PW_JSON to collect totals; the list reporter stays on the console.
const jsonOut = process.env.PW_JSON;
// The provincial SSO stand-in (tests/e2e/support/oidc-server.mjs, a real oidc-provider) and the app's SSO_* settings.
const oidcPort = Number(process.env.OIDC_TEST_PORT ?? 3199);
const sso = {
  SSO_ISSUER: `http://127.0.0.1:${oidcPort}`,
  SSO_CLIENT_ID: "gz-title-e2e",
  SSO_CLIENT_SECRET: "e2e-client-secret-not-for-production",
  SSO_NAME: "测试统一身份认证",
};

export default defineConfig({
  testDir: "tests/e2e",
  // PW_OUTPUT_DIR: the cluster check (scripts/cluster/run.mjs) keeps its traces apart from npm test's.
  outputDir: process.env.PW_OUTPUT_DIR ?? "tests/.artifacts/e2e",
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
  webServer: externalBaseURL ? undefined : [
    {
      command: "node tests/e2e/support/oidc-server.mjs",
      url: `${sso.SSO_ISSUER}/.well-known/openid-configuration`,
      env: { OIDC_TEST_PORT: String(oidcPort), E2E_PORT: String(port), SSO_CLIENT_ID: sso.SSO_CLIENT_ID, SSO_CLIENT_SECRET: sso.SSO_CLIENT_SECRET },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: "node scripts/e2e-server.mjs",
      url: baseURL,
      env: { E2E_PORT: String(port), ...sso },
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "pipe",
      stderr: "pipe",
      // SIGTERM lets the script drop its throw-away database; SIGKILL follows after 15 s.
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    },
  ],
});
