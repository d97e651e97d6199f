import sharp from "sharp";
import { expect, test, type Page } from "@playwright/test";
import { drawPortrait } from "../fixtures/photo-images";
import { residentId } from "../helpers/roster-workbook";
import { BackfillPage } from "./pages/backfill-page";
import { completeCaptcha } from "./pages/captcha";
import { LoginPage } from "./pages/login-page";
import { ConfirmDesk, ReviewWorkspace } from "./pages/review-pages";
import { RosterPage } from "./pages/roster-page";

const shot = (name: string) => `tests/.artifacts/e2e/screens/${name}.png`;

// Two professionals registered by the test (new IDs on every run, region 花溪区 so no other spec's people).
const N = 100_000 + Math.floor(Math.random() * 800_000);
const A = { name: "李明华", id: residentId(N, "520111"), phone: "13912340001", password: "Lmh2026ab", unit: "贵州省交通规划勘察设计研究院" };
const B = { name: "王雪梅", id: residentId(N + 1, "520111"), phone: "13912340002", password: "Wxm2026ab", unit: "贵州省水利水电勘测设计研究院" };
// On the roster but never uploads a photo: blocks the one-shot submission until excluded with a reason.
const C = { name: "赵国强", id: residentId(N + 2, "520111"), phone: "", password: "", unit: "贵州省地质矿产勘查开发局" };
type Person = typeof A;

async function photo(shiftX = 0): Promise<Buffer> {
  const { data, width, height, channels } = drawPortrait({ width: 1200, height: 1680, shiftX });
  return sharp(data, { raw: { width, height, channels } }).jpeg({ quality: 90 }).toBuffer();
}

async function register(page: Page, p: Person) {
  await page.goto("/register/person");
  await page.getByLabel("姓名").fill(p.name);
  await page.getByLabel("证件号码").fill(p.id);
  await page.getByLabel("手机号码").fill(p.phone);
  await page.getByRole("textbox", { name: "密码", exact: true }).fill(p.password);
  await page.getByLabel("确认密码").fill(p.password);
  await page.getByLabel("我已阅读并单独同意上述敏感个人信息的处理").check();
  await completeCaptcha(page);
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByText("注册成功，请使用证件号码和密码登录")).toBeVisible();
}

/** 手工录入 and 发布 of one record in committee 001; returns its certificate number. */
async function enterAndPublish(page: Page, roster: RosterPage, p: Person): Promise<string> {
  await page.getByRole("link", { name: "手工录入" }).click();
  await page.getByLabel("姓名").fill(p.name);
  await page.getByLabel("证件号码").fill(p.id);
  await page.getByLabel("工作单位").fill(p.unit);
  await page.getByLabel("专业").fill("水利水电工程");
  await page.getByLabel("级别").selectOption({ label: "副高级" });
  await page.getByLabel("评审通过时间").fill("2021-12-01");
  await page.getByLabel("批准文号").fill("黔人社厅发〔2021〕30号");
  await page.getByRole("button", { name: "保存为草稿" }).click();
  await page.waitForURL(/\/hrss\/roster\/[0-9a-f-]{36}$/);
  await roster.search(p.id);
  await expect(roster.rows()).toHaveCount(1);
  const certNo = (await roster.rows().first().locator("td").nth(1).textContent())!.trim();
  await page.getByLabel(`选择 ${p.name}`).check();
  await page.getByRole("button", { name: "发布所选（1）" }).click();
  await page.getByRole("button", { name: "确认发布" }).click();
  await expect(page.getByText("已发布1条记录")).toBeVisible();
  return certNo;
}

