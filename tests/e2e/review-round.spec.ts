import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { demoProvinceExpert } from "../../db/seed-experts";
import { DEMO_PASSWORD } from "./pages/login-page";
import { PageAudit } from "./support/a11y";
import { castSheet, confirm, expectOutcome, openExpertRound, PROVINCE_EXPERT_GRANT, signedIn, signPledge, writeOpinion } from "./pages/review-round-pages";

// 评审会议 (docs/domain.md §17) across the demo accounts, start to finish: the 省人社厅 (demo_province) opens a
// round of committee 001 with the two declarations the demo leaves 已受理 (蒋毅, 潘婷); the 主任 王五
// (demo_committee) seats the term, forms a 评议组 of three experts of the pool and distributes; the three
// write opinions (the 组长 the summary); attendance, ballot, three sheets, close; two staff members and a 监票人
// confirm; 王五 signs with his password and the 纪要 PDF is read back with pdftotext. Then 李四, blocked from
// 韦东 (his own unit) in the demo's round, is refused on every URL of 韦东's materials.

const SCREENS = "tests/.artifacts/e2e/screens";
const shot = (page: Page, name: string) => page.screenshot({ path: `${SCREENS}/review-round-${name}.png`, fullPage: true });
const ROUND = "E2E工程技术评审会议";
const COMMITTEE = "贵州省工程技术高级职称评审委员会";
const CANDIDATES = ["蒋毅", "潘婷"];
const [LEADER, SECOND, THIRD] = [13, 14, 16].map(demoProvinceExpert);
const PANEL_1_MEMBER = demoProvinceExpert(1);

test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

let roundId = "";
let wang: Page;
let experts: Page[] = [];

test.beforeAll(() => mkdirSync(SCREENS, { recursive: true }));

test("the 省人社厅 creates the round and adds the committee's accepted declarations in bulk", async ({ browser }) => {
  const province = await signedIn(browser, "demo_province");
  await province.getByRole("navigation", { name: "功能菜单" }).getByRole("link", { name: "线上评审管理" }).click();
  await province.waitForURL("/hrss/rounds");
  const audit = new PageAudit(province);
  await audit.check("review-round-list");
  const form = province.getByRole("form", { name: "新建评审会议" });
  await expect(form.getByLabel("评委会（届）")).toContainText(COMMITTEE);
  await form.getByLabel("会议名称").fill(ROUND);
  await form.getByRole("button", { name: "新建评审会议" }).click();
  await province.waitForURL(/\/hrss\/rounds\/[0-9a-f-]{36}$/);
  roundId = province.url().split("/").pop()!;

  const picker = province.getByTestId("addable-table");
  for (const name of CANDIDATES) await picker.getByRole("checkbox", { name: `选择 ${name}` }).check();
  await province.getByRole("button", { name: "添加所选（2）" }).click();
  await confirm(province, "确认添加");
  await expectOutcome(province, "已添加2名申报人");
  await expect(province.getByTestId("round-candidates")).toContainText("蒋毅");
  await expect(province.getByTestId("round-candidates")).toContainText("潘婷");
  await shot(province, "forming-round");
  await audit.check("review-round-forming");
  audit.finish();
  await province.context().close();
});

