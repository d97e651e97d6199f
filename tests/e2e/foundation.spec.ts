import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { completeCaptcha } from "./pages/captcha";

const shot = (name: string) => `tests/.artifacts/e2e/screens/${name}.png`;

// A fresh, valid resident ID for each run (GB 11643 check character computed here).
function residentId(): string {
  const seq = String(Math.floor(Math.random() * 900) + 100);
  const first17 = `520102199208${String((Date.now() % 28) + 1).padStart(2, "0")}${seq}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return first17 + "10X98765432"[sum % 11];
}

test("the portal opens in Chinese with 个人办事, 单位办事, 登录 and 注册", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByText("贵州省人事人才公共服务平台").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "个人办事" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "单位办事" })).toBeVisible();
  for (const item of ["职称证书补录", "职称证书查询", "职称申报"]) await expect(page.getByRole("heading", { name: item, exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "登录" })).toBeVisible();
  await expect(page.getByRole("link", { name: "注册" })).toBeVisible();
  await page.screenshot({ path: shot("portal"), fullPage: true });
});

test("a new professional is told exactly what is wrong with a bad ID, then registers, logs in and lands in the personal area", async ({ page }) => {
  const id = residentId();
  await page.goto("/register");
  await page.getByRole("link", { name: /个人注册/ }).click();
  await page.getByLabel("姓名").fill("黄婷婷");
  const wrongCheck = id.slice(0, 17) + (id[17] === "0" ? "1" : "0");
  await page.getByLabel("证件号码").fill(wrongCheck);
  await page.getByLabel("手机号码").fill("13812345678");
  await page.getByRole("textbox", { name: "密码", exact: true }).fill("Huang2026x");
  await page.getByLabel("确认密码").fill("Huang2026x");
  await page.getByLabel("我已阅读并单独同意上述敏感个人信息的处理").check();
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByText(`居民身份证号码校验位错误：最后一位应为“${id[17]}”`)).toBeVisible();
  await page.screenshot({ path: shot("register-bad-id"), fullPage: true });

  await page.getByLabel("证件号码").fill(id.toLowerCase());
  await completeCaptcha(page);
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByText("注册成功，请使用证件号码和密码登录")).toBeVisible();

  const login = new LoginPage(page);
  await login.loginAndLand(id, "/person", "Huang2026x");
  await expect(page.getByTestId("home-name")).toHaveText("黄婷婷");
  await expect(page.getByTestId("masked-id")).toContainText(`${id.slice(0, 4)}**********${id.slice(-4)}`);
  await expect(page.getByText(id)).toHaveCount(0);
  await page.screenshot({ path: shot("person-home"), fullPage: true });

  // The same ID cannot register twice.
  await login.logout();
  await page.goto("/register/person");
  await page.getByLabel("姓名").fill("黄婷婷");
  await page.getByLabel("证件号码").fill(id);
  await page.getByLabel("手机号码").fill("13812345678");
  await page.getByRole("textbox", { name: "密码", exact: true }).fill("Huang2026x");
  await page.getByLabel("确认密码").fill("Huang2026x");
  await page.getByLabel("我已阅读并单独同意上述敏感个人信息的处理").check();
  await completeCaptcha(page);
  await page.screenshot({ path: shot("register-captcha-verified"), fullPage: true });
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByText("该证件号码已注册").first()).toBeVisible();
  // Told only after the captcha, with the way to dispute a stolen ID number.
  await expect(page.getByRole("link", { name: "如果您的证件号码被他人冒用，请提交申诉" })).toHaveAttribute("href", "/register/dispute");
});

const ACCOUNTS = [
  { username: "demo_person", area: "/person", title: "个人办事", other: "/hrss" },
  { username: "demo_unit", area: "/unit", title: "单位办事", other: "/dept" },
  { username: "demo_dept", area: "/dept", title: "主管部门工作台", other: "/unit" },
  { username: "demo_hrss", area: "/hrss", title: "人社部门工作台", other: "/self-unit" },
  { username: "demo_zjc", area: "/hrss", title: "人社部门工作台", other: "/person" },
  { username: "demo_selfunit", area: "/self-unit", title: "自主评审单位工作台", other: "/unit" },
  { username: "demo_expert", area: "/expert", title: "专家工作台", other: "/committee" },
  { username: "demo_committee", area: "/committee", title: "评委会工作台", other: "/expert" },
];

for (const a of ACCOUNTS) {
  test(`${a.username} logs in to ${a.area} and is denied ${a.other}`, async ({ page }) => {
    const login = new LoginPage(page);
    await login.loginAndLand(a.username, a.area);
    await expect(page.getByTestId("area-title")).toHaveText(a.title);
    await page.screenshot({ path: shot(`area-${a.username}`), fullPage: true });
    await page.goto(a.other);
    await expect(page.getByTestId("forbidden")).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/forbidden");
  });
}

test("the 专技处 account sees 证书确认 in its menu; a city HR account does not", async ({ page }) => {
  const login = new LoginPage(page);
  await login.loginAndLand("demo_zjc", "/hrss");
  await expect(page.getByRole("navigation", { name: "功能菜单" })).toContainText("证书确认");
  await login.logout();
  // Signed out for real: the area now sends the visitor to the login page.
  await page.goto("/hrss");
  await expect(page).toHaveURL(/\/login/);
  await login.loginAndLand("demo_hrss", "/hrss");
  await expect(page.getByRole("navigation", { name: "功能菜单" })).not.toContainText("证书确认");
});

test("an anonymous visitor asking for an area is sent to the login page", async ({ page }) => {
  await page.goto("/hrss/audit");
  await expect(page).toHaveURL(/\/login/);
});

test("a wrong password and an unknown account get the same Chinese message", async ({ page }) => {
  const login = new LoginPage(page);
  await login.login("no_such_account", "wrong-password-1");
  await expect(page.getByText("用户名/证件号码或密码错误", { exact: true })).toBeVisible();
  await login.login("demo_expert", "wrong-password-1");
  await expect(page.getByText("用户名/证件号码或密码错误", { exact: true })).toBeVisible();
  await page.screenshot({ path: shot("login-wrong-password"), fullPage: true });
});

test("a 主管部门 approves a pending unit registration and the HR audit log shows it", async ({ page }) => {
  const login = new LoginPage(page);
  await login.loginAndLand("demo_hrss", "/hrss");
  await page.getByRole("link", { name: "下属单位管理" }).click();
  await page.getByRole("link", { name: /^待审核（/ }).click();
  const row = page.getByRole("row", { name: /贵阳市第二人民医院/ });
  await expect(row).toBeVisible();
  await page.screenshot({ path: shot("subordinates-pending"), fullPage: true });
  await row.getByRole("button", { name: "审核通过" }).click();
  // Approved: it leaves the pending list and shows as 正常 under 全部.
  await expect(row).toHaveCount(0);
  await page.goto("/hrss/subordinates?q=贵阳市第二人民医院");
  await expect(page.getByRole("row", { name: /贵阳市第二人民医院/ }).getByText("正常")).toBeVisible();
  await page.getByRole("link", { name: "审计日志" }).click();
  await expect(page.getByRole("cell", { name: "下属单位审核/停用" }).first()).toBeVisible();
  await page.screenshot({ path: shot("audit-log"), fullPage: true });
});