async function uploadAndSubmit(page: Page, login: LoginPage, p: Person, certNo: string, image: Buffer, opts: { consent: boolean }) {
  const backfill = new BackfillPage(page);
  await login.loginAndLand(p.id, "/person", p.password);
  await backfill.open();
  await backfill.openRecord(certNo);
  if (opts.consent) {
    await backfill.consent();
    await backfill.choosePhoto("IMG_0001.jpg", image);
  } else {
    // After a rejection the page offers 「重新上传照片」 instead of the empty 「+」 frame.
    await page.getByRole("button", { name: /重新上传照片/ }).click();
    await page.getByLabel("选择照片文件").setInputFiles({ name: "IMG_0002.jpg", mimeType: "image/jpeg", buffer: image });
    await expect(page.getByText("背景为白色或接近白色")).toBeVisible();
  }
  await backfill.upload();
  await backfill.submit();
}

/** The professional's own view: the record's status on 职称证书补录 and the newest message on the home page. */
async function expectPersonSees(page: Page, login: LoginPage, p: Person, certNo: string, status: string, message: string | null, screen?: string) {
  await login.loginAndLand(p.id, "/person", p.password);
  if (message) await expect(page.getByTestId("notifications").locator("li").first()).toContainText(message);
  if (screen) await page.screenshot({ path: shot(`${screen}-home`), fullPage: true });
  const backfill = new BackfillPage(page);
  await backfill.open();
  await expect(backfill.record(certNo)).toContainText(status);
  if (screen) await page.screenshot({ path: shot(`${screen}-list`), fullPage: true });
  await login.logout();
}

