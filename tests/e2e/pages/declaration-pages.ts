import { expect, type Page } from "@playwright/test";
import sharp from "sharp";
import { drawPortrait } from "../../fixtures/photo-images";
import { completeCaptcha } from "./captcha";
import { DEMO_PASSWORD, LoginPage } from "./login-page";

/**
 * Page helpers of the declaration specs (docs/domain.md §16): registration of a new applicant, the
 * applicant's step form, and the examining offices' screens (detail with 退回补正, work queues, 申报公示).
 * Every helper does what a user does in the browser.
 */

/**
 * Signs out whoever is signed in (退出登录: the server ends the session, so a response still in flight that
 * re-issues the session cookie cannot sign them back in), then signs in as `username` and waits for the area home.
 */
export async function signInAs(page: Page, username: string, home: string, password = DEMO_PASSWORD) {
  const logout = page.getByRole("button", { name: "退出登录" });
  if (await logout.isVisible()) {
    await logout.click();
    await page.waitForURL("/");
  }
  await page.context().clearCookies();
  await new LoginPage(page).loginAndLand(username, home, password);
}

/** A valid 居民身份证 number of a man born on `birth` (YYYYMMDD) in 贵阳市南明区: random sequence (odd: 男), GB 11643 check character. */
export function residentId(birth: string): string {
  const seq = String(Math.floor(Math.random() * 450) * 2 + 101);
  const first17 = `520102${birth}${seq}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return first17 + "10X98765432"[sum % 11];
}

export type NewApplicant = { name: string; idNumber: string; phone: string; password: string };

/** 个人注册 from the portal's 注册 page, captcha included. */
export async function registerApplicant(page: Page, p: NewApplicant) {
  await page.context().clearCookies();
  await page.goto("/");
  await page.getByRole("link", { name: "注册" }).click();
  await page.getByRole("link", { name: /个人注册/ }).click();
  await page.getByLabel("姓名").fill(p.name);
  await page.getByLabel("证件号码").fill(p.idNumber);
  await page.getByLabel("手机号码").fill(p.phone);
  await page.getByRole("textbox", { name: "密码", exact: true }).fill(p.password);
  await page.getByLabel("确认密码").fill(p.password);
  await page.getByLabel("我已阅读并单独同意上述敏感个人信息的处理").check();
  await completeCaptcha(page);
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByText("注册成功，请使用证件号码和密码登录")).toBeVisible();
}

/** A one-page PDF (header and %%EOF trailer: what the upload checks by content). */
export function samplePdf(text: string): Buffer {
  const content = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
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

/** A small PNG scan (a real image: the server decodes it). */
export function samplePng(): Promise<Buffer> {
  return sharp({ create: { width: 240, height: 160, channels: 3, background: "#e8eef7" } }).png().toBuffer();
}

/** A phone-sized portrait on a white wall, larger than the frame (the photo tool crops and scales it). */
export async function samplePortrait(): Promise<Buffer> {
  const { data, width, height, channels } = drawPortrait({ width: 1200, height: 1680 });
  return sharp(data, { raw: { width, height, channels } }).jpeg({ quality: 90 }).toBuffer();
}

type Step = "基本信息" | "学历信息" | "工作经历" | "现任职称" | "业绩成果" | "证件照" | "诚信承诺";

/** The applicant's declaration: 新建申报, the step form (each step saved as a draft), materials, 诚信承诺 and 提交. */
export class ApplicantDeclaration {
  constructor(private readonly page: Page) {}

  /** 职称申报 → 新建申报 in the open batch of `committee`; lands on the empty draft. Answers the declaration id. */
  async createDraft(o: { level: string; specialty: string; committee: string }): Promise<string> {
    await this.page.getByRole("link", { name: "职称申报", exact: true }).first().click();
    await expect(this.page.getByTestId("open-batches")).toContainText(o.committee);
    await this.page.getByRole("link", { name: "新建申报" }).click();
    const batch = this.page.getByLabel("申报批次（评委会）");
    await batch.selectOption({ label: (await batch.locator("option", { hasText: o.committee }).textContent())! });
    await this.page.getByLabel("申报级别").selectOption(o.level);
    await this.page.getByLabel("申报专业").fill(o.specialty);
    await this.page.getByRole("button", { name: "创建申报草稿" }).click();
    await this.page.waitForURL(/\/person\/declarations\/[0-9a-f-]{36}$/);
    await expect(this.page.getByRole("heading", { name: new RegExp(o.committee) })).toBeVisible();
    return this.page.url().split("/").pop()!;
  }

  /** 我的申报 → 继续填写 (a draft or a returned declaration). */
  async open(declarationId: string) {
    await this.page.getByRole("link", { name: "职称申报", exact: true }).first().click();
    await this.page.locator(`a[href="/person/declarations/${declarationId}"]`).click();
    await this.page.waitForURL(`/person/declarations/${declarationId}`);
  }

  async step(name: Step) {
    await this.page.getByRole("navigation", { name: "申报步骤" }).getByRole("button", { name: new RegExp(name) }).click();
    await expect(this.page.getByRole("navigation", { name: "申报步骤" }).getByRole("button", { name: new RegExp(name) })).toHaveAttribute("aria-current", "step");
  }

  /** 保存并下一步, then waits for the next step to show. */
  async saveAndNext(next: Step) {
    await this.page.getByRole("button", { name: "保存并下一步" }).click();
    await expect(this.page.getByRole("navigation", { name: "申报步骤" }).getByRole("button", { name: new RegExp(next) })).toHaveAttribute("aria-current", "step", { timeout: 20_000 });
  }

  async fillBasic(o: { unit: string; birthDate: string; phone: string; department: string; post: string }) {
    await this.page.getByLabel("所在单位或申报点").selectOption({ label: o.unit });
    await this.page.getByLabel("出生日期").fill(o.birthDate);
    await this.page.getByLabel("联系电话").fill(o.phone);
    await this.page.getByLabel("所在部门（二级单位）").fill(o.department);
    await this.page.getByLabel("现任岗位").fill(o.post);
  }

  async fillEducation(o: { level: string; school: string; major: string; degree: string; from: string; to: string }) {
    await this.page.locator("#e-0-level").selectOption(o.level);
    await this.page.getByLabel("毕业院校").fill(o.school);
    await this.page.getByLabel("所学专业").fill(o.major);
    await this.fillDegree(o.degree);
    await this.page.getByLabel("入学时间").fill(o.from);
    await this.page.getByLabel("毕业时间").fill(o.to);
  }

  /** 学位 of the first education entry (exact: the material slot's label names 学位 too). */
  async fillDegree(degree: string) {
    await this.page.getByLabel("学位", { exact: true }).fill(degree);
  }

  async fillWork(o: { employer: string; post: string; from: string }) {
    await this.page.getByLabel("工作单位").fill(o.employer);
    await this.page.getByLabel("岗位/职务").fill(o.post);
    await this.page.getByLabel("开始时间").fill(o.from);
  }

  async fillTitle(o: { title: string; level: string; date: string }) {
    await this.page.getByLabel("现任职称（资格名称）").fill(o.title);
    await this.page.locator("#t-level").selectOption(o.level);
    await this.page.getByLabel("取得时间").fill(o.date);
  }

  async addAchievement(o: { kind: string; title: string; date: string; detail: string }) {
    await this.page.getByRole("button", { name: "添加业绩成果" }).click();
    await this.page.locator("#a-0-kind").selectOption(o.kind);
    await this.page.locator("#a-0-title").fill(o.title);
    await this.page.locator("#a-0-date").fill(o.date);
    await this.page.locator("#a-0-detail").fill(o.detail);
  }

  /** Uploads one material to the slot labelled `slot` (e.g. 学历、学位证书) and waits until it is listed. */
  async upload(slot: string, file: { name: string; mimeType: string; buffer: Buffer }) {
    const input = this.page.getByLabel(`上传${slot}`);
    await input.setInputFiles(file);
    const box = input.locator("xpath=..");
    await expect(box.getByText("已上传")).toBeVisible({ timeout: 20_000 });
    await expect(box.getByRole("link", { name: file.name })).toBeVisible({ timeout: 20_000 });
  }

  /**
   * 证件照 with the photo tool (as the back-fill's photo upload): choose the file, wait for the tool's live checks,
   * 「上传」; the server's normalised photo (295×413) comes back through the authorised handler.
   */
  async uploadPhoto(fileName: string, buffer: Buffer, opts: { screenshot?: string } = {}) {
    await expect(this.page.getByTestId("photo-step")).toBeVisible();
    await this.page.getByLabel("选择照片文件").setInputFiles({ name: fileName, mimeType: "image/jpeg", buffer });
    await expect(this.page.getByText("背景为白色或接近白色")).toBeVisible();
    await expect(this.page.getByRole("button", { name: "上传", exact: true })).toBeEnabled();
    if (opts.screenshot) await this.page.screenshot({ path: opts.screenshot, fullPage: true });
    await this.page.getByRole("button", { name: "上传", exact: true }).click();
    await expect(this.page.getByTestId("photo-feedback")).toContainText("证件照已上传", { timeout: 20_000 });
    const img = this.page.getByTestId("declaration-photo");
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(295);
  }

  /**
   * 诚信承诺 (ticked after every other change), then 提交申报 with its confirmation. The page then shows the
   * declaration read-only with its new state (the form and its outcome message leave the page).
   */
  async pledgeAndSubmit() {
    await this.step("诚信承诺");
    await expect(this.page.getByTestId("eligibility-panel")).toContainText("符合申报条件");
    await this.page.getByLabel("我已阅读并同意以上诚信承诺").check();
    await this.page.getByRole("button", { name: "确认承诺" }).click();
    await expect(this.page.getByText("已确认诚信承诺。")).toBeVisible({ timeout: 20_000 });
    await this.page.getByRole("button", { name: "提交申报" }).click();
    await this.page.getByRole("button", { name: "确认提交" }).click();
    await expect(this.page.getByTestId("submitted-notice")).toContainText("申报已提交，等待所在单位审核", { timeout: 20_000 });
    await expect(this.page.getByText("待单位审核", { exact: true })).toBeVisible();
  }

  /** 查看进度: the timeline page of the declaration. */
  async timeline() {
    await this.page.getByRole("link", { name: "查看进度" }).click();
    await this.page.waitForURL(/\/timeline$/);
    await expect(this.page.getByTestId("stages")).toBeVisible();
  }
}

/** The examining offices' declaration screens under `<area>/declarations`. */
export class ExaminerDeclarations {
  constructor(
    private readonly page: Page,
    private readonly base: "/unit" | "/dept" | "/hrss" | "/self-unit",
  ) {}

  /** 申报人员管理 → search by name (the list is paged) → the person's declaration. */
  async openDetail(person: string) {
    await this.page.goto(`${this.base}/declarations`);
    await this.page.getByLabel("姓名或完整证件号码").fill(person);
    await this.page.getByRole("button", { name: "筛选" }).click();
    await this.page.waitForURL((u) => u.searchParams.get("q") === person);
    await this.page.getByTestId("declaration-list").getByRole("link", { name: person }).click();
    await expect(this.page.getByRole("heading", { name: new RegExp(`${person} 的职称申报`) })).toBeVisible();
  }

  /** 退回补正 with a 一次性告知 of one item, from the detail page. */
  async returnWithNotice(o: { section: string; field: string; text: string; reason: string }) {
    await this.page.getByRole("button", { name: "退回补正" }).click();
    const form = this.page.getByRole("form", { name: "退回补正" });
    await form.getByLabel("第1项 事项").selectOption({ label: o.section });
    await form.getByLabel("第1项 字段").fill(o.field);
    await form.getByLabel("第1项 补正要求").fill(o.text);
    await form.getByLabel("退回理由（必填）").fill(o.reason);
    await form.getByRole("button", { name: "确认退回" }).click();
    // The 办理 panel (and its outcome message) leaves the page with the office's last move: read the result
    // from the heading and the notice.
    await expect(this.page.getByRole("heading", { name: /的职称申报/ })).toContainText("已退回", { timeout: 20_000 });
    const notices = this.page.getByTestId("notices");
    await expect(notices).toContainText(`${o.section}·${o.field}：${o.text}`);
    await expect(notices).toContainText("待补正");
  }

  /** One queue's batch step for one person: select the row, confirm, and see the row leave the queue. */
  async batchMove(queue: string, person: string, verb: string, message: string) {
    await this.page.goto(`${this.base}/declarations/${queue}`);
    const table = this.page.getByTestId("queue-table");
    await expect(table.getByRole("row").filter({ hasText: person })).toBeVisible();
    await this.page.getByRole("checkbox", { name: `选择 ${person}` }).check();
    await this.page.getByRole("button", { name: `${verb}所选（1）` }).click();
    await this.page.getByRole("dialog", { name: "确认操作" }).getByRole("button", { name: `确认${verb}` }).click();
    await expect(this.page.getByTestId("action-result")).toContainText(message, { timeout: 20_000 });
    await expect(table.getByRole("row").filter({ hasText: person })).toHaveCount(0);
  }

  /** 申报公示: selects the person, sets the posting day and asks to start; answers the end date the confirmation shows (left open). */
  async previewPublicity(person: string, postedOn: string): Promise<string> {
    await this.page.goto(`${this.base}/declarations/publicity`);
    await this.page.getByRole("checkbox", { name: `选择 ${person}` }).check();
    await this.page.getByLabel("公示日期").fill(postedOn);
    await this.page.getByRole("button", { name: "开始公示所选（1）" }).click();
    const shown = this.page.getByTestId("publicity-end");
    await expect(shown).toContainText(`公示期：${postedOn} 起，5个工作日`, { timeout: 20_000 });
    return /至 (\d{4}-\d{2}-\d{2}) 止/.exec((await shown.textContent()) ?? "")![1];
  }

  /** Confirms the 公示 previewed by `previewPublicity`; the list then shows it, open, to `endsOn`. */
  async confirmPublicity(endsOn: string) {
    await this.page.getByRole("dialog", { name: "确认操作" }).getByRole("button", { name: "确认开始公示" }).click();
    await expect(this.page.getByTestId("action-result")).toContainText(`公示期至${endsOn}`, { timeout: 20_000 });
    await expect(this.page.getByTestId("publicity-list").getByRole("row").filter({ hasText: endsOn }).filter({ hasText: "公示中" })).toBeVisible();
  }

  /** Opens the open 公示 ending on `endsOn` from the list and finishes it (结束公示). */
  async finishPublicity(person: string, endsOn: string) {
    await this.page.goto(`${this.base}/declarations/publicity`);
    await this.page.getByTestId("publicity-list").getByRole("row").filter({ hasText: endsOn }).filter({ hasText: "公示中" }).getByRole("link", { name: "查看" }).click();
    await expect(this.page.getByTestId("publicity-items")).toContainText(person);
    await expect(this.page.getByTestId("publicity-period")).toContainText("公示期已满");
    await this.page.getByRole("button", { name: "结束公示" }).click();
    await this.page.getByRole("button", { name: "确认结束公示" }).click();
    // The finish panel (and its notice) leaves the page once the 公示 is over: the heading shows the outcome.
    await expect(this.page.getByRole("heading", { name: /单位公示.*已结束/ })).toBeVisible({ timeout: 20_000 });
  }
}
