import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Demo@2026";

export class LoginPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/login");
    await expect(this.page.getByRole("heading", { name: "用户登录" })).toBeVisible();
  }

  async login(identifier: string, password = DEMO_PASSWORD) {
    await this.goto();
    await this.page.getByLabel("用户名或证件号码").fill(identifier);
    await this.page.getByRole("textbox", { name: "密码", exact: true }).fill(password);
    await this.page.getByRole("button", { name: "登录", exact: true }).click();
  }

  /** Log in and wait until the area home shows the user's name. */
  async loginAndLand(identifier: string, areaPath: string, password = DEMO_PASSWORD) {
    await this.login(identifier, password);
    await this.page.waitForURL((url) => url.pathname === areaPath);
    await expect(this.page.getByTestId("area-title")).toBeVisible();
  }

  async logout() {
    await this.page.getByRole("button", { name: "退出登录" }).click();
    await this.page.waitForURL("/");
  }
}