test("the whole back-fill across four accounts: publish, upload, review, one-shot submit, return one, confirm, fix, resubmit, confirm", async ({ page }) => {
  test.setTimeout(300_000);
  const login = new LoginPage(page);
  const roster = new RosterPage(page);
  const review = new ReviewWorkspace(page);
  const desk = new ConfirmDesk(page);

  // 1. Two professionals register.
  await register(page, A);
  await register(page, B);

  // 2. The committee (省人社厅, committee 001) enters both records and publishes them.
  await login.loginAndLand("demo_province", "/hrss");
  await roster.openCommittee("/hrss", "001");
  const certA = await enterAndPublish(page, roster, A);
  await roster.openCommittee("/hrss", "001");
  const certB = await enterAndPublish(page, roster, B);
  await roster.openCommittee("/hrss", "001");
  await enterAndPublish(page, roster, C);
  await login.logout();

  // 3. Each uploads and submits a photo; they see 评委会审核中.
  await uploadAndSubmit(page, login, A, certA, await photo(), { consent: true });
  await login.logout();
  await uploadAndSubmit(page, login, B, certB, await photo(0.02), { consent: true });
  await login.logout();
  await expectPersonSees(page, login, A, certA, "评委会审核中", null);

  // 4. The committee: the home page counts the photos; the grid shows them beside the key fields.
  await login.loginAndLand("demo_province", "/hrss");
  await expect(page.getByTestId("pending-照片待审核")).not.toHaveText("0");
  await review.open("/hrss", "001");
  await page.screenshot({ path: shot("flow-board-before"), fullPage: true });
  await review.tab("照片审核");
  await review.search(B.id);
  await expect(review.card(certB)).toContainText(B.name);
  await expect.poll(() => review.card(certB).locator("img").evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(295);
  // B's photo is sent back with a reason…
  await review.card(certB).getByRole("button", { name: "退回", exact: true }).click();
  await review.card(certB).getByLabel("退回原因（必填）").fill("照片背景有阴影，请重新拍摄");
  await page.screenshot({ path: shot("flow-reject-photo"), fullPage: true });
  await review.card(certB).getByRole("button", { name: "确认退回" }).click();
  await expect(page.getByTestId("action-result")).toContainText("已退回");
  // …and A's is approved (select, approve, confirm).
  await review.search(A.id);
  await page.getByLabel(`选择 ${A.name}`).check();
  await page.getByTestId("approve-selected").click();
  await expect(page.getByRole("dialog", { name: "确认操作" })).toContainText("将审核通过所选的 1 张照片");
  await page.screenshot({ path: shot("flow-photo-grid"), fullPage: true });
  await page.getByRole("button", { name: "确认通过" }).click();
  await expect(page.getByTestId("action-result")).toContainText("已审核通过1张照片");
  await login.logout();

  // 5. B reads the reason, uploads a new photo; A sees the approval.
  await expectPersonSees(page, login, B, certB, "待上传照片", "照片背景有阴影，请重新拍摄", "flow-person-rejected");
  await uploadAndSubmit(page, login, B, certB, await photo(-0.02), { consent: false });
  await login.logout();
  await expectPersonSees(page, login, A, certA, "照片审核通过", "照片已审核通过");

  // 6. The committee approves B, sees what blocks the submission, and submits in one go.
  await login.loginAndLand("demo_province", "/hrss");
  await review.open("/hrss", "001");
  await review.tab("照片审核");
  await review.search(B.id);
  await review.card(certB).getByRole("button", { name: "通过", exact: true }).click();
  await expect(page.getByTestId("action-result")).toContainText("已审核通过1张照片");
  await review.tab("进度看板与提交");
  // 赵国强 has not uploaded: the board names him and the submission waits.
  await expect(page.getByTestId("board-table")).toContainText(C.name);
  await expect(page.getByTestId("submit-batch")).toBeDisabled();
  await page.screenshot({ path: shot("flow-board-blocked"), fullPage: true });
  const batch1 = await review.submitAll("本人长期外派，暂未联系上，下一批次提交");
  await page.getByTestId("group-excluded").click();
  await expect(page.getByTestId("board-table")).toContainText("本人长期外派，暂未联系上，下一批次提交");
  await page.screenshot({ path: shot("flow-submitted"), fullPage: true });
  await login.logout();
  await expectPersonSees(page, login, A, certA, "已提交省人社厅专技处", `批次 ${batch1}`);

  // 7. A city HR user has no 证书确认 at all; the 专技处 does.
  await login.loginAndLand("demo_hrss", "/hrss");
  await expect(page.getByRole("navigation", { name: "功能菜单" }).getByRole("link", { name: "证书确认" })).toHaveCount(0);
  await page.goto("/hrss/confirm");
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await page.goto("/hrss");
  await login.logout();

  // 8. The 专技处 returns B with a reason and confirms the rest of the batch.
  await login.loginAndLand("demo_zjc", "/hrss");
  await expect(page.getByTestId("pending-待确认证书批次")).not.toHaveText("0");
  await desk.openBatch(batch1);
  await page.getByPlaceholder("姓名、证件号码或证书编号").fill(B.id);
  await page.getByRole("button", { name: "查询" }).click();
  await page.waitForURL((u) => u.searchParams.get("q") === B.id);
  await expect(page.getByTestId(`item-${certB}`)).toBeVisible();
  await desk.markReturn(B.name, "工作单位名称与单位公章不一致");
  await expect(page.getByTestId(`item-${certB}`)).toContainText("拟退回");
  await page.goto(page.url().split("?")[0]);
  const total = Number((await page.getByTestId("batch-header").textContent())!.match(/记录数(\d+)/)![1]);
  await page.screenshot({ path: shot("flow-confirm-batch"), fullPage: true });
  await desk.confirm("黔人社专技〔2026〕15号", { confirm: total - 1, ret: 1 });
  await expect(page.getByTestId("batch-header")).toContainText(`确认 ${total - 1} 条，退回 1 条`);
  await page.screenshot({ path: shot("flow-confirmed"), fullPage: true });
  await login.logout();

  // 9. A's certificate is confirmed; B's record went back to the committee with the reason.
  await expectPersonSees(page, login, A, certA, "已确认", "已由省人社厅专技处确认发放", "flow-person-confirmed");
  await expectPersonSees(page, login, B, certB, "已退回评委会", "工作单位名称与单位公章不一致", "flow-person-returned");

  // 10. The committee fixes B and submits it again in a new batch.
  await login.loginAndLand("demo_province", "/hrss");
  await expect(page.getByTestId("pending-退回待处理")).toHaveText("1");
  await review.open("/hrss", "001");
  await review.tab("退回处理");
  await expect(page.getByTestId("returned-table")).toContainText("工作单位名称与单位公章不一致");
  await page.getByLabel(`选择 ${B.name}`).check();
  await page.getByTestId("fix-approve").click();
  await page.getByLabel("处理说明（选填）").fill("已与单位核实，名称无误");
  await page.screenshot({ path: shot("flow-fix-returned"), fullPage: true });
  await page.getByRole("button", { name: "确认", exact: true }).click();
  await expect(page.getByTestId("action-result")).toContainText("1条记录已恢复为“照片已通过”");
  await review.tab("进度看板与提交");
  const batch2 = await review.submitAll();
  expect(batch2).not.toBe(batch1);
  await review.tab("提交记录");
  await expect(page.getByTestId("batches-table")).toContainText(batch1);
  await expect(page.getByTestId("batches-table")).toContainText(batch2);
  await page.screenshot({ path: shot("flow-batches"), fullPage: true });
  await login.logout();

  // 11. The 专技处 confirms the second batch; B now holds the certificate too.
  await login.loginAndLand("demo_zjc", "/hrss");
  await desk.openBatch(batch2);
  await desk.confirm("黔人社专技〔2026〕16号", { confirm: 1, ret: 0 });
  await page.goto("/hrss/confirm/certificates");
  await page.getByPlaceholder("姓名、证件号码或证书编号").fill(certB);
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByTestId("certificates-table")).toContainText("有效");
  await page.screenshot({ path: shot("flow-certificates"), fullPage: true });

  // 12. After confirmation: A's certificate is corrected (a new version), then revoked with a reason.
  await page.getByPlaceholder("姓名、证件号码或证书编号").fill(certA);
  await page.getByRole("button", { name: "查询" }).click();
  await page.getByTestId("certificates-table").getByRole("link", { name: certA }).click();
  await page.getByTestId("correct-open").click();
  await page.getByLabel("工作单位").fill("贵州省交通规划勘察设计研究院股份有限公司");
  await page.getByLabel("更正原因").fill("单位已改制更名");
  await page.getByRole("button", { name: "确认更正（1项）" }).click();
  await expect(page.getByTestId("certificate-versions").locator("li")).toHaveCount(2);
  await expect(page.getByTestId("certificate-fields")).toContainText("贵州省交通规划勘察设计研究院股份有限公司");
  await expect(page.getByTestId("certificate-versions")).toContainText("更正原因：单位已改制更名");
  await page.getByTestId("revoke-open").click();
  await page.getByLabel("撤销原因（必填，本人可见）").fill("经核查，评审材料不实");
  await page.screenshot({ path: shot("flow-revoke"), fullPage: true });
  await page.getByRole("button", { name: "确认撤销" }).click();
  await expect(page.getByTestId("action-result")).toContainText("已撤销");
  await expect(page.getByText("撤销原因：经核查，评审材料不实").first()).toBeVisible();
  await page.screenshot({ path: shot("flow-revoked"), fullPage: true });
  await login.logout();
  await expectPersonSees(page, login, A, certA, "已撤销", "经核查，评审材料不实", "flow-person-revoked");

  await expectPersonSees(page, login, B, certB, "已确认", "已由省人社厅专技处确认发放", "flow-person-b-confirmed");
  // B's messages tell the whole story, newest first.
  await login.loginAndLand(B.id, "/person", B.password);
  const kinds = await page.getByTestId("notification-kind").allTextContents();
  expect(kinds).toEqual(["证书已确认", "已提交确认", "退回已处理", "已退回", "已提交确认", "照片审核通过", "照片未通过"]);
});
