import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import AxeBuilder from "@axe-core/playwright";
import { checkPhoneLayout, WCAG_TAGS } from "./support/a11y";

// One person, several grants (docs/domain.md §1 "Accounts"): the demo's 张三 is 申报人 and also an
// expert of 贵州大学's pool. The header's 切换身份 moves the session between the two areas.

test("张三 logs in as 申报人, switches to 专家 with the keyboard, lands in /expert, and switches back", async ({ page }) => {
  const login = new LoginPage(page);
  await login.loginAndLand("demo_person", "/person");
  await expect(page.getByTestId("current-user")).toHaveText("张三（职称申报用户）");

  const switcher = page.getByTestId("grant-switcher");
  await expect(switcher.getByText("切换身份")).toBeVisible();
  // Keyboard only: focus the disclosure, open it, pick the expert grant, submit.
  await switcher.locator("summary").focus();
  await page.keyboard.press("Enter");
  const group = switcher.getByRole("group", { name: "选择要使用的身份" });
  await expect(group.getByRole("radio", { name: /职称申报用户/ })).toBeChecked();
  // The open switcher itself (the rest of the page is accessibility.spec.ts's).
  const axe = await new AxeBuilder({ page }).include('[data-testid="grant-switcher"]').withTags(WCAG_TAGS).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await checkPhoneLayout(page, "grant-switcher-open");
  await group.getByRole("radio", { name: "评审专家 · 贵州大学" }).check();
  await switcher.getByRole("button", { name: "切换", exact: true }).press("Enter");

  await page.waitForURL((url) => url.pathname === "/expert");
  await expect(page.getByTestId("area-title")).toHaveText("专家工作台");
  await expect(page.getByTestId("current-user")).toHaveText("张三（评审专家）");
  // The person's area now answers 403: every check reads the active grant.
  await page.goto("/person");
  await page.waitForURL((url) => url.pathname === "/forbidden");

  await page.goto("/expert");
  await page.getByTestId("grant-switcher").locator("summary").click();
  await page.getByRole("radio", { name: /职称申报用户/ }).check();
  await page.getByRole("button", { name: "切换", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/person");
  await expect(page.getByTestId("area-title")).toHaveText("个人办事");
  await login.logout();

  // A new login starts under the default grant again.
  await login.loginAndLand("demo_person", "/person");
});

test("an account with one grant sees no 切换身份", async ({ page }) => {
  // demo_unit holds only its unit grant (李四, demo_expert, is also 主任委员 of committee 004 now).
  await new LoginPage(page).loginAndLand("demo_unit", "/unit");
  await expect(page.getByTestId("area-title")).toBeVisible();
  await expect(page.getByTestId("grant-switcher")).toHaveCount(0);
});
