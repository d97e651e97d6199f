/**
 * 线上申报 from the first click to 受理, every move in the browser (issue #16; docs/domain.md §15, §16):
 * a new engineer of 贵州省建筑设计研究院 registers, declares to 贵州大学's committee 004 with materials, is
 * returned with a 一次性告知 by the unit (demo_unit), corrects and resubmits; the unit verifies; the
 * 专技处 (demo_zjc) makes a working day of the 公示 a holiday and the 公示 end date moves past it; the 公示
 * runs out (time travel: tests/e2e/support/declaration-db.ts, the spec's only database write), the unit
 * finishes it and recommends; 住建厅 (demo_dept) approves, 省人社厅 (demo_province) checks, 贵州大学
 * (demo_selfunit) accepts, and the applicant's timeline shows 评委会已受理.
 * The person names their unit in the declaration's 基本信息; the unit's 单位内部核验 is the employment
 * check (no separate binding exists). Screens: tests/.artifacts/e2e/screens/*-journey-*.png.
 */
import { expect, test, type Page } from "@playwright/test";
import { PageAudit } from "./support/a11y";
import { backdatePublicity, hasE2eDatabase } from "./support/declaration-db";
import { nthWorkingDayAfter, todayInShanghai } from "./support/working-days-oracle";
import { ApplicantDeclaration, ExaminerDeclarations, registerApplicant, residentId, samplePdf, samplePng, samplePortrait, signInAs } from "./pages/declaration-pages";

const UNIT = "贵州省建筑设计研究院有限责任公司";
const COMMITTEE = "贵州大学高校教师职称评审委员会";
const NAME = "蒙晓峰";

/** Downloads the material linked as `fileName` and answers its bytes. */
async function download(page: Page, fileName: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: fileName }).click()]);
  expect(file.suggestedFilename()).toBe(fileName);
  const chunks: Buffer[] = [];
  for await (const c of await file.createReadStream()) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

