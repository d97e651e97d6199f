import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { ApplicantDeclaration, samplePortrait } from "./pages/declaration-pages";

// 职称申报, the applicant's side (docs/domain.md §16): 张三 starts a declaration to 贵州大学's committee 004,
// fills the steps (each saved as a draft), sees the eligibility panel, ticks the 诚信承诺 and submits; the
// timeline names the office holding it. Screenshots at 390 px and desktop go to tests/.artifacts.

test("张三 fills and submits a declaration, then follows it on the timeline", async ({ page }) => {
  test.setTimeout(180_000);
  const login = new LoginPage(page);
  await login.loginAndLand("demo_person", "/person");
  await page.getByRole("link", { name: "职称申报", exact: true }).first().click();
  await expect(page.getByTestId("open-batches")).toContainText("贵州大学高校教师职称评审委员会");
  await page.getByRole("link", { name: "新建申报" }).click();
  // Committee 001's batch comes first; 张三 already has a declaration there (the demo's confirmed review round).
  await page.locator("#n-batch").selectOption((await page.locator("#n-batch option", { hasText: "贵州大学" }).getAttribute("value")) ?? "");
  await page.getByLabel("申报级别").selectOption("senior_deputy");
  await page.getByLabel("申报专业").fill("计算机科学与技术");
  await page.getByRole("button", { name: "创建申报草稿" }).click();
  await page.waitForURL(/\/person\/declarations\/[0-9a-f-]{36}$/);

  await page.getByLabel("所在单位或申报点").selectOption({ label: "贵州省建筑设计研究院有限责任公司" });
  await page.getByLabel("出生日期").fill("1990-03-15");
  await page.getByLabel("联系电话").fill("13985100001");
  await page.getByLabel("现任岗位").fill("高级工程师");
  await page.screenshot({ path: "tests/.artifacts/declaration-basic-desktop.png", fullPage: true });
  await page.getByRole("button", { name: "保存并下一步" }).click();

  await expect(page.getByLabel("毕业院校")).toBeVisible();
  await page.locator("#e-0-level").selectOption("master");
  await page.getByLabel("毕业院校").fill("贵州大学");
  await page.getByLabel("所学专业").fill("计算机应用技术");
  await page.getByLabel("入学时间").fill("2012-09-01");
  await page.getByLabel("毕业时间").fill("2015-07-01");
  await page.getByRole("button", { name: "保存并下一步" }).click();

  await expect(page.getByLabel("工作单位")).toBeVisible();
  await page.getByLabel("工作单位").fill("贵州省建筑设计研究院");
  await page.getByLabel("岗位/职务").fill("工程师");
  await page.getByLabel("开始时间").fill("2015-07-15");
  await page.getByRole("button", { name: "保存并下一步" }).click();

  await expect(page.getByLabel("现任职称（资格名称）")).toBeVisible();
  await page.getByLabel("现任职称（资格名称）").fill("讲师");
  await page.locator("#t-level").selectOption("intermediate");
  await page.getByLabel("取得时间").fill("2018-06-01");
  await page.getByRole("button", { name: "保存并下一步" }).click();

  await expect(page.getByRole("button", { name: "添加业绩成果" })).toBeVisible();
  await page.getByRole("button", { name: "添加业绩成果" }).click();
  await page.locator("#a-0-title").fill("基于深度学习的建筑结构检测方法");
  await page.locator("#a-0-date").fill("2021-05-01");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "tests/.artifacts/declaration-achievements-390.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("button", { name: "保存并下一步" }).click();

  await new ApplicantDeclaration(page).uploadPhoto("photo.jpg", await samplePortrait());
  await page.getByRole("button", { name: "下一步", exact: true }).click();

  await expect(page.getByTestId("eligibility-panel")).toContainText("符合申报条件");
  await page.getByLabel("我已阅读并同意以上诚信承诺").check();
  await page.getByRole("button", { name: "确认承诺" }).click();
  await expect(page.getByText("已确认诚信承诺。")).toBeVisible();
  await page.screenshot({ path: "tests/.artifacts/declaration-pledge-desktop.png", fullPage: true });
  await page.getByRole("button", { name: "提交申报" }).click();
  await page.getByRole("button", { name: "确认提交" }).click();
  // The form leaves the page with the submission; the read-only declaration says it was submitted.
  await expect(page.getByTestId("submitted-notice")).toContainText("申报已提交");

  await page.getByRole("link", { name: "查看进度" }).click();
  await expect(page.getByTestId("holder-office")).toContainText("贵州省建筑设计研究院有限责任公司");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "tests/.artifacts/declaration-timeline-390.png", fullPage: true });
});
