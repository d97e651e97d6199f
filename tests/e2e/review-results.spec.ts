import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { PublicVerifyPage } from "./pages/certificate-pages";
import { LoginPage } from "./pages/login-page";
import { confirm, signedIn } from "./pages/review-round-pages";
import { backdateResultPublicity } from "./support/review-results-db";
import { todayInShanghai } from "./support/working-days-oracle";

// 评审结果 (docs/domain.md §18) from the demo's signed tally (db/seed-review-results.ts: committee 001's round
// with 胡斌 and 沈丽, signed, no 结果公示 yet) to a certificate: the 省人社厅 (demo_province, the forming
// organisation) publishes the 结果公示; time travel moves its end into the past; the 省人社厅, also the
// committee's confirming authority, confirms both in bulk with 文号 and 发文日期; the round then waits in the
// 专技处's 证书确认 queue (EVALUATION §7) and demo_zjc issues the certificates; 胡斌 (demo_applicant_25)
// finds the certificate in 职称证书查询 and downloads the PDF (read back with pdftotext); the public query
// finds it by name and certificate number.

// DEMO_SIGNED_ROUND of db/seed-review-results.ts (not imported: that module loads the calendar data, which
// Playwright's loader cannot import).
const DEMO_SIGNED_ROUND = "2026年度贵州省工程技术高级职称评审会议（第三次）";
const SCREENS = "tests/.artifacts/e2e/screens";
const shot = (page: Page, name: string) => page.screenshot({ path: `${SCREENS}/review-results-${name}.png`, fullPage: true });
const APPROVAL_NO = "黔人社通〔2026〕120号";
const HOLDER = "胡斌";
const HOLDER_USERNAME = "demo_applicant_25";

test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

let resultsUrl = "";
let certNo = "";

test.beforeAll(() => mkdirSync(SCREENS, { recursive: true }));

test("the forming organisation publishes the 结果公示 of the signed round", async ({ browser }) => {
  const province = await signedIn(browser, "demo_province");
  await province.goto("/hrss/rounds");
  await province.getByTestId("rounds-table").getByRole("link", { name: DEMO_SIGNED_ROUND }).click();
  await province.waitForURL(/\/hrss\/rounds\/[0-9a-f-]{36}$/);
  await province.getByTestId("round-results-link").click();
  await province.waitForURL(/\/hrss\/review-results\/[0-9a-f-]{36}$/);
  resultsUrl = new URL(province.url()).pathname;
  await expect(province.getByText("结果公示：未发布")).toBeVisible();
  await province.getByRole("button", { name: "发布结果公示" }).click();
  await confirm(province, "确认发布");
  // The publish panel leaves the page with the state change (its outcome line with it): wait for the state.
  await expect(province.getByText("状态：结果公示中")).toBeVisible();
  // The area shell's flash keeps the action's message once the panel has gone (and shows it only once).
  await expect(province.getByTestId("flash-notice")).toHaveText(/已发布结果公示（\d{4}-\d{2}-\d{2}起，至\d{4}-\d{2}-\d{2}）/);
  await expect(province.getByText(/^已发布结果公示/)).toHaveCount(1);
  await province.reload();
  await expect(province.getByText(`结果公示：${todayInShanghai()} 发布，至`)).toBeVisible();
  // Before the end of the 公示 the confirmation is not offered.
  await expect(province.getByText(/^结果公示期满（\d{4}-\d{2}-\d{2}）后方可确认。$/)).toBeVisible();
  await expect(province.getByRole("button", { name: "确认评审结果" })).toHaveCount(0);
  await shot(province, "publicity");
  await province.context().close();
});

