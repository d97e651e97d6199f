import { expect, type Page } from "@playwright/test";
import { completeCaptcha, expectCaptchaReset } from "./captcha";

/** The public query page /verify. */
export class PublicVerifyPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/verify");
    await expect(this.page.getByRole("heading", { name: "职称证书查询与核验" })).toBeVisible();
  }

  async query(facts: { name?: string; idNumber?: string; certNo?: string }) {
    await this.page.getByLabel("姓名").fill(facts.name ?? "");
    await this.page.getByLabel("证件号码").fill(facts.idNumber ?? "");
    await this.page.getByLabel("证书编号").fill(facts.certNo ?? "");
    await completeCaptcha(this.page);
    await this.page.getByRole("button", { name: "查询", exact: true }).click();
    // Every attempt burns the solution: the widget asks for a fresh challenge.
    await expectCaptchaReset(this.page);
  }
}
