import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";

// 破格 and withdrawal (docs/domain.md §16), the examiners' side; data from fixtures/seed-declaration-exceptional.ts
// (not imported: the fixture runs its seed when loaded). The names and the reason below are the fixture's.
const EXCEPTIONAL_PERSON = { name: "破格申报人" };
const WITHDRAWING_PERSON = { name: "撤回申报人" };
const EXCEPTIONAL_REASON = "主持完成贵州省重点工程设计三项，获省级优秀工程设计一等奖";

test("贵州大学 accepts a 破格 declaration only with the explicit approval", async ({ page }) => {
  test.setTimeout(120_000);
  await new LoginPage(page).loginAndLand("demo_selfunit", "/self-unit");
  await page.goto("/self-unit/declarations/accept");
  const row = page.getByTestId("queue-table").getByRole("row").filter({ hasText: EXCEPTIONAL_PERSON.name });
  await expect(row).toContainText("破格");
  await row.getByRole("link", { name: EXCEPTIONAL_PERSON.name }).click();
  await expect(page.getByTestId("exceptional-reason")).toContainText(EXCEPTIONAL_REASON);
  const panel = page.getByTestId("decision-panel");
  await expect(panel.getByRole("button", { name: "评委会受理", exact: true })).toHaveCount(0);
  await panel.getByRole("button", { name: "批准破格并受理" }).click();
  const dialog = panel.getByRole("dialog", { name: "确认操作" });
  await dialog.getByRole("button", { name: "确认批准破格并受理" }).click();
  await expect(dialog.getByText("请确认已批准破格")).toBeVisible();
  await dialog.getByLabel("本单位已审议并批准该破格申报").check();
  await dialog.getByLabel("批准意见（选填）").fill("经评委会组建单位集体研究同意");
  await dialog.getByRole("button", { name: "确认批准破格并受理" }).click();
  await expect(page.getByText("评委会已受理").first()).toBeVisible();
  // The badge; the flash of the move says "已批准破格并受理".
  await expect(page.getByText("已批准破格", { exact: true })).toBeVisible();
  await expect(page.getByTestId("events")).toContainText("批准破格：经评委会组建单位集体研究同意");
});

test("the unit decides a withdrawal request: a refusal needs a reason, the approval withdraws it", async ({ page }) => {
  test.setTimeout(120_000);
  await new LoginPage(page).loginAndLand("demo_unit", "/unit");
  await page.goto("/unit/declarations?view=withdrawal");
  const row = page.getByTestId("declaration-list").getByRole("row").filter({ hasText: WITHDRAWING_PERSON.name });
  await expect(row).toContainText("申请撤回");
  await row.getByRole("link", { name: WITHDRAWING_PERSON.name }).click();
  await expect(page.getByTestId("withdrawals")).toContainText("工作调动，本年度不再申报");
  // No other move while the request waits.
  await expect(page.getByTestId("decision-panel")).toHaveCount(0);
  const decision = page.getByTestId("withdrawal-decision");
  await decision.getByRole("button", { name: "不同意撤回" }).click();
  await decision.getByRole("button", { name: "确认不同意撤回" }).click();
  await expect(decision.getByText("请填写不同意撤回的理由（至少2个字）")).toBeVisible();
  await decision.getByRole("button", { name: "取消" }).click();
  await decision.getByRole("button", { name: "同意撤回", exact: true }).click();
  await decision.getByRole("button", { name: "确认同意撤回" }).click();
  await expect(page.getByText("已撤回").first()).toBeVisible();
  await expect(page.getByTestId("withdrawals")).toContainText("已同意撤回");
});