test("after the 公示, the 人社部门 confirms both in bulk with 文号 and 发文日期; the results go to the 专技处", async ({ browser }) => {
  expect(resultsUrl, "the first test published the 公示").not.toBe("");
  const dates = await backdateResultPublicity(resultsUrl.split("/").pop()!);
  const province = await signedIn(browser, "demo_province");
  await province.goto(resultsUrl);
  await expect(province.getByText(`结果公示：${dates.postedOn} 发布，至 ${dates.endsOn}`)).toBeVisible();
  await province.getByLabel("文号").fill(APPROVAL_NO);
  await province.getByLabel("发文日期").fill(todayInShanghai());
  await province.getByRole("button", { name: "确认评审结果" }).click();
  const dialog = province.getByRole("dialog", { name: "确认操作" });
  await expect(dialog).toContainText("将确认2人的评审结果，并转省人社厅专技处签发电子证书。此操作不可撤回，确定吗？");
  await confirm(province, "确认确认");
  // The confirmation panel goes with the round's state (its outcome line with it): the page now shows the result.
  await expect(province.getByText(`确认文号：${APPROVAL_NO}（${todayInShanghai()}），确认2人，暂缓0人`)).toBeVisible();
  await expect(province.getByTestId("issue-state")).toHaveText("电子证书：待省人社厅专技处签发");
  await expect(province.getByTestId("flash-notice")).toContainText("已确认：2人。已转省人社厅专技处签发电子证书");
  const row = province.getByRole("row").filter({ hasText: HOLDER });
  await expect(row).toContainText("已确认");
  await shot(province, "confirmed");
  await province.context().close();
});

test("the 专技处 finds the round in its 证书确认 queue and issues the certificates", async ({ browser }) => {
  const zjc = await signedIn(browser, "demo_zjc");
  await zjc.goto("/hrss/confirm");
  await zjc.getByRole("navigation", { name: "证书确认" }).getByRole("link", { name: "评审结果发证" }).click();
  await zjc.waitForURL(/\/hrss\/confirm\/results/);
  await zjc.getByTestId("issue-queue").getByRole("link", { name: DEMO_SIGNED_ROUND }).click();
  await zjc.waitForURL(`**${resultsUrl}`);
  await zjc.getByRole("button", { name: "签发电子证书" }).click();
  await expect(zjc.getByRole("dialog", { name: "确认操作" })).toContainText("将签发2张电子证书");
  await confirm(zjc, "确认签发");
  await expect(zjc.getByTestId("issue-state")).toContainText("电子证书：已由专技处签发2张");
  await expect(zjc.getByTestId("flash-notice")).toContainText("已签发电子证书2张");
  const row = zjc.getByRole("row").filter({ hasText: HOLDER });
  certNo = (/52\d{15}[\dX]/.exec(await row.innerText()) ?? [""])[0];
  expect(certNo).toMatch(/^52\d{4}061001\d{5}[\dX]$/);
  await shot(zjc, "issued");
  // Issued: the round is in the 已发证 list, no longer waiting.
  await zjc.goto("/hrss/confirm/results?status=issued");
  await expect(zjc.getByTestId("issue-queue").getByRole("link", { name: DEMO_SIGNED_ROUND })).toBeVisible();
  await zjc.context().close();
});

test("the person finds the certificate in 职称证书查询 and downloads the PDF", async ({ page }) => {
  expect(certNo, "the confirmation issued the certificate").not.toBe("");
  await new LoginPage(page).loginAndLand(HOLDER_USERNAME, "/person");
  await page.getByRole("navigation", { name: "功能菜单" }).getByRole("link", { name: "职称证书查询" }).click();
  await page.waitForURL("/person/certificates");
  const row = page.getByTestId("my-certificates").getByRole("row").filter({ hasText: certNo });
  await expect(row).toContainText("高级工程师");
  await expect(row).toContainText("有效");
  await shot(page, "person-certificates");
  await row.getByRole("link", { name: "查看" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-pdf").click()]);
  expect(download.suggestedFilename()).toBe(`职称证书-${certNo}.pdf`);
  const pdf = readFileSync(await download.path());
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const pdfFile = `${SCREENS}/review-results-certificate.pdf`;
  writeFileSync(pdfFile, pdf);
  const flat = execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", pdfFile, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
  for (const v of [HOLDER, certNo, "高级工程师", APPROVAL_NO]) expect(flat).toContain(v);
  expect(flat).toMatch(/\/verify\/[A-Za-z0-9_-]{24}/);
  execFileSync("pdftoppm", ["-png", "-r", "80", "-singlefile", pdfFile, `${SCREENS}/review-results-certificate-pdf`]);
});

test("the public query finds the certificate by name and certificate number", async ({ page }) => {
  expect(certNo, "the confirmation issued the certificate").not.toBe("");
  await page.goto("/verify");
  await new PublicVerifyPage(page).query({ name: HOLDER, certNo });
  const result = page.getByTestId("verifier-result");
  await expect(result).toHaveCount(1);
  await expect(result).toContainText("有效");
  await expect(result).toContainText(certNo);
  await expect(result).toContainText("高级工程师");
  await shot(page, "verify");
});