test("the 主任 seats the term, forms a 评议组 of three with a 组长, distributes the materials and starts the review", async ({ browser }) => {
  wang = await signedIn(browser, "demo_committee");
  await wang.goto("/committee/rounds");
  await wang.getByTestId("chair-rounds").getByRole("link", { name: ROUND }).click();
  await wang.waitForURL(`/committee/rounds/${roundId}`);
  await wang.getByRole("button", { name: "全选本届委员" }).click();
  await wang.getByRole("button", { name: "保存参会委员" }).click();
  await expectOutcome(wang, "已选定参会委员25人");

  await wang.getByRole("navigation", { name: "评审会议步骤" }).getByRole("link", { name: "评议组与分发材料" }).click();
  await wang.getByLabel("评议组名称").fill("第一评议组");
  for (const e of [LEADER, SECOND, THIRD]) await wang.getByRole("checkbox", { name: e.name, exact: true }).check();
  await wang.getByRole("radio", { name: `${LEADER.name} 任组长` }).check();
  await wang.getByRole("button", { name: "组建评议组" }).click();
  await expectOutcome(wang, "已保存评议组“第一评议组”");
  await expect(wang.getByTestId("panel")).toContainText(`组长：${LEADER.name}`);

  await wang.getByTestId("distribution-table").getByRole("checkbox", { name: "选择本页全部" }).check();
  await wang.getByRole("button", { name: "分发所选（2）" }).click();
  await confirm(wang, "确认分发");
  await expectOutcome(wang, "已将2名申报人分到该评议组");
  await shot(wang, "console-panels");
  const audit = new PageAudit(wang);
  await audit.check("review-round-console-panels");
  await wang.getByRole("button", { name: "完成分发" }).click();
  await confirm(wang, "确认完成分发");
  await expectOutcome(wang, "材料已分发");
  await wang.getByRole("button", { name: "开始评议" }).click();
  await confirm(wang, "确认开始评议");
  await expect(wang.getByTestId("review-started")).toBeVisible();
  await wang.getByRole("navigation", { name: "评审会议步骤" }).getByRole("link", { name: "回避情况" }).click();
  await expect(wang.getByTestId("blocks-table")).toContainText("同单位");
  await audit.check("review-round-console-conflicts");
  audit.finish();
});

test("three experts sign the 承诺书 and write their opinions; others' opinions show only after one's own; the 组长 sums up", async ({ browser }) => {
  experts = [];
  for (const e of [LEADER, SECOND, THIRD]) experts.push(await signedIn(browser, e.idNumber, { grant: PROVINCE_EXPERT_GRANT }));
  const urls: string[] = [];
  for (const page of experts) {
    const url = await openExpertRound(page, ROUND);
    await signPledge(page);
    await expect(page.getByTestId("expert-candidates")).toContainText("蒋毅");
    urls.push(url);
  }
  // The second expert looks before writing: no one else's opinion is shown yet.
  await writeOpinion(experts[0], urls[0], "蒋毅", "给排水设计业绩扎实，主持项目规模较大，符合副高级条件。");
  await experts[1].goto(urls[1]);
  await experts[1].getByTestId("expert-candidates").getByRole("link", { name: "蒋毅", exact: true }).click();
  await expect(experts[1].getByText("提交本人意见后方可查看其他专家的意见")).toBeVisible();
  await expect(experts[1].getByTestId("other-opinions")).toHaveCount(0);
  await writeOpinion(experts[1], urls[1], "蒋毅", "论文与工程实践结合紧密，同意推荐。");
  await expect(experts[1].getByTestId("other-opinions")).toContainText("给排水设计业绩扎实");
  await shot(experts[1], "expert-candidate");
  const audit = new PageAudit(experts[1]);
  await audit.check("review-round-expert-candidate");
  audit.finish();
  await writeOpinion(experts[2], urls[2], "蒋毅", "专业能力突出，建议通过。");
  for (const [i, page] of experts.entries()) await writeOpinion(page, urls[i], "潘婷", `暖通设计业绩符合条件（专家${i + 1}）。`);
  for (const name of CANDIDATES) await writeOpinion(experts[0], urls[0], name, "同意。", { summary: `评议组3名专家均建议通过${name}。` });
  await expect(experts[0].getByTestId("panel-summary")).toContainText("均建议通过潘婷");
});

