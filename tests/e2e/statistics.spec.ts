import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { LoginPage } from "./pages/login-page";
import { PageAudit } from "./support/a11y";

// 统计分析 (docs/domain.md §19): the province sees every 市州, a 市州 its 区县; the same figures as charts,
// tables and a workbook; a unit has no such page.

test("the province sees every 市州, with charts, tables and the Excel export", async ({ page }) => {
  await new LoginPage(page).loginAndLand("demo_province", "/hrss");
  await page.getByRole("link", { name: "统计分析" }).click();
  await page.waitForURL(/\/hrss\/statistics/);
  await expect(page.getByRole("heading", { name: "统计分析" })).toBeVisible();
  await expect(page.getByTestId("statistics-scope")).toHaveText("全省");

  // Nine 市州 and the province's own offices, in the table beside the chart; the table's total is the headline.
  const regions = page.getByTestId("table-regions");
  await expect(regions.locator("tbody tr")).toHaveCount(10);
  await expect(regions.locator("tbody tr").first()).toContainText("安顺市");
  await expect(regions.locator("tbody tr").last()).toContainText("省直");
  const total = (await page.getByTestId("kpi-declarations").textContent())!.trim();
  await expect(page.getByTestId("table-stages").locator("tfoot")).toContainText(total);
  await expect(page.getByTestId("figure-stages").locator("svg.recharts-surface")).toBeVisible();
  await expect(page.getByTestId("figure-months").locator(".recharts-bar-rectangle").first()).toBeAttached();
  // The demo's review rounds (db/seed-review-results.ts) passed 7 of 7 工程技术 副高 candidates: 2 confirmed,
  // 3 in 结果公示, 2 signed.
  // Other specs of the same run (review-round) may add results before this one: read the figures, then
  // check the headline is their quotient (one decimal) and the 工程技术 row shows a rate too.
  const line = (await page.getByText(/已出结果 \d+ 人，通过 \d+ 人/).textContent())!;
  const [, decided, passed] = line.match(/已出结果 (\d+) 人，通过 (\d+) 人/)!.map(Number);
  expect(decided).toBeGreaterThanOrEqual(7);
  expect(passed).toBeGreaterThanOrEqual(7);
  await expect(page.getByTestId("kpi-pass-rate")).toContainText(`${((passed * 100) / decided).toFixed(1)}%`);
  await expect(page.getByTestId("table-pass-rates").getByRole("row").filter({ hasText: "工程技术" })).toContainText(/\d+\.\d%/);
  await expect(page.getByTestId("no-review-results")).toHaveCount(0);
  await page.screenshot({ path: "tests/.artifacts/statistics-province.png", fullPage: true });
  // WCAG 2.2 AA (axe) and the phone layout: the charts shrink, the tables scroll inside their own box.
  const audit = new PageAudit(page);
  await audit.check("hrss-statistics");
  audit.finish();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("statistics-export").click()]);
  expect(download.suggestedFilename()).toMatch(/^\d{4}年度统计分析-全省\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  expect(wb.getWorksheet("按市州")!.rowCount).toBe(11);
  expect(wb.getWorksheet("概览")!.getRow(6).getCell(2).value).toBe(Number(total.replace(/,/g, "")));
});

test("a 市州 sees its own region by 区县; the filter keeps to it", async ({ page }) => {
  await new LoginPage(page).loginAndLand("demo_hrss", "/hrss");
  await page.goto("/hrss/statistics");
  await expect(page.getByTestId("statistics-scope")).toHaveText("贵阳市");
  const rows = page.getByTestId("table-regions").locator("tbody tr");
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId("table-regions").locator("thead")).toContainText("区县");
  await expect(rows.last()).toContainText("市本级");

  await page.locator('select[name="series"]').selectOption("卫生");
  await page.locator('select[name="level"]').selectOption("senior_full");
  await page.getByRole("button", { name: "查询" }).click();
  await page.waitForURL(/series=/);
  await expect(page.getByTestId("statistics-export")).toHaveAttribute("href", /series=%E5%8D%AB%E7%94%9F&level=senior_full/);
  await expect(page.getByTestId("statistics-scope")).toHaveText("贵阳市");
});

test("a unit has no statistics page", async ({ page }) => {
  await new LoginPage(page).loginAndLand("demo_unit", "/unit");
  await page.goto("/hrss/statistics");
  await page.waitForURL(/\/forbidden/);
});
