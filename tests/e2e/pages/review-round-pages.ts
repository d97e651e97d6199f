import { expect, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD, LoginPage } from "./login-page";

export const PROVINCE_EXPERT_GRANT = "评审专家 · 贵州省人力资源和社会保障厅";

/** A fresh browser context signed in as `identifier` (username or ID number), optionally switched to another grant. */
export async function signedIn(browser: Browser, identifier: string, opts: { grant?: string } = {}): Promise<Page> {
  const ctx = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await ctx.newPage();
  const login = new LoginPage(page);
  await login.login(identifier);
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  await expect(page.getByTestId("area-title")).toBeVisible();
  if (opts.grant) await switchGrant(page, opts.grant);
  return page;
}

/**
 * 切换身份 in the header. Every response re-issues the session cookie (updateAge 0), so a prefetch still in
 * flight when the switch answers would put the old grant back: wait for the network to settle before and
 * after, then check the new grant holds on a fresh load.
 */
export async function switchGrant(page: Page, label: string) {
  await page.waitForLoadState("networkidle");
  const switcher = page.getByTestId("grant-switcher");
  await switcher.locator("summary").click();
  await switcher.getByRole("radio", { name: label }).check();
  await switcher.getByRole("button", { name: "切换", exact: true }).click();
  // The switch may stay in the same area (two expert grants): wait for the new grant's organisation beside the area title.
  const org = page.getByTestId("area-title").locator("xpath=following-sibling::p[1]");
  await expect(org).toHaveText(label.split(" · ")[1]);
  await page.waitForLoadState("networkidle");
  await page.reload();
  await expect(org).toHaveText(label.split(" · ")[1]);
}

/** An action's outcome line with this text (a page may show several, one per form). */
export async function expectOutcome(page: Page, text: string | RegExp) {
  await expect(page.getByTestId("action-result").filter({ hasText: text })).toBeVisible();
}

/** Confirm the open ConfirmBox (the inline 确认操作 dialog). */
export async function confirm(page: Page, label: string | RegExp, fill?: { label: string | RegExp; value: string }) {
  const dialog = page.getByRole("dialog", { name: "确认操作" });
  await expect(dialog).toBeVisible();
  if (fill) await dialog.getByLabel(fill.label).fill(fill.value);
  await dialog.getByRole("button", { name: label }).click();
}

/** 线上评审 of a member: open the round by name from /expert/rounds. */
export async function openExpertRound(page: Page, roundName: string): Promise<string> {
  await page.goto("/expert/rounds");
  await page.getByTestId("expert-rounds").getByRole("link", { name: roundName }).click();
  await page.waitForURL(/\/expert\/rounds\/[0-9a-f-]{36}$/);
  return page.url();
}

/** Sign the 专家纪律承诺书 shown before any material. */
export async function signPledge(page: Page) {
  await expect(page.getByTestId("pledge-text")).toBeVisible();
  await page.getByLabel("本人已认真阅读上述承诺内容，自愿作出承诺并严格遵守。").check();
  await page.getByRole("button", { name: "签署承诺书" }).click();
  await expect(page.getByTestId("expert-candidates")).toBeVisible();
}

/** Write my opinion (and, for the 组长, the panel's summary) on one candidate of my list. */
export async function writeOpinion(page: Page, roundUrl: string, person: string, text: string, opts: { summary?: string } = {}) {
  await page.goto(roundUrl);
  await page.getByTestId("expert-candidates").getByRole("link", { name: person, exact: true }).click();
  await expect(page.getByTestId("materials")).toContainText(person);
  const mine = page.getByRole("form", { name: "评议意见" });
  await mine.getByLabel("评议意见").fill(text);
  await mine.getByRole("radio", { name: "建议通过", exact: true }).check();
  await mine.getByRole("button", { name: "提交" }).click();
  await expect(mine.getByTestId("action-result")).toContainText("评议意见已提交");
  if (opts.summary) {
    const form = page.getByRole("form", { name: "评议组意见" });
    await form.getByLabel("评议组意见").fill(opts.summary);
    await form.getByRole("radio", { name: "建议通过", exact: true }).check();
    await form.getByRole("button", { name: "提交" }).click();
    await expect(form.getByTestId("action-result")).toContainText("评议组意见已提交");
  }
}

/** 表决票: the same choice for every candidate, the password, then the receipt. */
export async function castSheet(page: Page, roundUrl: string, choice: "同意" | "不同意" | "弃权"): Promise<string> {
  await page.goto(`${roundUrl}/ballot`);
  const rows = page.getByTestId("ballot-row");
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) await row.getByRole("radio", { name: choice, exact: true }).check();
  await page.getByRole("button", { name: "提交表决票" }).click();
  await confirm(page, "确认提交", { label: "登录密码", value: DEMO_PASSWORD });
  const receipt = page.getByTestId("receipt");
  await expect(receipt).toHaveText(/^[0-9a-f]{8}$/);
  return (await receipt.textContent())!;
}
