import { readFile } from "node:fs/promises";
import { expect, type Page } from "@playwright/test";

/** The committee roster (证书补录（评委会）) of an HR, department or self-evaluating unit user. */
export class RosterPage {
  constructor(private readonly page: Page) {}

  async openCommittee(areaPath: string, code: string) {
    await this.page.getByRole("navigation", { name: "功能菜单" }).getByRole("link", { name: "证书补录（评委会）" }).click();
    await this.page.waitForURL(`${areaPath}/roster`);
    await this.page.getByTestId(`committee-${code}`).click();
    await expect(this.page.getByTestId("roster-table")).toBeVisible();
    return this.page.url();
  }

  /** Clicks a link that downloads a file and returns its bytes. */
  async download(testId: string): Promise<Buffer> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.page.getByTestId(testId).click()]);
    return readFile(await download.path());
  }

  async upload(fileName: string, buffer: Buffer) {
    await this.page.getByLabel("选择文件").setInputFiles({ name: fileName, mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
    await this.page.getByRole("button", { name: "上传并预览" }).click();
    await this.page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    // The parse runs on the server; the page follows it until the preview is ready.
    await expect(this.page.getByTestId("stat-read")).toBeVisible({ timeout: 30_000 });
  }

  async search(q: string) {
    await this.page.getByPlaceholder("姓名、证件号码或证书编号").fill(q);
    await this.page.getByRole("button", { name: "查询" }).click();
    await this.page.waitForURL((u) => u.searchParams.get("q") === q);
  }

  rows() {
    return this.page.getByTestId("roster-table").locator("tbody tr");
  }
}
