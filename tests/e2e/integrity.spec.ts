import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";

// 诚信档案 (docs/domain.md §16) on the demo data: 李红梅's certificate is revoked for fraud by the seed
// (region 贵阳市云岩区); this spec revokes 王建军's (遵义) through the 专技处's form.
const LI_ID = "520103198504120026";
const WANG_ID = "520302197809230015";
const SCREENS = "tests/.artifacts/e2e/screens";
const shot = (name: string) => `${SCREENS}/${name}.png`;

test.describe.configure({ mode: "serial" });

test("the 专技处 revokes a certificate for fraud: the 文号 is required, and the 诚信档案 record is written", async ({ page }) => {
  const login = new LoginPage(page);
  await login.loginAndLand("demo_zjc", "/hrss");
  await page.goto("/hrss/confirm/certificates");
  await page.getByPlaceholder("姓名、证件号码或证书编号").fill(WANG_ID);
  await page.getByRole("button", { name: "查询" }).click();
  await page.getByTestId("certificates-table").getByRole("link").first().click();
  await page.getByTestId("revoke-open").click();
  await page.getByRole("radio", { name: /因弄虚作假撤销/ }).check();
  await expect(page.getByText(/持证人将记入诚信档案，在\d{4}年\d{1,2}月\d{1,2}日之前不能申报职称/)).toBeVisible();
  await page.getByLabel("撤销原因（必填，本人可见）").fill("冒用他人业绩成果");
  await page.getByRole("button", { name: "确认撤销" }).click();
  await expect(page.getByText("请填写撤销文号")).toBeVisible();
  await page.getByLabel("撤销文号（必填）").fill("黔人社专技〔2026〕8号");
  await page.screenshot({ path: shot("integrity-revoke"), fullPage: true });
  await page.getByRole("button", { name: "确认撤销" }).click();
  await expect(page.getByTestId("action-result")).toContainText("已记入诚信档案");
  await expect(page.getByTestId("certificate-integrity")).toContainText("黔人社专技〔2026〕8号");

  // The province-level 专技处 sees every region's records.
  await page.getByRole("navigation", { name: "功能菜单" }).getByRole("link", { name: "诚信档案" }).click();
  await page.waitForURL("/hrss/integrity");
  const table = page.getByTestId("integrity-table");
  await expect(table).toContainText("王建军");
  await expect(table).toContainText("李红梅");
  await expect(table).not.toContainText(WANG_ID);
  await page.screenshot({ path: shot("integrity-province"), fullPage: true });
  await login.logout();
});

test("贵阳市人社局 lists its region's record (李红梅), masked and searchable, and not 遵义's", async ({ page }) => {
  await new LoginPage(page).loginAndLand("demo_hrss", "/hrss");
  await page.goto("/hrss/integrity");
  const table = page.getByTestId("integrity-table");
  await expect(table).toContainText("李红梅");
  await expect(table).toContainText("5201**********0026");
  await expect(table).toContainText("黔人社专技〔2025〕37号");
  await expect(table).toContainText("申报材料中论文成果弄虚作假");
  await expect(table).not.toContainText("王建军");
  await expect(table).not.toContainText(LI_ID);
  await page.getByLabel("搜索诚信档案").fill(WANG_ID);
  await page.getByRole("button", { name: "搜索" }).click();
  await expect(table).toContainText("没有符合条件的记录");
  await page.getByLabel("搜索诚信档案").fill(LI_ID);
  await page.getByRole("button", { name: "搜索" }).click();
  await expect(table).toContainText("李红梅");
  await page.screenshot({ path: shot("integrity-city"), fullPage: true });
});

test("李红梅 is told why and until when she cannot declare; 新建申报 is not offered", async ({ page }) => {
  await new LoginPage(page).loginAndLand(LI_ID, "/person");
  await page.goto("/person/declarations");
  const notice = page.getByTestId("integrity-bar");
  await expect(notice).toContainText(/您因申报材料中论文成果弄虚作假被记入诚信档案，在\d{4}年\d{1,2}月\d{1,2}日之前不能申报职称/);
  await expect(notice).toContainText("黔人社专技〔2025〕37号");
  await expect(page.getByRole("link", { name: "新建申报" })).toHaveCount(0);
  await page.screenshot({ path: shot("integrity-person"), fullPage: true });
  await page.goto("/person/declarations/new");
  await expect(page.getByTestId("integrity-bar")).toBeVisible();
  await expect(page.getByRole("button", { name: /创建/ })).toHaveCount(0);
});
