import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { completeCaptcha } from "./pages/captcha";
import { PublicVerifyPage } from "./pages/certificate-pages";
import { LoginPage } from "./pages/login-page";

// The certificates come from the demo seed (db/seed-backfill.ts): 张三's 2021 正高级工程师 and 2017 高级工程师
// of committee 001, confirmed by demo_zjc.
const HOLDER_ID = "520102199003150014";
const MASKED = "5201**********0014";
const SCREENS = "tests/.artifacts/e2e/screens";
const shot = (name: string) => `${SCREENS}/${name}.png`;

test.describe.configure({ mode: "serial" });

let certNo = "";
let verifyUrl = "";

test("the holder lists their certificates, downloads the 2021 e-certificate and can only view the 2017 one", async ({ page }) => {
  test.setTimeout(90_000);
  await new LoginPage(page).loginAndLand("demo_person", "/person");
  await page.getByRole("navigation", { name: "功能菜单" }).getByRole("link", { name: "职称证书查询" }).click();
  await page.waitForURL("/person/certificates");
  const table = page.getByTestId("my-certificates");
  const recent = table.getByRole("row").filter({ hasText: "正高级工程师" });
  const old = table.getByRole("row").filter({ hasText: "高级工程师" }).filter({ hasText: "2017-11-28" });
  await expect(recent).toContainText("有效");
  await expect(recent.getByRole("link", { name: "下载电子证书" })).toBeVisible();
  await expect(old).toContainText("仅供查看");
  await expect(old.getByRole("link", { name: "下载电子证书" })).toHaveCount(0);
  certNo = (await recent.locator("td").first().innerText()).trim().slice(0, 18);
  expect(certNo).toMatch(/^522021060001\d{5}[\dX]$/);
  await page.screenshot({ path: shot("certificates-list"), fullPage: true });

  // The view page, then the download.
  await recent.getByRole("link", { name: "查看" }).click();
  await expect(page.getByTestId("certificate-fields")).toContainText(MASKED);
  await expect(page.getByTestId("certificate-fields")).not.toContainText(HOLDER_ID);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-pdf").click()]);
  expect(download.suggestedFilename()).toBe(`职称证书-${certNo}.pdf`);
  const pdf = readFileSync(await download.path());
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  expect(pdf.length).toBeLessThanOrEqual(100 * 1024);
  mkdirSync(SCREENS, { recursive: true });
  const pdfFile = `${SCREENS}/certificate.pdf`;
  writeFileSync(pdfFile, pdf);
  const text = execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", pdfFile, "-"], { encoding: "utf8" });
  const flat = text.replace(/\s+/g, "");
  for (const v of ["张三", certNo, "正高级工程师", "专业技术职务任职资格证书", HOLDER_ID]) expect(flat).toContain(v);
  verifyUrl = /https?:\/\/\S+\/verify\/[A-Za-z0-9_-]{24}/.exec(flat)?.[0] ?? "";
  expect(verifyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/verify\//);
  // The PDF as an image, to look at.
  execFileSync("pdftoppm", ["-png", "-r", "80", "-singlefile", pdfFile, `${SCREENS}/certificate-pdf`]);

  // The 2017 certificate: a view page with a note, and the download URL refused even to its holder.
  await page.goto("/person/certificates");
  await old.getByRole("link", { name: "查看" }).click();
  await expect(page.getByText("2020年度之前取得的职称证书仅提供信息查看，不提供电子证书下载")).toBeVisible();
  await expect(page.getByTestId("download-pdf")).toHaveCount(0);
  const oldId = page.url().split("/").pop()!;
  const refused = await page.request.get(`/api/certificates/${oldId}/pdf`);
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { message: string }).message).toBe("2020年度之前取得的职称证书仅提供信息查看，不提供电子证书下载");
  await page.screenshot({ path: shot("certificate-view-only"), fullPage: true });
});

test("an anonymous visitor checks the certificate through the public form with two facts and a captcha", async ({ page }) => {
  test.setTimeout(60_000);
  expect(certNo, "the first test found the certificate").not.toBe("");
  await page.goto("/");
  const card = page.locator("div.rounded-lg", { has: page.getByRole("heading", { name: "职称证书查询", exact: true }) });
  await card.getByRole("link", { name: "立即办理" }).click();
  await page.waitForURL("/verify");
  const verify = new PublicVerifyPage(page);

  // Fewer than two facts: a form error, checked before anything is sent.
  await page.getByLabel("姓名").fill("张三");
  await page.getByRole("button", { name: "查询", exact: true }).click();
  await expect(page.getByText("请至少填写姓名、证件号码、证书编号中的任意两项")).toBeVisible();
  await completeCaptcha(page);
  await page.screenshot({ path: shot("verify-captcha-verified"), fullPage: true });

  // A pair that does not belong together: the same answer as an unknown certificate.
  await verify.query({ name: "李四", certNo });
  await expect(page.getByTestId("query-results")).toContainText("未查询到符合条件的证书");

  await verify.query({ name: "张三", certNo });
  const result = page.getByTestId("verifier-result");
  await expect(result).toHaveCount(1);
  await expect(result).toContainText("有效");
  await expect(result).toContainText(MASKED);
  await expect(result).toContainText("正高级工程师");
  await expect(page.getByTestId("query-results")).not.toContainText(HOLDER_ID);
  await expect(page.getByTestId("query-results")).not.toContainText("贵州省建筑设计研究院有限责任公司");
  await page.screenshot({ path: shot("verify-public-form"), fullPage: true });
});

test("the QR code's link shows the live verification, and a forged token is refused", async ({ page }) => {
  expect(verifyUrl, "the first test read the QR link from the PDF").not.toBe("");
  await page.goto(verifyUrl);
  await expect(page.getByTestId("verify-verdict")).toHaveText("证书真实有效");
  await expect(page.getByTestId("verifier-result")).toContainText(certNo);
  await expect(page.getByTestId("verifier-result")).toContainText(MASKED);
  await page.screenshot({ path: shot("verify-qr-link"), fullPage: true });

  const token = verifyUrl.split("/").pop()!;
  const forged = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
  await page.goto(`/verify/${forged}`);
  await expect(page.getByTestId("verify-verdict")).toHaveText("无效的核验码 / 证书信息被篡改");
  await page.screenshot({ path: shot("verify-qr-forged"), fullPage: true });
});

test("the holder sees when and how the certificate was checked", async ({ page }) => {
  await new LoginPage(page).loginAndLand("demo_person", "/person");
  await page.goto("/person/certificates");
  const lookups = page.getByTestId("lookup-list");
  await expect(lookups).toContainText("公开查询（证书核验页面）");
  await expect(lookups).toContainText("扫描二维码核验");
  await expect(lookups).toContainText(certNo);
  await page.screenshot({ path: shot("certificates-lookups"), fullPage: true });
});
