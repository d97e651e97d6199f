import { mkdirSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { PROVINCE_EXPERT_GRANT, switchGrant } from "./pages/review-round-pages";
import { overflowCulprits, PHONE } from "./support/a11y";

// The evaluation pages on a 390 × 844 phone, read-only on the demo data (db/seed-review-round.ts,
// db/seed-review-results.ts): the 主任's console of the round in progress and of a signed one, the expert's
// round, candidate, ballot and board pages, the 评审结果 page and 统计分析. None may scroll sideways: wide
// tables scroll inside their own overflow-x-auto box. PHONE_LAYOUT_WIDTH=1280 takes the same screenshots
// at desktop width (no assertion changes: the document must fit there too).

// Not imported from db/: those modules load data Playwright's loader cannot import.
const ROUND_IN_REVIEW = "2026年度贵州省工程技术高级职称评审会议（第一次）";
const ROUND_CONFIRMED = "2026年度贵州省工程技术高级职称评审会议（上半年）";
const ROUND_PUBLICITY = "2026年度贵州省工程技术高级职称评审会议（第二次）";
const SCREENS = "tests/.artifacts/e2e/screens";
const WIDTH = Number(process.env.PHONE_LAYOUT_WIDTH ?? PHONE.width);
const VIEWPORT = { width: WIDTH, height: PHONE.height };

test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);
test.beforeAll(() => mkdirSync(SCREENS, { recursive: true }));

async function phoneSignedIn(browser: Browser, identifier: string, grant?: string): Promise<Page> {
  const ctx = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai", viewport: VIEWPORT, hasTouch: WIDTH < 640 });
  const page = await ctx.newPage();
  await new LoginPage(page).login(identifier);
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  await expect(page.getByTestId("area-title")).toBeVisible();
  if (grant) await switchGrant(page, grant);
  return page;
}

/** The page fits the viewport's width (no sideways scrolling of the document); a full-page screenshot is kept. */
async function fits(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  await page.screenshot({ path: `${SCREENS}/phone-${WIDTH}-${name}.png`, fullPage: true });
  const culprits = scrollWidth > innerWidth + 1 ? await overflowCulprits(page, innerWidth) : [];
  expect.soft(scrollWidth, `${name}: the document is wider than the ${innerWidth} px viewport; too wide: ${culprits.join(", ")}`).toBeLessThanOrEqual(innerWidth + 1);
}

/** Opens a round by name from a list table and answers its path. */
async function openRound(page: Page, listUrl: string, tableId: string, name: string): Promise<string> {
  await page.goto(listUrl);
  await page.getByTestId(tableId).getByRole("link", { name }).click();
  await page.waitForURL((u) => u.pathname !== listUrl);
  return new URL(page.url()).pathname;
}

test("the 主任's round console fits a phone", async ({ browser }) => {
  const page = await phoneSignedIn(browser, "demo_committee");
  await page.goto("/committee/rounds");
  await fits(page, "committee-rounds");
  for (const [key, name] of [["review", ROUND_IN_REVIEW], ["confirmed", ROUND_CONFIRMED]] as const) {
    const base = await openRound(page, "/committee/rounds", "chair-rounds", name);
    for (const tab of ["", "/panels", "/conflicts", "/meeting", "/tally", "/board"]) {
      await page.goto(`${base}${tab}`);
      await fits(page, `committee-${key}${tab.replace("/", "-") || "-overview"}`);
    }
  }
  await page.context().close();
});

test("the expert's round, candidate, ballot and board pages fit a phone", async ({ browser }) => {
  const page = await phoneSignedIn(browser, "demo_expert", PROVINCE_EXPERT_GRANT);
  await page.goto("/expert/rounds");
  await fits(page, "expert-rounds");
  const base = await openRound(page, "/expert/rounds", "expert-rounds", ROUND_IN_REVIEW);
  await fits(page, "expert-round");
  await page.getByTestId("expert-candidates").getByRole("link", { name: "钱进", exact: true }).click();
  await expect(page.getByTestId("materials")).toContainText("钱进");
  await fits(page, "expert-candidate");
  for (const sub of ["ballot", "board"]) {
    await page.goto(`${base}/${sub}`);
    await fits(page, `expert-${sub}`);
  }
  await page.context().close();
});

test("the 评审结果 pages and 统计分析 fit a phone", async ({ browser }) => {
  const page = await phoneSignedIn(browser, "demo_province");
  await page.goto("/hrss/review-results");
  await fits(page, "results-queue");
  for (const [key, name] of [["confirmed", ROUND_CONFIRMED], ["publicity", ROUND_PUBLICITY]] as const) {
    await openRound(page, "/hrss/rounds", "rounds-table", name);
    await fits(page, `round-${key}`);
    await page.getByTestId("round-results-link").click();
    await page.waitForURL(/\/hrss\/review-results\/[0-9a-f-]{36}$/);
    await fits(page, `results-${key}`);
  }
  await page.goto("/hrss/statistics");
  await expect(page.getByTestId("statistics-scope")).toHaveText("全省");
  await fits(page, "statistics");
  await page.context().close();
});
