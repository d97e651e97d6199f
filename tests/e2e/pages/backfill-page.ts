import { expect, type Page } from "@playwright/test";

/** 职称证书补录 in the personal area: the record list and one record's photo page. */
export class BackfillPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByRole("navigation", { name: "功能菜单" }).getByRole("link", { name: "职称证书补录" }).click();
    await this.page.waitForURL("/person/backfill");
  }

  record(certNo: string) {
    return this.page.locator(`[data-testid="backfill-record"][data-cert-no="${certNo}"]`);
  }

  async openRecord(certNo: string) {
    await this.record(certNo).getByRole("link", { name: "照片上传" }).click();
    await this.page.waitForURL(/\/person\/backfill\/[0-9a-f-]{36}$/);
  }

  async consent() {
    await this.page.getByLabel("我已阅读并同意上述照片处理说明").check();
    await this.page.getByRole("button", { name: "同意并继续" }).click();
    await expect(this.page.getByRole("button", { name: "添加照片" })).toBeVisible();
  }

  /** 「+」, choose the file, and wait for the tool's live checks to pass. */
  async choosePhoto(fileName: string, buffer: Buffer) {
    await this.page.getByRole("button", { name: "添加照片" }).click();
    await this.page.getByLabel("选择照片文件").setInputFiles({ name: fileName, mimeType: "image/jpeg", buffer });
    await expect(this.page.getByText("背景为白色或接近白色")).toBeVisible();
    await expect(this.page.getByRole("button", { name: "上传", exact: true })).toBeEnabled();
  }

  /** Drags the photo inside the crop frame by (dx, dy) CSS pixels. */
  async dragPhoto(dx: number, dy: number) {
    const frame = this.page.getByRole("application");
    const box = (await frame.boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx, y + dy, { steps: 5 });
    await this.page.mouse.up();
  }

  async upload() {
    await this.page.getByRole("button", { name: "上传", exact: true }).click();
    await expect(this.page.getByTestId("photo-feedback")).toContainText("照片已上传");
    const img = this.page.getByTestId("uploaded-photo");
    await expect(img).toBeVisible();
    // The stored photo really loads through the authorised handler, at the output size.
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(295);
  }

  async submit() {
    await this.page.getByRole("button", { name: "提交", exact: true }).click();
    await expect(this.page.getByRole("dialog", { name: "确认提交" })).toBeVisible();
    await this.page.getByRole("button", { name: "确认提交" }).click();
    await expect(this.page.getByTestId("photo-feedback")).toContainText("照片已提交，请等待评委会审核");
  }
}
