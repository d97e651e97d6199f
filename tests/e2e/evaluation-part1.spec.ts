import { expect, test, type Page } from "@playwright/test";
import { completeCaptcha } from "./pages/captcha";
import { LoginPage } from "./pages/login-page";

// 评审 part 1 across accounts (docs/domain.md §13–§14): 贵州大学 invites a new expert, who registers,
// accepts and keeps a profile and 回避声明; 贵州大学 composes a term of committee 004 (the form names
// each rule a list breaks before it can be saved), files it with its 评审办法, and it is approved by
// 贵州省教育厅 then the 省人社厅; the 主任委员 it appoints sees the committee in /committee. Also the
// demo's state: the 90-day expiry warning and committee 001's 主任委员.

// Long flows across accounts on a shared machine: more than the default 60 s each.
test.describe.configure({ mode: "serial", timeout: 240_000 });

const shot = (name: string) => `tests/.artifacts/e2e/screens/evaluation-${name}.png`;
const PASSWORD = "Expert2026x";
const COMMITTEE_004 = "贵州大学高校教师职称评审委员会";

/** A valid resident ID (GB 11643) unique to this run: born 1978, sequence from the clock. */
function residentId(): string {
  const day = String((Date.now() % 28) + 1).padStart(2, "0");
  const seq = String(Math.floor(Math.random() * 900) + 100);
  const first17 = `52010219780${(Math.floor(Date.now() / 1000) % 9) + 1}${day}${seq}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return first17 + "10X98765432"[sum % 11];
}

/** A small, well-formed one-page PDF (header, objects, cross-reference table, trailer). */
function rulesPdf(): Buffer {
  const content = "BT /F1 12 Tf 72 770 Td (Rules) Tj ET";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out);
}

async function switchGrant(page: Page, name: string, area: string) {
  const switcher = page.getByTestId("grant-switcher");
  await switcher.locator("summary").click();
  await switcher.getByRole("radio", { name }).check();
  await switcher.getByRole("button", { name: "切换", exact: true }).click();
  await page.waitForURL((url) => url.pathname === area);
}

const expert = { name: "欧阳明轩", idNumber: residentId(), phone: "13985177001" };
const year = Number(new Date().toISOString().slice(0, 4));
// A period no demo term shares (the demo's next term of 004 starts within 61 days of today).
const term = { start: `${year + 2}-09-01`, end: `${year + 5}-08-31` };
const termRow = new RegExp(`${term.start} 至 ${term.end}`);

test("贵州大学 invites a new expert, who registers, accepts, and keeps a profile and 回避声明", async ({ page }) => {
  const login = new LoginPage(page);
  await login.loginAndLand("demo_selfunit", "/self-unit");
  await page.goto("/self-unit/experts/invite");
  await page.getByLabel("姓名").fill(expert.name);
  await page.getByLabel("证件号码").fill(expert.idNumber);
  await page.getByLabel("手机号码").fill(expert.phone);
  await page.getByLabel("系列").selectOption("高校教师");
  await page.getByLabel("专业").fill("软件工程");
  await page.getByLabel("资格名称").fill("教授");
  await page.getByLabel("级别").selectOption({ label: "正高级" });
  await page.getByLabel("工作单位").fill("贵州大学");
  await page.getByRole("button", { name: "发出邀请" }).click();
  await expect(page.getByTestId("action-result")).toContainText(`已向${expert.name}发出专家库邀请`);
  await page.screenshot({ path: shot("invite-sent"), fullPage: true });
  await login.logout();

  // The invited person has no account yet: they register with the same name and ID number.
  await page.goto("/register/person");
  await page.getByLabel("姓名").fill(expert.name);
  await page.getByLabel("证件号码").fill(expert.idNumber);
  await page.getByLabel("手机号码").fill(expert.phone);
  await page.getByRole("textbox", { name: "密码", exact: true }).fill(PASSWORD);
  await page.getByLabel("确认密码").fill(PASSWORD);
  await page.getByLabel("我已阅读并单独同意上述敏感个人信息的处理").check();
  await completeCaptcha(page);
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByText("注册成功，请使用证件号码和密码登录")).toBeVisible();

  await login.loginAndLand(expert.idNumber, "/person", PASSWORD);
  const card = page.getByTestId("expert-invitations");
  await expect(card).toContainText("贵州大学 邀请您加入专家库");
  await page.screenshot({ path: shot("invitation-card"), fullPage: true });
  await card.getByRole("button", { name: "接受" }).click();
  await expect(page.getByTestId("expert-invitations")).toHaveCount(0);
  await switchGrant(page, "评审专家 · 贵州大学", "/expert");
  await expect(page.getByTestId("my-pools")).toContainText("贵州大学");

  await page.getByRole("link", { name: "个人信息维护" }).click();
  await expect(page.getByTestId("masked-id")).toContainText(`${expert.idNumber.slice(0, 4)}**********${expert.idNumber.slice(-4)}`);
  await page.getByLabel("资格名称").fill("教授");
  await page.getByLabel("级别").selectOption({ label: "正高级" });
  await page.getByLabel("系列").selectOption("高校教师");
  await page.getByLabel("专业").fill("软件工程");
  await page.getByLabel("工作单位").fill("贵州大学");
  await page.getByLabel("二级单位（院系/科室）").fill("大数据与信息工程学院");
  await page.getByLabel("手机号码").fill(expert.phone);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("action-result")).toContainText("个人信息已保存");
  await page.screenshot({ path: shot("expert-profile"), fullPage: true });

  await page.getByRole("link", { name: "回避声明" }).click();
  await page.getByLabel("回避对象类型").selectOption({ label: "单位" });
  await page.getByLabel("单位名称").fill("贵州理工学院");
  await page.getByLabel("关系").selectOption({ label: "合作（三年内）" });
  await page.getByRole("button", { name: "添加" }).click();
  await expect(page.getByTestId("action-result")).toContainText("已添加回避声明");
  await expect(page.getByTestId("conflicts-table")).toContainText("贵州理工学院");
  await page.screenshot({ path: shot("expert-conflicts"), fullPage: true });
});

test("贵州大学 composes a term (rules shown before saving), files it, and 贵州省教育厅 then the 省人社厅 approve it", async ({ page }) => {
  const login = new LoginPage(page);
  await login.loginAndLand("demo_selfunit", "/self-unit");
  await page.getByRole("navigation", { name: "功能菜单" }).getByRole("link", { name: "评审权备案", exact: true }).click();
  await page.waitForURL("/self-unit/filings");
  await page.screenshot({ path: shot("filings-home"), fullPage: true });
  await page.getByRole("link", { name: "组建新一届" }).click();
  await page.waitForURL(/\/self-unit\/filings\/terms\/new/);
  await page.getByLabel("任期开始").fill(term.start);
  await page.getByLabel("任期结束").fill(term.end);

  // 贵州大学's pool: 31 高校教师 experts besides the new one, and 张三 (工程技术).
  const selects = page.locator('select[aria-label$="的职务"]');
  const labels = await selects.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
  const others = labels.filter((l) => l !== "张三的职务" && l !== `${expert.name}的职务`);
  expect(others.length).toBeGreaterThanOrEqual(24);
  const position = (label: string, value: string) => page.getByLabel(label, { exact: true }).selectOption({ label: value });

  // An invalid list: 24 people (even, below 25), no 主任委员, and 张三 without a 高校教师 title.
  await position("张三的职务", "委员");
  for (const l of others.slice(0, 23)) await position(l, "委员");
  const rules = page.getByTestId("term-rules");
  await expect(rules).toContainText("委员人数须为单数，当前为24人");
  await expect(rules).toContainText("高级评委会按系列组建至少25人，当前为24人");
  await expect(rules).toContainText("以下成员不具备高校教师系列相应职称：张三");
  await expect(rules).toContainText("须有且仅有一名主任委员，当前为0名");
  const save = page.getByRole("button", { name: "保存本届成员" });
  await expect(save).toBeDisabled();
  await page.screenshot({ path: shot("term-invalid"), fullPage: true });

  // Fixed: 张三 out, the new expert 主任委员, one more 委员 — 25.
  await position("张三的职务", "不列入");
  await position(`${expert.name}的职务`, "主任委员");
  await expect(rules).toContainText("委员人数须为单数，当前为24人");
  await position(others[23], "副主任委员");
  await expect(rules).toContainText("成员名单符合组建要求（25人）");
  await expect(save).toBeEnabled();
  await page.screenshot({ path: shot("term-valid"), fullPage: true });
  await save.click();
  await page.waitForURL("/self-unit/filings");

  const row = page.getByRole("row", { name: termRow });
  await expect(row).toContainText("草稿");
  await row.getByRole("link", { name: "新建备案" }).click();
  await page.waitForURL(/\/self-unit\/filings\/new\?term=/);
  await page.getByLabel("评审专业").fill("软件工程、计算机科学与技术");
  await expect(page.getByLabel("有效期起")).toHaveValue(term.start);
  await expect(page.getByLabel("有效期止")).toHaveValue(term.end);
  await page.getByRole("button", { name: "保存草稿" }).click();
  await page.waitForURL(/\/self-unit\/filings\/[0-9a-f-]{36}$/);
  const filingUrl = new URL(page.url()).pathname;
  const filingId = filingUrl.split("/").pop()!;

  await page.locator('input[type="file"]').setInputFiles({ name: "贵州大学评审办法-e2e.pdf", mimeType: "application/pdf", buffer: rulesPdf() });
  await expect(page.getByText("已上传评审办法")).toBeVisible();
  await expect(page.getByText("贵州大学评审办法-e2e.pdf")).toBeVisible();
  await page.screenshot({ path: shot("filing-draft"), fullPage: true });
  await page.getByRole("button", { name: "报送备案" }).click();
  await page.waitForURL("/self-unit/filings");
  await page.goto(filingUrl);
  await expect(page.getByTestId("filing-status")).toContainText("待审核");
  await login.logout();

  // 贵州省教育厅 (主管部门) first.
  await login.loginAndLand("demo_edu", "/dept");
  await page.goto("/dept/filing-review");
  await page.getByRole("row", { name: termRow }).getByRole("link", { name: COMMITTEE_004 }).click();
  await page.waitForURL(`/dept/filing-review/${filingId}`);
  await expect(page.getByText(expert.name).first()).toBeVisible();
  await page.screenshot({ path: shot("filing-review-edu"), fullPage: true });
  await page.getByRole("button", { name: "审核通过" }).click();
  await expect(page.getByTestId("filing-status")).toContainText("主管部门已审核");
  await login.logout();

  // Then the 省人社厅 (高级 committees: lib/filings/routing.ts).
  await login.loginAndLand("demo_province", "/hrss");
  await page.goto("/hrss/filing-review");
  await page.getByRole("row", { name: termRow }).getByRole("link", { name: COMMITTEE_004 }).click();
  await page.waitForURL(`/hrss/filing-review/${filingId}`);
  await page.getByRole("button", { name: "审核通过" }).click();
  await expect(page.getByTestId("filing-status")).toContainText("已备案");
  await page.screenshot({ path: shot("filing-approved"), fullPage: true });
  await login.logout();

  await login.loginAndLand("demo_selfunit", "/self-unit");
  await page.goto("/self-unit/filings");
  await expect(page.getByRole("row", { name: termRow }).first()).toContainText("生效");
});

test("the new term's 主任委员 sees the committee, term and members in /committee", async ({ page }) => {
  await new LoginPage(page).loginAndLand(expert.idNumber, "/person", PASSWORD);
  await switchGrant(page, `评委会成员 · ${COMMITTEE_004} · 主任委员`, "/committee");
  await expect(page.getByText(`${COMMITTEE_004}（004）`)).toBeVisible();
  await expect(page.getByText(`本人职务：主任委员 · 本届任期：${term.start} 至 ${term.end}`)).toBeVisible();
  const members = page.locator("table tbody tr");
  await expect(members).toHaveCount(25);
  await expect(members.filter({ hasText: expert.name })).toContainText("主任委员");
  await page.screenshot({ path: shot("committee-chair"), fullPage: true });
});

test("the demo's filing expiring within 90 days shows on the filer's and its examiners' homes", async ({ page }) => {
  const login = new LoginPage(page);
  await login.loginAndLand("demo_selfunit", "/self-unit");
  await expect(page.getByTestId("pending-备案90天内到期")).toHaveText("1");
  await page.screenshot({ path: shot("selfunit-home-expiring"), fullPage: true });
  await login.logout();
  for (const [username, area] of [["demo_edu", "/dept"], ["demo_province", "/hrss"]] as const) {
    await login.loginAndLand(username, area);
    await expect(page.getByTestId("pending-所审备案90天内到期")).toHaveText("1");
    await login.logout();
  }
});

test("demo_committee (王五) logs in straight to committee 001, where he is 主任委员 and 李四 副主任委员", async ({ page }) => {
  await new LoginPage(page).loginAndLand("demo_committee", "/committee");
  await expect(page.getByText("贵州省工程技术高级职称评审委员会（001）")).toBeVisible();
  await expect(page.getByText(/本人职务：主任委员/)).toBeVisible();
  const members = page.locator("table tbody tr");
  await expect(members).toHaveCount(25);
  await expect(members.filter({ hasText: "王五" })).toContainText("主任委员");
  await expect(members.filter({ hasText: "李四" })).toContainText("副主任委员");
  await page.screenshot({ path: shot("committee-001"), fullPage: true });
});
