import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";

// 评审权备案 home of a forming organisation: the committees with their terms, and the filings list with
// its search, state filter and pager (lib/filings/queries.ts listOwnFilings).
const shot = (name: string) => `tests/.artifacts/e2e/screens/${name}.png`;

test("贵州大学 searches its filings by committee and state", async ({ page }) => {
  await new LoginPage(page).loginAndLand("demo_selfunit", "/self-unit");
  await page.getByRole("link", { name: "评审权备案", exact: true }).click();
  await page.waitForURL("/self-unit/filings");
  const search = page.getByRole("search", { name: "备案检索" });
  await expect(search).toBeVisible();
  const total = page.getByRole("navigation", { name: "分页" });
  await expect(total).toContainText(/共 [1-9]\d* 条/);
  await page.screenshot({ path: shot("self-unit-filings"), fullPage: true });

  await search.getByLabel("状态").selectOption({ label: "已备案" });
  await search.getByRole("button", { name: "查询" }).click();
  await page.waitForURL(/status=approved/);
  const rows = page.locator("table").last().locator("tbody tr");
  await expect(rows.first()).toContainText("已备案");
  for (const row of await rows.all()) await expect(row).toContainText(/已备案|已过期/);

  await search.getByLabel("评委会名称或代码").fill("不存在的评委会");
  await search.getByRole("button", { name: "查询" }).click();
  await page.waitForURL(/q=/);
  await expect(page.getByText("暂无备案。")).toBeVisible();
  await expect(total).toContainText("共 0 条");
});
