import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";

// 申报批次管理 (docs/domain.md §16 "Batches"): the 省人社厅 sees its committee 001's batch, is told in the form
// that the close must follow the open, opens next year's batch, is refused a second one for that year, and
// closes it early after the confirmation.

test("the 省人社厅 opens next year's batch for committee 001 and closes it early", async ({ page }) => {
  test.setTimeout(120_000);
  const year = new Date().getFullYear() + 1;
  await new LoginPage(page).loginAndLand("demo_province", "/hrss");
  await page.getByRole("link", { name: "申报批次管理" }).click();
  await page.waitForURL("/hrss/batches");
  const list = page.getByTestId("batch-list");
  await expect(list).toContainText("贵州省工程技术高级职称评审委员会（001）");

  const form = page.getByRole("form", { name: "新建申报批次" });
  await form.getByLabel("年度").selectOption(String(year));
  await form.getByLabel("开始日期").fill(`${year}-03-01`);
  await form.getByLabel("截止日期").fill(`${year}-02-01`);
  await form.getByRole("button", { name: "开放申报批次" }).click();
  await expect(form.getByText("截止日期须晚于开始日期")).toBeVisible();

  await form.getByLabel("截止日期").fill(`${year}-04-30`);
  await form.getByRole("button", { name: "开放申报批次" }).click();
  await expect(form.getByTestId("action-result")).toContainText(`已开放申报批次“${year}年度贵州省工程技术高级职称评审委员会职称申报”`);
  const row = list.getByRole("row").filter({ hasText: `${year}年度贵州省工程技术` });
  await expect(row).toContainText("未开始");

  await form.getByLabel("年度").selectOption(String(year));
  await form.getByLabel("开始日期").fill(`${year}-05-01`);
  await form.getByLabel("截止日期").fill(`${year}-06-30`);
  await form.getByRole("button", { name: "开放申报批次" }).click();
  await expect(form.getByTestId("action-result")).toContainText(`该评委会${year}年度已有申报批次`);

  await row.getByRole("button", { name: "提前截止" }).click();
  const dialog = row.getByRole("dialog", { name: "确认操作" });
  await expect(dialog).toContainText("截止后不能恢复");
  await dialog.getByRole("button", { name: "确认截止" }).click();
  await expect(row).toContainText("已截止");
  await expect(row.getByRole("button", { name: "提前截止" })).toHaveCount(0);
});