test("attendance: short of the quorum the ballot cannot open; with everyone present it opens", async () => {
  await wang.goto(`/committee/rounds/${roundId}/meeting`);
  const boxes = wang.getByRole("checkbox", { name: / 出席$/ });
  await expect(boxes).toHaveCount(25);
  for (const box of (await boxes.all()).slice(0, 16)) await box.check();
  await wang.getByRole("button", { name: "保存出席情况" }).click();
  await expectOutcome(wang, "已记录出席：16 / 25 人");
  await expect(wang.getByText("出席委员16人，不足法定人数17人（参会委员25人的三分之二），不能开启投票。")).toBeVisible();
  await expect(wang.getByRole("button", { name: "开启投票" })).toBeDisabled();
  await shot(wang, "quorum-short");
  const audit = new PageAudit(wang);
  await audit.check("review-round-meeting");
  audit.finish();

  await wang.getByRole("button", { name: "全部出席" }).click();
  await wang.getByRole("button", { name: "保存出席情况" }).click();
  await expectOutcome(wang, "已记录出席：25 / 25 人");
  await wang.getByRole("button", { name: "开启投票" }).click();
  await confirm(wang, "确认开启投票");
  await expect(wang.getByTestId("ballot-status")).toContainText("已提交表决票 0 /");
});

test("each expert submits one sheet for all candidates with the password and finds the receipt on the board; 王五 closes the ballot", async () => {
  const receipts: string[] = [];
  await experts[0].goto(`/expert/rounds/${roundId}/ballot`);
  await expect(experts[0].getByTestId("ballot-row")).toHaveCount(2);
  const sheetAudit = new PageAudit(experts[0]);
  await sheetAudit.check("review-round-ballot");
  sheetAudit.finish();
  for (const page of experts) receipts.push(await castSheet(page, `/expert/rounds/${roundId}`, "同意"));
  expect(new Set(receipts).size).toBe(3);
  await experts[0].goto(`/expert/rounds/${roundId}/board`);
  for (const r of receipts) await expect(experts[0].getByTestId("receipt-board")).toContainText(r);
  await shot(experts[0], "receipt-board");
  const audit = new PageAudit(experts[0]);
  await audit.check("review-round-receipt-board");
  audit.finish();
  // A second sheet is refused: the page shows the receipt, not the form.
  await experts[0].goto(`/expert/rounds/${roundId}/ballot`);
  await expect(experts[0].getByTestId("receipt")).toHaveText(receipts[0]);
  await expect(experts[0].getByRole("button", { name: "提交表决票" })).toHaveCount(0);

  await wang.reload();
  await expect(wang.getByTestId("ballot-status")).toContainText("已提交表决票 3 /");
  await wang.getByRole("button", { name: "结束投票" }).click();
  await confirm(wang, "确认结束投票");
  // The 结束投票 button leaves with the state (its outcome line with it): the area shell's flash keeps the
  // message, shown once, until dismissed.
  const flash = wang.getByTestId("flash-notice");
  await expect(flash).toHaveText(/投票已结束，可以统票/);
  await expect(wang.getByText("投票已结束，可以统票")).toHaveCount(1);
  await flash.getByRole("button", { name: "关闭提示" }).click();
  await expect(flash).toHaveCount(0);
  // The ballot panel changes with the state (its outcome line may leave with it): the server no longer
  // offers 结束投票 once the ballot is closed.
  await expect
    .poll(async () => {
      await wang.reload();
      return wang.getByRole("button", { name: "结束投票" }).count();
    })
    .toBe(0);
});

