import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { PageAudit } from "./support/a11y";

// axe (WCAG 2.2 AA) on the main pages of every kind of visitor: no serious or critical violation;
// moderate/minor ones are printed. Each page is also laid out at 390 px (an iPhone): the document
// must not scroll sideways. Screenshots: tests/.artifacts/e2e/screens/{desktop,mobile}-<name>.png.
// Counts of demo records are never assumed: other specs and seeds add records.

const SCREENS = "tests/.artifacts/e2e/screens";

test("public pages: portal, login, registration and certificate verification", async ({ page }) => {
  const audit = new PageAudit(page);
  await page.goto("/");
  await audit.check("portal");

  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "用户登录" })).toBeVisible();
  await audit.check("login");

  await page.goto("/register");
  await audit.check("register");
  await page.goto("/register/person");
  await expect(page.getByRole("button", { name: /注册/ })).toBeVisible();
  await audit.check("register-person");
  await page.goto("/register/dispute");
  await expect(page.getByRole("button", { name: "提交申诉" })).toBeVisible();
  await audit.check("register-dispute");
  // Submitted empty: the errors under each field are scanned too.
  await page.getByRole("button", { name: "提交申诉" }).click();
  await expect(page.getByText("请上传证明材料")).toBeVisible();
  await audit.check("register-dispute-errors");

  await page.goto("/verify");
  await expect(page.getByRole("heading", { name: "职称证书查询与核验" })).toBeVisible();
  await audit.check("verify");
  // A form error shown: its message and the invalid fields are scanned too.
  await page.getByRole("button", { name: "查询", exact: true }).click();
  await expect(page.getByText("请至少填写姓名、证件号码、证书编号中的任意两项")).toBeVisible();
  await audit.check("verify-form-error");

  await page.goto("/verify/AAAAAAAAAAAAAAAAAAAAAAAA");
  await expect(page.getByTestId("verify-verdict")).toBeVisible();
  await audit.check("verify-invalid-token");
  audit.finish();
});

test("the person's area: home, back-fill, certificates and a QR verification", async ({ page }) => {
  const audit = new PageAudit(page);
  await new LoginPage(page).loginAndLand("demo_person", "/person");
  await audit.check("person-home");

  const menu = page.getByRole("navigation", { name: "功能菜单" });
  await menu.getByRole("link", { name: "职称证书补录" }).click();
  await page.waitForURL("/person/backfill");
  await audit.check("person-backfill");

  await menu.getByRole("link", { name: "职称证书查询" }).click();
  await page.waitForURL("/person/certificates");
  await expect(page.getByTestId("my-certificates")).toBeVisible();
  await audit.check("person-certificates");

  // A downloadable certificate: its QR link (read from the PDF) is the /verify/<token> result page.
  const download = page.getByTestId("my-certificates").getByRole("link", { name: "下载电子证书" }).first();
  const pdf = await page.request.get((await download.getAttribute("href"))!);
  expect(pdf.ok()).toBe(true);
  mkdirSync(SCREENS, { recursive: true });
  const pdfFile = `${SCREENS}/a11y-certificate.pdf`;
  writeFileSync(pdfFile, await pdf.body());
  const text = execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", pdfFile, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
  const verifyPath = /\/verify\/[A-Za-z0-9_-]{24}/.exec(text)?.[0];
  expect(verifyPath, "the PDF carries the verification link").toBeTruthy();

  await download.locator("xpath=ancestor::tr").getByRole("link", { name: "查看" }).click();
  await page.waitForURL(/\/person\/certificates\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("certificate-fields")).toBeVisible();
  await audit.check("person-certificate-view");

  await page.goto(verifyPath!);
  await expect(page.getByTestId("verify-verdict")).toHaveText("证书真实有效");
  await audit.check("verify-result");
  audit.finish();
});

test("a committee's roster list, reached from the HR area", async ({ page }) => {
  const audit = new PageAudit(page);
  await new LoginPage(page).loginAndLand("demo_hrss", "/hrss");
  await audit.check("hrss-home");

  await page.getByRole("navigation", { name: "功能菜单" }).getByRole("link", { name: "证书补录（评委会）" }).click();
  await page.waitForURL("/hrss/roster");
  await audit.check("hrss-roster-committees");
  await page.locator('[data-testid^="committee-"]').first().click();
  await expect(page.getByTestId("roster-table")).toBeVisible();
  await audit.check("hrss-roster-list");

  // 证件号码申诉: the demo dispute (db/seed-disputes.ts) in the list and its detail with the decision form.
  await page.getByRole("navigation", { name: "功能菜单" }).getByRole("link", { name: "证件号码申诉" }).click();
  await page.waitForURL("/hrss/disputes");
  await audit.check("hrss-disputes");
  await page.getByRole("row", { name: /陈刚/ }).getByRole("link", { name: "查看" }).click();
  await page.waitForURL(/\/hrss\/disputes\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("dispute-status")).toBeVisible();
  await audit.check("hrss-dispute-detail");
  audit.finish();
});

test("a dispute filer's home: the status banner, and nothing else of a holder", async ({ page }) => {
  const audit = new PageAudit(page);
  await new LoginPage(page).loginAndLand("demo_claimant", "/person");
  await expect(page.getByTestId("dispute-banner")).toContainText("证件号码占用申诉");
  await audit.check("person-home-dispute");
  audit.finish();
});
