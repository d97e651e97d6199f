import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";

// 节假日调整 (docs/domain.md §15): the 专技处 enters a day of a year the holiday library does not know,
// which makes the year known, and removes it again; a city HR user is kept out.

test("the 专技处 adds and removes a working-day override", async ({ page }) => {
  await new LoginPage(page).loginAndLand("demo_zjc", "/hrss");
  await page.getByRole("link", { name: "节假日调整" }).click();
  await page.waitForURL("/hrss/calendar");
  await page.goto("/hrss/calendar?year=2030");
  await expect(page.getByTestId("year-status")).toContainText("该年度节假日安排尚未发布");

  await page.getByLabel("日期").fill("2030-10-01");
  await page.getByLabel("该日安排").selectOption("holiday");
  await page.getByLabel("依据说明").fill("国办发明电〔2029〕X号");
  await page.getByRole("button", { name: "添加调整" }).click();
  await expect(page.getByTestId("add-override").getByTestId("action-result")).toContainText("已添加 2030-10-01 的调整");
  const row = page.getByTestId("override-2030-10-01");
  await expect(row).toContainText("休息日（放假）");
  await expect(row).toContainText("周二");
  await expect(page.getByTestId("year-status")).toContainText("按本表录入的安排计算");
  await page.screenshot({ path: "tests/.artifacts/calendar-page.png", fullPage: true });

  // The same day again is refused.
  await page.getByRole("button", { name: "添加调整" }).click();
  await expect(page.getByTestId("add-override").getByTestId("action-result")).toContainText("该日期已有调整记录");

  await page.getByTestId("remove-2030-10-01").click();
  await page.getByRole("button", { name: "确认删除" }).click();
  await expect(page.getByTestId("override-2030-10-01")).toHaveCount(0);
  await expect(page.getByTestId("year-status")).toContainText("该年度节假日安排尚未发布");
});

test("a city HR user neither sees the entry nor opens the page", async ({ page }) => {
  await new LoginPage(page).loginAndLand("demo_hrss", "/hrss");
  await expect(page.getByRole("link", { name: "节假日调整" })).toHaveCount(0);
  await page.goto("/hrss/calendar");
  await page.waitForURL(/\/forbidden/);
});