test.describe("declaration: the whole journey in the browser", () => {
  test.skip(!hasE2eDatabase(), "needs the PostgreSQL e2e database (DATABASE_URL) for the time travel");

  test("a new applicant registers, declares, is returned, resubmits, and the declaration goes up to 受理", async ({ page }) => {
    test.setTimeout(420_000);
    const audit = new PageAudit(page);
    const person = { name: NAME, idNumber: residentId("19880520"), phone: "13985106688", password: "Meng2026go" };
    const diploma = samplePdf("Diploma");
    const titleScan = await samplePng();

    // 1. Registration, then the empty draft in the open batch.
    await registerApplicant(page, person);
    await signInAs(page, person.idNumber, "/person", person.password);
    const applicant = new ApplicantDeclaration(page);
    const declarationId = await applicant.createDraft({ level: "senior_deputy", specialty: "建筑学", committee: COMMITTEE });

    // 2. The step form, with materials.
    await applicant.fillBasic({ unit: UNIT, birthDate: "1988-05-20", phone: person.phone, department: "第二设计所", post: "结构工程师" });
    await audit.check("journey-basic");
    await applicant.saveAndNext("学历信息");
    await applicant.fillEducation({ level: "master", school: "贵州大学", major: "建筑学", degree: "", from: "2010-09-01", to: "2013-07-01" });
    await applicant.upload("学历、学位证书", { name: "毕业证书.pdf", mimeType: "application/pdf", buffer: diploma });
    await applicant.saveAndNext("工作经历");
    await applicant.fillWork({ employer: UNIT, post: "结构工程师", from: "2013-07-15" });
    await applicant.saveAndNext("现任职称");
    await applicant.fillTitle({ title: "工程师", level: "intermediate", date: "2017-12-01" });
    await applicant.upload("现任职称证书", { name: "工程师证书.png", mimeType: "image/png", buffer: titleScan });
    await applicant.saveAndNext("业绩成果");
    await applicant.addAchievement({ kind: "project", title: "遵义市某医院门诊楼结构设计", date: "2022-03-01", detail: "项目负责人" });
    await applicant.upload("证明材料（可选）", { name: "项目验收证明.pdf", mimeType: "application/pdf", buffer: samplePdf("Acceptance") });
    await audit.check("journey-achievements");
    await applicant.saveAndNext("证件照");
    // 证件照 with the photo tool; submitting without it would be refused, naming this step.
    await applicant.uploadPhoto("IMG_3308.jpg", await samplePortrait(), { screenshot: "tests/.artifacts/e2e/screens/journey-photo-tool.png" });
    await audit.check("journey-photo");
    await page.screenshot({ path: "tests/.artifacts/e2e/screens/journey-photo-uploaded.png", fullPage: true });
    await page.getByRole("button", { name: "下一步", exact: true }).click();
    await applicant.pledgeAndSubmit();
    // The applicant's read-only declaration shows the photo.
    await expect.poll(() => page.getByTestId("declaration-photo").evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(295);
    await applicant.timeline();
    await expect(page.getByTestId("holder-office")).toContainText(UNIT);

    // 3. The unit sees the declaration and its materials, and returns it with a 一次性告知.
    await signInAs(page, "demo_unit", "/unit");
    const unit = new ExaminerDeclarations(page, "/unit");
    await unit.openDetail(NAME);
    await expect(page.getByText("第二设计所")).toBeVisible();
    expect((await download(page, "毕业证书.pdf")).equals(diploma)).toBe(true);
    expect((await download(page, "工程师证书.png")).equals(titleScan)).toBe(true);
    await expect(page.getByText("业绩成果：遵义市某医院门诊楼结构设计：")).toBeVisible();
    // The examiner sees the applicant's 证件照 (served through the photo handler to the examining unit).
    await expect.poll(() => page.getByTestId("declaration-photo").evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(295);
    await page.getByTestId("declaration-photo-box").screenshot({ path: "tests/.artifacts/e2e/screens/journey-examiner-photo.png" });
    await unit.returnWithNotice({ section: "学历信息", field: "学位证书", text: "请填写学位并上传学位证书扫描件", reason: "缺少学位证书" });

    // 4. The applicant reads the notice, corrects and resubmits.
    await signInAs(page, person.idNumber, "/person", person.password);
    await applicant.open(declarationId);
    const notice = page.getByTestId("notice-items");
    await expect(notice).toContainText("退回理由：缺少学位证书");
    await expect(notice).toContainText("学位证书：请填写学位并上传学位证书扫描件");
    await audit.check("journey-returned");
    await applicant.step("学历信息");
    await applicant.fillDegree("建筑学硕士");
    await applicant.upload("学历、学位证书", { name: "学位证书.png", mimeType: "image/png", buffer: await samplePng() });
    await applicant.saveAndNext("工作经历");
    await applicant.pledgeAndSubmit();

    // 5. The unit sees what changed and verifies (单位内部核验: the person works here).
    await signInAs(page, "demo_unit", "/unit");
    await unit.openDetail(NAME);
    await expect(page.getByTestId("changed-fields")).toContainText("学历信息");
    await expect(page.getByTestId("changed-fields")).toContainText("附件");
    await expect(page.getByTestId("notices")).toContainText("已重新提交");
    await unit.batchMove("verify", NAME, "审核通过", "已审核通过1份申报");

    // 6. 公示 from today: 5 working days. The 专技处 then gives the first of them off, and the end moves.
    const postedOn = todayInShanghai();
    const before = nthWorkingDayAfter(postedOn, 5);
    expect(await unit.previewPublicity(NAME, postedOn)).toBe(before);
    await page.getByRole("dialog", { name: "确认操作" }).getByRole("button", { name: "取消" }).click();

    const dayOff = nthWorkingDayAfter(postedOn, 1);
    await signInAs(page, "demo_zjc", "/hrss");
    await page.getByRole("link", { name: "节假日调整" }).click();
    await page.waitForURL("/hrss/calendar");
    await page.getByRole("navigation", { name: "年度" }).getByRole("link", { name: `${dayOff.slice(0, 4)}年` }).click();
    await page.getByLabel("日期").fill(dayOff);
    await page.getByLabel("该日安排").selectOption("holiday");
    await page.getByLabel("依据说明").fill("省政府临时放假通知（演练）");
    await page.getByRole("button", { name: "添加调整" }).click();
    await expect(page.getByTestId("add-override").getByTestId("action-result")).toContainText(`已添加 ${dayOff} 的调整`);
    const override = page.getByTestId(`override-${dayOff}`);
    await expect(override).toContainText("休息日（放假）");
    await expect(override).toContainText("工作日");
    await audit.check("journey-calendar");

    const after = nthWorkingDayAfter(postedOn, 5, [dayOff]);
    expect(after > before).toBe(true);
    await signInAs(page, "demo_unit", "/unit");
    expect(await unit.previewPublicity(NAME, postedOn)).toBe(after);
    await unit.confirmPublicity(after);

    // 7. Time travel: the 5 working days have passed. 结束公示, then 单位推荐.
    const past = await backdatePublicity(declarationId);
    await unit.finishPublicity(NAME, past.endsOn);
    await unit.batchMove("recommend", NAME, "推荐上报", "已推荐1份申报");

    // 8. 主管部门 → 省人社厅 → 受理 by 贵州大学 (the route of a 建筑设计研究院 declaration to committee 004).
    await signInAs(page, "demo_dept", "/dept");
    await new ExaminerDeclarations(page, "/dept").batchMove("review", NAME, "审核通过", "已审核通过1份申报");
    await signInAs(page, "demo_province", "/hrss");
    await new ExaminerDeclarations(page, "/hrss").batchMove("check", NAME, "审核通过", "已审核通过1份申报");
    await signInAs(page, "demo_selfunit", "/self-unit");
    await new ExaminerDeclarations(page, "/self-unit").batchMove("accept", NAME, "受理", "已受理1份申报");

    // 9. The applicant's timeline: 评委会已受理, every stage reached.
    await signInAs(page, person.idNumber, "/person", person.password);
    await applicant.open(declarationId);
    await applicant.timeline();
    await expect(page.getByText("当前状态")).toContainText("评委会已受理");
    const stages = page.getByTestId("stages");
    for (const s of ["单位已审核", "单位公示中", "单位已推荐", "主管部门已审核", "人社部门已审核", "评委会已受理"]) {
      await expect(stages.getByRole("listitem").filter({ hasText: s })).not.toContainText("未到达");
    }
    await expect(page.getByTestId("events")).toContainText("已退回");
    await audit.check("journey-accepted");

    // The 专技处 takes its day off out again (the calendar is shared by every spec of the run).
    await signInAs(page, "demo_zjc", "/hrss");
    await page.goto(`/hrss/calendar?year=${dayOff.slice(0, 4)}`);
    await page.getByTestId(`remove-${dayOff}`).click();
    await page.getByRole("button", { name: "确认删除" }).click();
    await expect(page.getByTestId(`override-${dayOff}`)).toHaveCount(0);
    audit.finish();
  });
});
