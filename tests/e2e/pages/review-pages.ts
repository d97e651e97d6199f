import { expect, type Page } from "@playwright/test";

/** The committee's 照片审核与提交 workspace (board, photo review, returned records, batches). */
export class ReviewWorkspace {
  constructor(private readonly page: Page) {}

  async open(areaPath: string, code: string) {
    await this.page.getByRole("navigation", { name: "功能菜单" }).getByRole("link", { name: "照片审核与提交" }).click();
    await this.page.waitForURL(`${areaPath}/review`);
    await this.page.getByTestId(`review-committee-${code}`).click();
    await expect(this.page.getByTestId("submit-panel")).toBeVisible();
  }

  async tab(name: "进度看板与提交" | "照片审核" | "退回处理" | "提交记录") {
    await this.page.getByRole("navigation", { name: "工作区" }).getByRole("link", { name: new RegExp(`^${name}`) }).click();
    await expect(this.page.getByRole("navigation", { name: "工作区" }).getByRole("link", { name: new RegExp(`^${name}`) })).toHaveAttribute("aria-current", "page");
  }

  async search(q: string) {
    await this.page.getByPlaceholder("姓名、证件号码或证书编号").fill(q);
    await this.page.getByRole("button", { name: "查询" }).click();
    await this.page.waitForURL((u) => u.searchParams.get("q") === q);
  }

  card(certNo: string) {
    return this.page.getByTestId(`photo-card-${certNo}`);
  }

  async result() {
    const r = this.page.getByTestId("action-result");
    await expect(r).toBeVisible();
    return (await r.textContent()) ?? "";
  }

  /** Excludes whatever still blocks the submission (other people's records), then submits everything ready. */
  async submitAll(reason = "本批次先提交已审核人员，其余人员下一批次提交"): Promise<string> {
    const blocking = Number(await this.page.getByTestId("blocking-count").textContent());
    if (blocking > 0) {
      await this.page.getByRole("button", { name: `排除全部未就绪记录（${blocking}条）` }).click();
      await this.page.getByLabel("排除原因（必填）").fill(reason);
      await this.page.getByRole("button", { name: "确认排除" }).click();
      await expect(this.page.getByTestId("action-result")).toContainText(`已排除${blocking}条未就绪记录`);
      await expect(this.page.getByTestId("blocking-count")).toHaveText("0");
    }
    const ready = Number(await this.page.getByTestId("ready-count").textContent());
    await this.page.getByTestId("submit-batch").click();
    await expect(this.page.getByRole("dialog", { name: "确认操作" })).toContainText(`将把 ${ready} 条可提交的记录`);
    await this.page.getByRole("button", { name: "确认提交" }).click();
    await expect(this.page.getByTestId("action-result")).toContainText(`已一次性提交${ready}条记录`);
    const text = await this.result();
    return /批次号 (PC\d{11})/.exec(text)![1];
  }
}

/** 证书确认 of the 专技处: the batch queue and one batch. */
export class ConfirmDesk {
  constructor(private readonly page: Page) {}

  async openBatch(batchNo: string) {
    await this.page.getByRole("navigation", { name: "功能菜单" }).getByRole("link", { name: "证书确认" }).click();
    await this.page.waitForURL(/\/hrss\/confirm/);
    await this.page.getByTestId("queue-table").getByRole("link", { name: batchNo }).click();
    await expect(this.page.getByTestId("batch-header")).toContainText(batchNo);
  }

  async markReturn(name: string, reason: string) {
    await this.page.getByTestId("batch-items").getByLabel(`选择 ${name}`).check();
    await this.page.getByLabel("退回原因").fill(reason);
    await this.page.getByTestId("mark-return").click();
    await expect(this.page.getByTestId("action-result")).toContainText("标记为拟退回");
  }

  async confirm(confirmationNo: string, expected: { confirm: number; ret: number }) {
    await expect(this.page.getByTestId("confirm-count")).toHaveText(String(expected.confirm));
    if (expected.ret) await expect(this.page.getByTestId("return-count")).toHaveText(String(expected.ret));
    await this.page.getByLabel("确认文号").fill(confirmationNo);
    await this.page.getByTestId("confirm-batch").click();
    await expect(this.page.getByRole("dialog", { name: "确认操作" })).toContainText(`将确认 ${expected.confirm} 条记录并发放证书`);
    await this.page.getByRole("dialog", { name: "确认操作" }).getByRole("button", { name: "确认", exact: true }).click();
    await expect(this.page.getByTestId("action-result")).toContainText(`已确认${expected.confirm}条并发放证书`);
  }
}
