import { expect, test, type Page } from "@playwright/test";
import { LoginPage } from "./pages/login-page";

// The provincial SSO is played by a real oidc-provider (tests/e2e/support/oidc-server.mjs), which
// playwright.config.ts starts before the app and names in the app's SSO_* settings.
const ISSUER = `http://127.0.0.1:${process.env.OIDC_TEST_PORT ?? 3199}`;
// Browsed as localhost: the origin Auth.js's callback route sees (the redirect_uri of the token request
// must equal the authorization request's).
test.use({ baseURL: `http://localhost:${process.env.E2E_PORT ?? 3100}` });
const shot = (name: string) => `tests/.artifacts/e2e/screens/${name}.png`;

/** Whom the provider signs in next (its login and consent finish at once, as after a real login). */
async function providerSignsInAs(page: Page, account: "sso-new" | "sso-zhangsan" | "sso-impostor" | "sso-bad-id") {
  const res = await page.request.post(`${ISSUER}/test/next-login`, { data: { account } });
  expect(res.ok()).toBe(true);
}

async function clickSso(page: Page) {
  await page.goto("/login");
  await page.getByRole("button", { name: "使用测试统一身份认证登录" }).click();
}

test("a person new to the platform signs in through the provincial SSO and gets a 实名核验 account", async ({ page }) => {
  await providerSignsInAs(page, "sso-new");
  await clickSso(page);
  await page.waitForURL((url) => url.pathname === "/person");
  await expect(page.getByTestId("area-title")).toBeVisible();
  await expect(page.getByText("欧阳明").first()).toBeVisible();
  await page.screenshot({ path: shot("sso-person-home"), fullPage: true });
  await new LoginPage(page).logout();

  // The committee reviewing this person's photo sees whose account it is: 实名核验, with its registration time.
  await new LoginPage(page).loginAndLand("demo_hrss", "/hrss");
  await page.goto("/hrss/review");
  await page.getByRole("link", { name: /^审核照片/ }).click();
  const card = page.locator('[data-testid^="photo-card-"]', { hasText: "欧阳明" });
  await expect(card.getByTestId("account-assurance")).toContainText("实名核验");
  await expect(card.getByTestId("account-assurance")).toContainText(/注册于 \d{4}\/\d{1,2}\/\d{1,2}/);
  await page.screenshot({ path: shot("sso-photo-review-assurance"), fullPage: true });
});

test("SSO links the self-registered account with the same ID number and name", async ({ page }) => {
  await providerSignsInAs(page, "sso-zhangsan");
  await clickSso(page);
  await page.waitForURL((url) => url.pathname === "/person");
  await expect(page.getByText("张三").first()).toBeVisible();
});

test("SSO refuses an ID number registered under another name and points to the dispute path", async ({ page }) => {
  await providerSignsInAs(page, "sso-impostor");
  await clickSso(page);
  await page.waitForURL((url) => url.pathname === "/login");
  await expect(page.getByTestId("sso-error")).toContainText("注册姓名与统一身份认证的实名信息不一致");
  await expect(page.getByRole("link", { name: "提出身份冒用申诉" })).toHaveAttribute("href", "/register/dispute");
  await page.screenshot({ path: shot("sso-name-mismatch"), fullPage: true });
  // Not signed in.
  await page.goto("/person");
  await expect(page).toHaveURL(/\/login/);
});

test("SSO refuses an ID number that fails the check", async ({ page }) => {
  await providerSignsInAs(page, "sso-bad-id");
  await clickSso(page);
  await page.waitForURL((url) => url.pathname === "/login");
  await expect(page.getByTestId("sso-error")).toContainText("统一身份认证返回的身份证号码无效");
});
