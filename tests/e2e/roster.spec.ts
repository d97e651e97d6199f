import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { fillRosterTemplate, personName, residentId, validRow } from "../helpers/roster-workbook";
import { LoginPage } from "./pages/login-page";
import { RosterPage } from "./pages/roster-page";

const shot = (name: string) => `tests/.artifacts/e2e/screens/${name}.png`;
// Distinct people on every run, so the spec can also run against a server that kept old data.
const BASE = 100_000 + Math.floor(Math.random() * 800) * 1000;
const COUNT = 40;

async function readSheet(buffer: Buffer, name: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(buffer).buffer);
  const ws = wb.getWorksheet(name)!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

test("a committee user downloads the template, imports it, previews, commits, searches, exports and publishes; another unit sees none of it", async ({ page }) => {
  test.setTimeout(120_000);
  const login = new LoginPage(page);
  const roster = new RosterPage(page);
  await login.loginAndLand("demo_province", "/hrss");
  const listUrl = await roster.openCommittee("/hrss", "001");
  const committeeId = new URL(listUrl).pathname.split("/").pop()!;
  await page.screenshot({ path: shot("roster-empty"), fullPage: true });
  // Other specs may already have records in committee 001: every count below is relative to this start.
  const countOf = async (testId: string) => {
    const el = page.getByTestId(testId);
    if ((await el.count()) === 0) return 0;
    return Number((await el.innerText()).match(/（(\d+)）/)?.[1] ?? 0);
  };
  const startAll = await countOf("count-all");
  const startDraft = await countOf("count-draft");
  const startAwaiting = await countOf("count-awaiting_photo");

  // Template: Chinese header, instructions, dropdown lists, the examples the importer skips.
  await page.getByRole("link", { name: "Excel导入" }).click();
  const template = await roster.download("template-link");
  const header = (await readSheet(template, "名册"))[0];
  expect(header.slice(0, 5)).toEqual(["姓名", "性别", "出生日期", "证件类型", "证件号码"]);
  expect((await readSheet(template, "填写说明")).length).toBeGreaterThan(5);

  // A file with one bad row in the middle: nothing can be committed; the report names row, column, reason.
  const rows = Array.from({ length: COUNT }, (_, i) =>
    validRow(BASE + i, { passDate: i % 2 ? "2020年12月1日" : new Date(Date.UTC(2020, 11, 1)), level: i % 5 ? "副高级" : "正高级", qualificationName: i % 5 ? "高级工程师" : "正高级工程师" }),
  );
  const bad = [...rows];
  const id = residentId(BASE + 20);
  bad[20] = validRow(BASE + 20, { idNumber: id.slice(0, 17) + (id[17] === "0" ? "1" : "0") });
  await roster.upload("名册-有错误.xlsx", await fillRosterTemplate(template, bad));
  await expect(page.getByTestId("stat-rejected")).toHaveText("1");
  await expect(page.getByTestId("rejected-table")).toContainText("22");
  await expect(page.getByTestId("rejected-table")).toContainText("证件号码（E列）");
  await expect(page.getByTestId("rejected-table")).toContainText("校验位错误");
  // The uploader checks rows against the file: the ID number is shown in full, as typed.
  await expect(page.getByTestId("rejected-table")).toContainText(String(bad[20].idNumber));
  await expect(page.getByTestId("commit-import")).toHaveCount(0);
  await page.screenshot({ path: shot("roster-preview-rejected"), fullPage: true });
  const report = await readSheet(await roster.download("error-report-link"), "错误报告");
  expect(report[0].slice(0, 3)).toEqual(["行号", "出错列", "原因"]);
  expect(report[1][0]).toBe(22);
  await page.getByRole("button", { name: "取消本次导入" }).click();
  await page.waitForURL(/\/import$/);

  // The corrected file: exact preview, then one commit.
  await roster.upload("名册.xlsx", await fillRosterTemplate(template, rows));
  await expect(page.getByTestId("stat-read")).toHaveText(String(COUNT));
  await expect(page.getByTestId("stat-add")).toHaveText(String(COUNT));
  await expect(page.getByTestId("stat-rejected")).toHaveText("0");
  await expect(page.getByTestId("preview-table")).toContainText(personName(BASE));
  // The committee's own upload: full ID numbers, and every column within a 1366 px wide screen.
  await page.setViewportSize({ width: 1366, height: 768 });
  await expect(page.getByTestId("preview-table")).toContainText(residentId(BASE));
  const passDate = await page.getByTestId("preview-pass-date").boundingBox();
  expect(passDate).not.toBeNull();
  expect(passDate!.x).toBeGreaterThanOrEqual(0);
  expect(passDate!.x + passDate!.width).toBeLessThanOrEqual(1366);
  const scroller = page.getByTestId("preview-table").locator("xpath=..");
  expect(await scroller.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await page.screenshot({ path: shot("roster-preview-1366") });
  await page.screenshot({ path: shot("roster-preview"), fullPage: true });
  await page.getByTestId("commit-import").click();
  await page.waitForURL(listUrl);
  await expect(page.getByTestId("count-draft")).toHaveText(`草稿（${startDraft + COUNT}）`);
  await page.screenshot({ path: shot("roster-list"), fullPage: true });

  // Find one person by name, then by ID number; the ID stays masked.
  await roster.search(personName(BASE + 7));
  await expect(roster.rows().filter({ hasText: personName(BASE + 7) }).first()).toBeVisible();
  await roster.search(residentId(BASE + 7));
  await expect(roster.rows()).toHaveCount(1);
  await expect(roster.rows().first()).toContainText(`${residentId(BASE + 7).slice(0, 4)}**********${residentId(BASE + 7).slice(-4)}`);
  await page.screenshot({ path: shot("roster-search"), fullPage: true });

  // Export of the filtered list, then of the whole roster.
  const filtered = await readSheet(await roster.download("export-link"), "名册");
  expect(filtered).toHaveLength(2);
  expect(filtered[1][filtered[0].indexOf("证件号码")]).toBe(residentId(BASE + 7));
  await page.goto(listUrl);
  const all = await readSheet(await roster.download("export-link"), "名册");
  expect(all).toHaveLength(startAll + COUNT + 1);
  expect(all.slice(1).every((r) => /^52\d{15}[\dX]$/.test(String(r[0])))).toBe(true);

  // 下一页 / 上一页 carry a cursor (keyset pages, no page number): page 2 shows other rows and
  // 上一页 brings back exactly page 1.
  const firstPage = await roster.rows().allInnerTexts();
  expect(firstPage).toHaveLength(20);
  await page.getByRole("navigation", { name: "分页" }).getByRole("link", { name: "下一页" }).click();
  await page.waitForURL(/[?&]after=/);
  const secondPage = await roster.rows().allInnerTexts();
  expect(secondPage.length).toBeGreaterThan(0);
  expect(secondPage.some((r) => firstPage.includes(r))).toBe(false);
  await page.screenshot({ path: shot("roster-list-page-2"), fullPage: true });
  await page.getByRole("navigation", { name: "分页" }).getByRole("link", { name: "上一页" }).click();
  await page.waitForURL(/[?&]before=/);
  expect(await roster.rows().allInnerTexts()).toEqual(firstPage);
  await page.goto(listUrl);

  // Publish every draft after the confirmation.
  const drafts = startDraft + COUNT;
  await page.getByRole("button", { name: `发布全部草稿（${drafts}条）` }).click();
  await expect(page.getByRole("dialog", { name: "确认操作" })).toContainText(`将发布全部 ${drafts} 条草稿`);
  await page.getByRole("button", { name: "确认发布" }).click();
  await expect(page.getByText(`已发布${drafts}条记录`)).toBeVisible();
  await expect(page.getByTestId("count-awaiting_photo")).toHaveText(`待上传照片（${startAwaiting + drafts}）`);
  await page.screenshot({ path: shot("roster-published"), fullPage: true });

  // 贵州大学's user: the province's committee does not exist for them, its export is refused.
  await login.logout();
  await login.loginAndLand("demo_selfunit", "/self-unit");
  const other = await page.goto(`/self-unit/roster/${committeeId}`);
  expect(other?.status()).toBe(404);
  const exported = await page.request.get(`/api/roster/export?committeeId=${committeeId}`);
  expect(exported.status()).toBe(403);
  await page.goto("/self-unit/roster");
  await expect(page.getByTestId("committee-004")).toBeVisible();
  await expect(page.getByTestId("committee-001")).toHaveCount(0);
  await page.screenshot({ path: shot("roster-other-unit"), fullPage: true });
});

test("manual entry shows a field error for a wrong ID check character, then saves a draft with a certificate number", async ({ page }) => {
  const login = new LoginPage(page);
  const roster = new RosterPage(page);
  await login.loginAndLand("demo_province", "/hrss");
  await roster.openCommittee("/hrss", "001");
  await page.getByRole("link", { name: "手工录入" }).click();
  const id = residentId(BASE + 999);
  await page.getByLabel("姓名").fill("欧阳明月");
  await page.getByLabel("证件号码").fill(id.slice(0, 17) + (id[17] === "0" ? "1" : "0"));
  await page.getByLabel("工作单位").fill("贵州省建筑设计研究院有限责任公司");
  await page.getByLabel("专业").fill("建筑工程");
  await page.getByLabel("级别").selectOption({ label: "副高级" });
  await expect(page.getByLabel("资格名称")).toHaveValue("高级工程师");
  await page.getByLabel("评审通过时间").fill("2021-06-30");
  await page.getByLabel("批准文号").fill("黔人社厅发〔2021〕8号");
  await page.getByRole("button", { name: "保存为草稿" }).click();
  await expect(page.getByText(`居民身份证号码校验位错误：最后一位应为“${id[17]}”`)).toBeVisible();
  await page.screenshot({ path: shot("roster-manual-error"), fullPage: true });

  await page.getByLabel("证件号码").fill(id);
  await page.getByRole("button", { name: "保存为草稿" }).click();
  await page.waitForURL(/\/hrss\/roster\/[0-9a-f-]{36}$/);
  await roster.search("欧阳明月");
  await expect(roster.rows()).toHaveCount(1);
  await expect(roster.rows().first()).toContainText(/52202106100100\d{3}[\dX]/);
});
