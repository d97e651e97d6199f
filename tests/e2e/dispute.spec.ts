import { expect, test, type Page } from "@playwright/test";
import { completeCaptcha, expectCaptchaReset } from "./pages/captcha";
import { LoginPage } from "./pages/login-page";

// 证件号码被占用申诉 end to end (docs/domain.md §11): the number taken at registration, the filing,
// the filer's status banner, the 人社部门's decision, and what each account can do afterwards.
// Screenshots: tests/.artifacts/e2e/screens/dispute-*.png.

const shot = (name: string) => `tests/.artifacts/e2e/screens/dispute-${name}.png`;

// A fresh, valid resident ID of 贵阳市 (5201…), so that the dispute goes to 贵阳市人社局 (demo_hrss).
function residentId(): string {
  const seq = String(Math.floor(Math.random() * 900) + 100);
  const first17 = `520103198707${String((Date.now() % 28) + 1).padStart(2, "0")}${seq}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return first17 + "10X98765432"[sum % 11];
}

/** A one-page PDF, as a scanner writes it (header, objects, cross-reference table, trailer). */
function smallPdf(): Buffer {
  const content = "BT /F1 18 Tf 72 720 Td (ID card scan) Tj ET";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

async function fillPersonRegistration(page: Page, name: string, id: string, password: string) {
  await page.goto("/register/person");
  await page.getByLabel("姓名").fill(name);
  await page.getByLabel("证件号码").fill(id);
  await page.getByLabel("手机号码").fill("13912345678");
  await page.getByRole("textbox", { name: "密码", exact: true }).fill(password);
  await page.getByLabel("确认密码").fill(password);
  await page.getByLabel("我已阅读并单独同意上述敏感个人信息的处理").check();
  await completeCaptcha(page);
  await page.getByRole("button", { name: "注册" }).click();
}

test("a person whose ID number was taken files a dispute; 贵阳市人社局 upholds it; the ID moves to the filer and the other account is shut", async ({ page }) => {
  test.setTimeout(180_000);
  const id = residentId();
  const masked = `${id.slice(0, 4)}**********${id.slice(-4)}`;
  const occupantPassword = "Occupy2026x";
  const filer = { name: "欧阳明轩", username: `claim_${Date.now() % 1_000_000}`, password: "Claim2026x" };
  const login = new LoginPage(page);

  // Someone registers the number first.
  await fillPersonRegistration(page, "冒用者", id, occupantPassword);
  await expect(page.getByText("注册成功，请使用证件号码和密码登录")).toBeVisible();

  // The real holder cannot register it, and is shown the way to a dispute.
  await fillPersonRegistration(page, filer.name, id, filer.password);
  await expect(page.getByText("该证件号码已注册").first()).toBeVisible();
  await page.screenshot({ path: shot("register-taken"), fullPage: true });
  await page.getByRole("link", { name: "如果您的证件号码被他人冒用，请提交申诉" }).click();
  await page.waitForURL("/register/dispute");
  await expect(page.getByRole("heading", { name: "证件号码被占用申诉" })).toBeVisible();

  // Missing fields are named under each field, like the registration forms.
  await page.getByRole("button", { name: "提交申诉" }).click();
  await expect(page.getByText("请上传证明材料")).toBeVisible();
  await expect(page.getByText("请简要说明情况（至少10个字）")).toBeVisible();
  await page.screenshot({ path: shot("form-errors"), fullPage: true });

  await page.getByLabel("姓名（与证件一致）").fill(filer.name);
  await page.getByLabel("证件号码").fill(id);
  await page.getByLabel("手机号码").fill("13912345679");
  await page.getByLabel("登录用户名").fill(filer.username);
  await page.getByRole("textbox", { name: "密码", exact: true }).fill(filer.password);
  await page.getByLabel("确认密码").fill(filer.password);
  await page.getByLabel("情况说明").fill("本人从未注册过本平台账号，注册时提示证件号码已注册，疑被他人冒用。附身份证扫描件。");
  await page.getByLabel("我已阅读并单独同意上述敏感个人信息的处理").check();

  // A text file renamed to .pdf is refused by its content.
  await page.getByLabel("证明材料").setInputFiles({ name: "身份证.pdf", mimeType: "application/pdf", buffer: Buffer.from("this is only text, not a scan") });
  await completeCaptcha(page);
  await page.getByRole("button", { name: "提交申诉" }).click();
  await expect(page.locator('[data-field-error="proof"]')).toHaveText("证明材料须为 PDF、JPG 或 PNG 文件（按文件内容识别），请重新选择");
  await page.screenshot({ path: shot("bad-proof"), fullPage: true });

  // A real PDF goes through (the captcha asks again: each solution is single-use).
  await expectCaptchaReset(page);
  await page.getByLabel("证明材料").setInputFiles({ name: "身份证.pdf", mimeType: "application/pdf", buffer: smallPdf() });
  await completeCaptcha(page);
  await page.screenshot({ path: shot("form-filled"), fullPage: true });
  await page.getByRole("button", { name: "提交申诉" }).click();
  await expect(page.getByText("申诉已提交。请使用刚才设置的用户名和密码登录，查看审核进度。")).toBeVisible();
  await page.screenshot({ path: shot("filed"), fullPage: true });

  // The filer signs in by username and sees the status; the account holds no ID yet.
  await login.loginAndLand(filer.username, "/person", filer.password);
  await expect(page.getByTestId("dispute-banner")).toContainText("待审核");
  await expect(page.getByTestId("dispute-banner")).toContainText(masked);
  await page.screenshot({ path: shot("filer-pending"), fullPage: true });
  await login.logout();

  // 贵阳市人社局 finds it, opens the proof and upholds it.
  await login.loginAndLand("demo_hrss", "/hrss");
  await page.getByRole("navigation", { name: "功能菜单" }).getByRole("link", { name: "证件号码申诉" }).click();
  await page.waitForURL("/hrss/disputes");
  const row = page.getByRole("row", { name: new RegExp(filer.name) });
  await expect(row).toContainText("待审核");
  await page.screenshot({ path: shot("hrss-list"), fullPage: true });
  await row.getByRole("link", { name: "查看" }).click();
  await page.waitForURL(/\/hrss\/disputes\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("dispute-status")).toHaveText("待审核");
  const proofLink = page.getByRole("link", { name: /查看证明材料（PDF/ });
  const proof = await page.request.get((await proofLink.getAttribute("href"))!);
  expect(proof.status()).toBe(200);
  expect(proof.headers()["content-type"]).toBe("application/pdf");
  expect((await proof.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  await page.screenshot({ path: shot("hrss-detail"), fullPage: true });

  let confirmText = "";
  page.once("dialog", (d) => {
    confirmText = d.message();
    void d.accept();
  });
  await page.getByLabel("审核意见（认定不成立时必填）").fill("已核对身份证原件");
  await page.getByRole("button", { name: "申诉成立" }).click();
  // The page refreshes to the decided dispute (the decision form, and its passing message, go away).
  await expect(page.getByTestId("dispute-status")).toHaveText("申诉成立");
  expect(confirmText).toContain("占用证件号码的账号将被停用");
  await expect(page.getByRole("button", { name: "申诉成立" })).toHaveCount(0);
  await page.screenshot({ path: shot("hrss-upheld"), fullPage: true });
  await login.logout();

  // The filer sees the result, with the ID now bound to the account.
  await login.loginAndLand(filer.username, "/person", filer.password);
  await expect(page.getByTestId("dispute-banner")).toContainText("申诉成立");
  await expect(page.getByTestId("masked-id")).toContainText(masked);
  await page.screenshot({ path: shot("filer-upheld"), fullPage: true });
  await login.logout();

  // The occupant's password no longer opens anything: the same message as any failed login.
  await login.login(id, occupantPassword);
  await expect(page.getByText("用户名/证件号码或密码错误", { exact: true })).toBeVisible();
  await page.screenshot({ path: shot("occupant-refused"), fullPage: true });
  expect(new URL(page.url()).pathname).toBe("/login");
});
