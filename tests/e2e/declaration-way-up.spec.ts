/**
 * The way up of one declaration across accounts (issue #16): 贵州省建筑设计研究院 (demo_unit) returns it with a
 * 一次性告知, the person corrects it and resubmits in the browser, the unit verifies it, posts a 公示 whose end
 * date the page previews from the server's working-day calendar, finishes the 公示 (moved into the past: the
 * only database write, tests/e2e/support/declaration-db.ts) and recommends; 贵州省住建厅 (demo_dept) approves,
 * 省人社厅 (demo_province) checks and 贵州大学 (demo_selfunit, forming organisation of committee 004) accepts.
 * The fixture tests/e2e/fixtures/seed-declaration-way-up.ts submitted the declaration before the server
 * started. Needs PostgreSQL (DATABASE_URL) for the time travel.
 */
import { expect, test } from "@playwright/test";
import { PageAudit } from "./support/a11y";
import { backdatePublicity, hasE2eDatabase } from "./support/declaration-db";
import { nthWorkingDayAfter, shiftDay, todayInShanghai } from "./support/working-days-oracle";
import { ApplicantDeclaration, ExaminerDeclarations, samplePdf, signInAs } from "./pages/declaration-pages";
import { WAY_UP_PERSON } from "./fixtures/way-up-person";

const PERSON = WAY_UP_PERSON.name;

/** A posting day in [today, today+30] whose 5 working days cross a day off: 28 December (New Year) when in reach, else the next Wednesday (a weekend). */
function postingDay(): string {
  const today = todayInShanghai();
  const nye = `${today.slice(0, 4)}-12-28`;
  if (nye >= today && nye <= shiftDay(today, 30)) return nye;
  let d = today;
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 3) d = shiftDay(d, 1);
  return d;
}

test.describe("declaration: the way up", () => {
  test.skip(!hasE2eDatabase(), "needs the PostgreSQL e2e database (DATABASE_URL)");

  test("unit → 主管部门 → 人社部门 → 受理", async ({ page }) => {
    test.setTimeout(300_000);
    const audit = new PageAudit(page);
    const unit = new ExaminerDeclarations(page, "/unit");
    await signInAs(page, "demo_unit", "/unit");

    // 申报人员管理: the list masks the ID number; the detail shows every section.
    await page.getByRole("link", { name: "申报人员管理" }).first().click();
    const list = page.getByTestId("declaration-list");
    const row = list.getByRole("row").filter({ hasText: PERSON });
    await expect(row).toContainText("5201**********");
    await expect(row).not.toContainText(WAY_UP_PERSON.first17);
    await expect(row).toContainText("待单位审核");
    await audit.check("declarations-list");
    await row.getByRole("link", { name: PERSON }).click();
    await expect(page.getByRole("heading", { name: new RegExp(`${PERSON} 的职称申报`) })).toBeVisible();
    await expect(page.getByText("重庆大学")).toBeVisible();
    const declarationId = page.url().split("/").pop()!;

    // 退回补正 with a 一次性告知.
    await page.getByRole("button", { name: "退回补正" }).click();
    await audit.check("declaration-return-form");
    await page.getByRole("button", { name: "取消" }).click();
    await unit.returnWithNotice({ section: "学历信息", field: "学位", text: "请填写学位全称并上传学位证书扫描件", reason: "学历材料不全" });

    // The person sees the notice, corrects the section, uploads the scan and resubmits.
    await signInAs(page, WAY_UP_PERSON.username, "/person", WAY_UP_PERSON.password);
    const applicant = new ApplicantDeclaration(page);
    await applicant.open(declarationId);
    await expect(page.getByTestId("notice-items")).toContainText("学位：请填写学位全称并上传学位证书扫描件");
    await applicant.step("学历信息");
    await applicant.fillDegree("建筑学硕士");
    await applicant.upload("学历、学位证书", { name: "学位证书.pdf", mimeType: "application/pdf", buffer: samplePdf("Master degree") });
    await applicant.saveAndNext("工作经历");
    await applicant.pledgeAndSubmit();

    // The unit sees what changed.
    await signInAs(page, "demo_unit", "/unit");
    await unit.openDetail(PERSON);
    await expect(page.getByTestId("changed-fields")).toContainText("学历信息");
    await expect(page.getByTestId("changed-fields")).toContainText("附件");
    await expect(page.getByTestId("notices")).toContainText("已重新提交");
    await audit.check("declaration-detail");

    // 单位内部核验 (batch with row selection).
    await unit.batchMove("verify", PERSON, "审核通过", "已审核通过1份申报");
    await audit.check("queue-verify");

    // 申报公示: the end date previewed is the server's, counted in working days across a day off.
    const postedOn = postingDay();
    const endsOn = nthWorkingDayAfter(postedOn, 5);
    expect(await unit.previewPublicity(PERSON, postedOn)).toBe(endsOn);
    await audit.check("publicity-start");
    await unit.confirmPublicity(endsOn);

    // The 公示 is over (moved into the past) and is finished.
    const past = await backdatePublicity(declarationId);
    await unit.finishPublicity(PERSON, past.endsOn);
    await audit.check("publicity-detail");

    // 单位推荐.
    await unit.batchMove("recommend", PERSON, "推荐上报", "已推荐1份申报");

    // 主管部门 → 人社部门 (the province: the unit's region) → 受理 by 贵州大学.
    await signInAs(page, "demo_dept", "/dept");
    await page.getByRole("link", { name: "职称评审推荐审核" }).first().click();
    await expect(page).toHaveURL(/\/dept\/declarations\/review/);
    await audit.check("queue-dept");
    await new ExaminerDeclarations(page, "/dept").batchMove("review", PERSON, "审核通过", "已审核通过1份申报");

    await signInAs(page, "demo_province", "/hrss");
    await new ExaminerDeclarations(page, "/hrss").batchMove("check", PERSON, "审核通过", "已审核通过1份申报");

    await signInAs(page, "demo_selfunit", "/self-unit");
    const forming = new ExaminerDeclarations(page, "/self-unit");
    await page.goto("/self-unit/declarations/accept");
    await audit.check("queue-accept");
    await forming.batchMove("accept", PERSON, "受理", "已受理1份申报");
    await forming.openDetail(PERSON);
    await expect(page.getByRole("heading", { name: new RegExp(`${PERSON} 的职称申报`) })).toContainText("评委会已受理");
    const history = page.getByTestId("events");
    for (const s of ["单位已审核", "单位公示中", "单位已推荐", "主管部门已审核", "人社部门已审核", "评委会已受理"]) await expect(history).toContainText(s);
    await audit.check("declaration-accepted");
    audit.finish();
  });
});
