import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";

function scriptSrc(csp: string): string {
  return csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
}

test("every page carries its own script nonce, no 'unsafe-inline' for scripts, and no HSTS over http", async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of ["/", "/login", "/login"]) {
    const res = await request.get(path);
    const csp = res.headers()["content-security-policy"] ?? "";
    const src = scriptSrc(csp);
    expect(src).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(src).toContain("'strict-dynamic'");
    expect(src).not.toContain("'unsafe-inline'");
    expect(src).not.toContain("'unsafe-eval'");
    nonces.add(src.match(/'nonce-([^']+)'/)![1]);
    // Next's own scripts carry the nonce of this response.
    expect(await res.text()).toContain(`nonce="${[...nonces].at(-1)}"`);
    expect(res.headers()["strict-transport-security"]).toBeUndefined();
  }
  expect(nonces.size).toBe(3);
  // A client claiming https is not trusted with no proxy configured (TRUSTED_PROXY_HOPS=0).
  const spoofed = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(spoofed.headers()["strict-transport-security"]).toBeUndefined();
});

test("an inline script without the nonce is refused while the page still hydrates and login works", async ({ page }) => {
  // Serve the real login page with its real CSP, plus an injected inline script that has no nonce.
  await page.route("**/login", async (route) => {
    if (route.request().resourceType() !== "document") return route.continue();
    const res = await route.fetch();
    const html = (await res.text()).replace("</body>", "<script>window.__injected = true</script></body>");
    await route.fulfill({ response: res, body: html });
  });
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto("/login");
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  expect(violations.length).toBeGreaterThan(0);
  await page.unroute("**/login");
  const login = new LoginPage(page);
  await login.loginAndLand("demo_hrss", "/hrss");
});