test("two staff members and a 监票人 confirm the 统票; 王五 signs with his password; the 纪要 PDF holds the round", async ({ browser }) => {
  for (const staff of ["demo_province", "demo_province2"]) {
    const page = await signedIn(browser, staff);
    await page.goto(`/hrss/rounds/${roundId}`);
    await expect(page.getByTestId("tally-table")).toContainText("蒋毅");
    await page.getByRole("button", { name: "工作人员确认统票结果" }).click();
    await confirm(page, "确认无误");
    await expect(page.getByText("您已确认本次统票结果。")).toBeVisible();
    await page.context().close();
  }
  await experts[1].goto(`/expert/rounds/${roundId}`);
  await experts[1].getByRole("button", { name: "作为监票人确认统票结果" }).click();
  await confirm(experts[1], "确认无误");
  await expect(experts[1].getByText("您已作为监票人确认统票结果。")).toBeVisible();

  await wang.goto(`/committee/rounds/${roundId}/tally`);
  const rows = wang.getByTestId("tally-row");
  await expect(rows).toHaveCount(2);
  // 25 present; 王五 and four experts of 建筑设计研究院 are blocked from its people: 20 eligible, 3 同意 — not passed.
  await expect(rows.first()).toContainText("20");
  await expect(rows.first()).toContainText("未通过");
  await wang.getByRole("button", { name: "签署统票结果" }).click();
  await confirm(wang, "确认签署", { label: "登录密码", value: DEMO_PASSWORD });
  // The signing panel leaves the page with the state change (and its outcome line with it): the closing
  // hash appearing is the lasting sign.
  await expect(wang.getByTestId("closing-hash")).toBeVisible();
  const closingHash = (await wang.getByTestId("closing-hash").textContent())!.trim();
  expect(closingHash).toMatch(/^[0-9a-f]{64}$/);
  await shot(wang, "tally-signed");
  const audit = new PageAudit(wang);
  await audit.check("review-round-tally");
  audit.finish();

  const res = await wang.request.get(`/api/review-rounds/${roundId}/minutes`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  const pdfFile = `${SCREENS}/review-round-minutes.pdf`;
  writeFileSync(pdfFile, await res.body());
  const text = execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", pdfFile, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
  for (const v of [COMMITTEE, "评审会议纪要", ROUND, "应到25人，实到25人", "王五（主任委员）", ...CANDIDATES, "第一评议组", LEADER.name, "未通过2人", `评议组3名专家均建议通过蒋毅。`, "监票人", closingHash]) {
    expect(text, v).toContain(v);
  }
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdfFile, `${SCREENS}/review-round-minutes`]);

  // The minutes are the forming organisation's and the 主任's only.
  const refused = await experts[0].request.get(`/api/review-rounds/${roundId}/minutes`);
  expect(refused.status()).toBe(403);
  for (const page of experts) await page.context().close();
});

test("李四, blocked from 韦东 (his own unit) in the demo round, does not see him and is refused on his materials and attachment", async ({ browser }) => {
  // A member of the same panel who is not blocked opens 韦东: the URLs to try.
  const colleague = await signedIn(browser, PANEL_1_MEMBER.idNumber, { grant: PROVINCE_EXPERT_GRANT });
  await openExpertRound(colleague, "2026年度贵州省工程技术高级职称评审会议（第一次）");
  await signPledge(colleague);
  await colleague.getByTestId("expert-candidates").getByRole("link", { name: "韦东", exact: true }).click();
  await expect(colleague.getByTestId("materials")).toContainText("贵州大学");
  const materialsUrl = new URL(colleague.url()).pathname;
  const attachmentUrl = (await colleague.getByTestId("attachments").getByRole("link").first().getAttribute("href"))!;
  expect((await colleague.request.get(attachmentUrl)).status()).toBe(200);
  await colleague.context().close();

  const li = await signedIn(browser, "demo_expert", { grant: PROVINCE_EXPERT_GRANT });
  await openExpertRound(li, "2026年度贵州省工程技术高级职称评审会议（第一次）");
  const list = li.getByTestId("expert-candidates");
  await expect(list).toContainText("钱进");
  await expect(list).not.toContainText("韦东");
  // 钱进 opens (the control), 韦东 does not: the page answers 404, the attachment 403 with the reason.
  await list.getByRole("link", { name: "钱进", exact: true }).click();
  await expect(li.getByTestId("materials")).toContainText("钱进");
  const page = await li.goto(materialsUrl);
  expect(page?.status()).toBe(404);
  await expect(li.getByTestId("materials")).toHaveCount(0);
  const att = await li.request.get(attachmentUrl);
  expect(att.status()).toBe(403);
  expect(((await att.json()) as { message: string }).message).toContain("回避");
  await shot(li, "blocked-404");
  await li.context().close();
});
