import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";

// 专家库 smoke (docs/domain.md §13): the pool list and its search, the expert's profile and 回避声明,
// and a pending invitation accepted from the person's home. The matrix across accounts is later work.

test("贵州大学 searches its pool and invites an expert", async ({ page }) => {
  await new LoginPage(page).loginAndLand("demo_selfunit", "/self-unit");
  await page.getByRole("link", { name: "专家库管理" }).click();
  await page.waitForURL("/self-unit/experts");
  const table = page.getByTestId("pool-table");
  // The demo's 32, and any expert an earlier spec (evaluation-part1) invited and saw accept.
  const total = page.getByText(/共 \d+ 条/);
  await expect(total).toBeVisible();
  expect(Number((await total.textContent())!.match(/\d+/)![0])).toBeGreaterThanOrEqual(32);
  await page.getByLabel("级别").selectOption({ label: "正高级" });
  await page.getByRole("textbox", { name: "专业" }).fill("化学");
  await page.getByRole("button", { name: "检索" }).click();
  await page.waitForURL(/specialty=/);
  for (const row of await table.locator("tbody tr").all()) await expect(row).toContainText("化学");
  // ID numbers leave the server masked.
  await expect(table.locator("tbody tr").first()).toContainText("**********");

  await page.goto("/self-unit/experts/invite");
  await page.getByLabel("姓名").fill("测试专家");
  await page.getByLabel("证件号码").fill("520102198506010035");
  await page.getByLabel("手机号码").fill("13800000000");
  await page.getByLabel("专业").fill("软件工程");
  await page.getByLabel("资格名称").fill("教授");
  await page.getByLabel("工作单位").fill("贵州大学");
  await page.getByRole("button", { name: "发出邀请" }).click();
  await expect(page.getByTestId("action-result")).toContainText("已向测试专家发出专家库邀请");
});

test("李四 keeps his profile and 回避声明", async ({ page }) => {
  await new LoginPage(page).loginAndLand("demo_expert", "/expert");
  await expect(page.getByTestId("my-pools")).toContainText("贵州大学");
  await page.getByRole("link", { name: "个人信息维护" }).click();
  await expect(page.getByTestId("masked-id")).toHaveText(/^居民身份证 5201\*{10}\d{3}[\dX]$/);
  await page.getByLabel("二级单位（院系/科室）").fill("大数据与信息工程学院");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("action-result")).toContainText("个人信息已保存");

  await page.getByRole("link", { name: "回避声明" }).click();
  await expect(page.getByTestId("conflicts-table")).toContainText("贵州师范大学");
  await page.getByLabel("单位名称").fill("贵州医科大学");
  await page.getByRole("button", { name: "添加" }).click();
  await expect(page.getByTestId("action-result")).toContainText("已添加回避声明");
  await expect(page.getByTestId("conflicts-table")).toContainText("贵州医科大学");
});

test("张三 accepts the 省人社厅's invitation from his home", async ({ page }) => {
  await new LoginPage(page).loginAndLand("demo_person", "/person");
  const card = page.getByTestId("expert-invitations");
  await expect(card).toContainText("贵州省人力资源和社会保障厅 邀请您加入专家库");
  await card.getByRole("button", { name: "接受" }).click();
  // The card leaves the page once accepted, and the new identity appears in 切换身份.
  await expect(page.getByTestId("expert-invitations")).toHaveCount(0);
  await page.getByTestId("grant-switcher").getByText("切换身份").click();
  await expect(page.getByRole("radio", { name: "评审专家 · 贵州省人力资源和社会保障厅" })).toBeVisible();
});
