import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

/** Where scripts/e2e-server.mjs tells the server to write captcha answers (CAPTCHA_E2E_ANSWER_DIR). */
const CAPTCHA_DIR = path.join(process.cwd(), "tests", ".artifacts", "e2e-captcha");

/** The public query page /verify. */
export class PublicVerifyPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/verify");
    await expect(this.page.getByRole("heading", { name: "职称证书查询与核验" })).toBeVisible();
  }

  /** The answer of the challenge the form currently shows, as the server wrote it for the test. */
  async captchaAnswer(): Promise<string> {
    const id = await this.page.getByTestId("captcha-id").inputValue();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    return readFileSync(path.join(CAPTCHA_DIR, id), "utf8").trim();
  }

  async query(facts: { name?: string; idNumber?: string; certNo?: string }) {
    await this.page.getByLabel("姓名").fill(facts.name ?? "");
    await this.page.getByLabel("证件号码").fill(facts.idNumber ?? "");
    await this.page.getByLabel("证书编号").fill(facts.certNo ?? "");
    await this.page.getByLabel("验证码（计算结果）").fill(await this.captchaAnswer());
    const captchaBefore = await this.page.getByTestId("captcha-id").inputValue();
    await this.page.getByRole("button", { name: "查询", exact: true }).click();
    // Every attempt burns the challenge: wait for the fresh one.
    await expect(this.page.getByTestId("captcha-id")).not.toHaveValue(captchaBefore);
  }
}
