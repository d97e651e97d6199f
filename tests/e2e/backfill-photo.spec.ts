import sharp from "sharp";
import { expect, test } from "@playwright/test";
import { drawPortrait } from "../fixtures/photo-images";
import { residentId } from "../helpers/roster-workbook";
import { BackfillPage } from "./pages/backfill-page";
import { LoginPage } from "./pages/login-page";
import { RosterPage } from "./pages/roster-page";
import { completeCaptcha } from "./pages/captcha";

const shot = (name: string) => `tests/.artifacts/e2e/screens/${name}.png`;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

// A new professional on every run, so the spec also runs against a server that kept old data.
const N = 300_000 + Math.floor(Math.random() * 500_000);
const ID = residentId(N, "520103"); // 云岩区: never one of the roster spec's people (520102)
const NAME = "陈晓燕";
const PASSWORD = "Chen2026xy";

async function phonePhoto(): Promise<Buffer> {
  // A phone-sized portrait on a white wall, larger than the frame (the tool crops and scales it).
  const { data, width, height, channels } = drawPortrait({ width: 1200, height: 1680 });
  return sharp(data, { raw: { width, height, channels } }).jpeg({ quality: 90 }).toBuffer();
}

test("a professional whose ID matches a published roster record uploads, previews and submits a photo on a phone-sized screen", async ({ page }) => {
  test.setTimeout(150_000);
  const login = new LoginPage(page);
  const backfill = new BackfillPage(page);

  // 1. The professional registers; before any roster exists the empty list says why.
  await page.goto("/register/person");
  await page.getByLabel("姓名").fill(NAME);
  await page.getByLabel("证件号码").fill(ID);
  await page.getByLabel("手机号码").fill("13812345679");
  await page.getByRole("textbox", { name: "密码", exact: true }).fill(PASSWORD);
  await page.getByLabel("确认密码").fill(PASSWORD);
  await page.getByLabel("我已阅读并单独同意上述敏感个人信息的处理").check();
  await completeCaptcha(page);
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByText("注册成功，请使用证件号码和密码登录")).toBeVisible();
  await login.loginAndLand(ID, "/person", PASSWORD);
  await backfill.open();
  await expect(page.getByTestId("empty-diagnosis")).toHaveAttribute("data-kind", "not_imported");
  await expect(page.getByTestId("empty-diagnosis")).toContainText("暂未找到与您证件匹配的证书补录记录");
  await page.screenshot({ path: shot("backfill-empty"), fullPage: true });
  await login.logout();

  // 2. The committee (province, committee 001) enters the record by hand and publishes it.
  const roster = new RosterPage(page);
  await login.loginAndLand("demo_province", "/hrss");
  await roster.openCommittee("/hrss", "001");
  await page.getByRole("link", { name: "手工录入" }).click();
  await page.getByLabel("姓名").fill(NAME);
  await page.getByLabel("证件号码").fill(ID);
  await page.getByLabel("工作单位").fill("贵州省交通规划勘察设计研究院");
  await page.getByLabel("专业").fill("道路与桥梁");
  await page.getByLabel("级别").selectOption({ label: "副高级" });
  await page.getByLabel("评审通过时间").fill("2020-12-01");
  await page.getByLabel("批准文号").fill("黔人社厅发〔2020〕12号");
  await page.getByRole("button", { name: "保存为草稿" }).click();
  await page.waitForURL(/\/hrss\/roster\/[0-9a-f-]{36}$/);
  await roster.search(ID);
  await expect(roster.rows()).toHaveCount(1);
  const certNo = (await roster.rows().first().locator("td").nth(1).textContent())!.trim();
  expect(certNo).toMatch(/^52\d{15}[\dX]$/);
  await page.getByLabel(`选择 ${NAME}`).check();
  await page.getByRole("button", { name: "发布所选（1）" }).click();
  await page.getByRole("button", { name: "确认发布" }).click();
  await expect(page.getByText("已发布1条记录")).toBeVisible();
  await login.logout();

  // 3. On a phone: log in, open 职称证书补录, find the certificate, 「照片上传」.
  await page.setViewportSize(PHONE);
  await login.loginAndLand(ID, "/person", PASSWORD);
  await backfill.open();
  await expect(backfill.record(certNo)).toContainText("待上传照片");
  await expect(backfill.record(certNo)).toContainText("贵州省工程技术高级职称评审委员会");
  await page.screenshot({ path: shot("backfill-list-phone"), fullPage: true });
  await backfill.openRecord(certNo);
  await expect(page.getByTestId("record-cert-no")).toHaveText(certNo);
  await expect(page.getByTestId("record-timeline").locator('[aria-current="step"]')).toContainText("待上传照片");
  await page.screenshot({ path: shot("backfill-consent-phone"), fullPage: true });

  // 4. One-time consent, 「+」, choose, crop (drag), 「上传」, the server's photo comes back as the preview.
  await backfill.consent();
  await backfill.choosePhoto("IMG_2041.jpg", await phonePhoto());
  await backfill.dragPhoto(6, 4);
  await expect(page.getByRole("button", { name: "上传", exact: true })).toBeEnabled();
  await page.screenshot({ path: shot("backfill-tool-phone"), fullPage: true });
  await backfill.upload();
  await expect(page.getByText("照片预览（已上传，尚未提交）")).toBeVisible();
  const noHorizontalScroll = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(noHorizontalScroll).toBe(true);
  await page.screenshot({ path: shot("backfill-preview-phone"), fullPage: true });

  // 5. 「提交」 after the confirmation: the status moves to committee review.
  await backfill.submit();
  await expect(page.getByText("评委会审核中").first()).toBeVisible();
  await expect(page.getByTestId("record-timeline").locator('[aria-current="step"]')).toContainText("评委会审核中");
  await expect(page.getByTestId("record-history")).toContainText("已提交照片，评委会审核中");
  await page.screenshot({ path: shot("backfill-submitted-phone"), fullPage: true });

  // The list says so too; and on a desktop screen.
  await page.setViewportSize(DESKTOP);
  await page.reload();
  await page.screenshot({ path: shot("backfill-submitted-desktop"), fullPage: true });
  await backfill.open();
  await expect(backfill.record(certNo)).toContainText("评委会审核中");
  await expect(backfill.record(certNo)).toContainText("已提交，待评委会审核");
  await page.screenshot({ path: shot("backfill-list-desktop"), fullPage: true });

  // The photo is served with no-store to its holder; the portal card leads here.
  const photoSrc = await (async () => {
    await backfill.record(certNo).getByRole("link", { name: "查看或更换照片" }).click();
    return page.getByTestId("uploaded-photo").getAttribute("src");
  })();
  const res = await page.request.get(photoSrc!);
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toBe("no-store");
  await page.goto("/");
  await page.getByRole("link", { name: "立即办理" }).first().click();
  await page.waitForURL("/person/backfill");
  await login.logout();

  // Another professional cannot fetch it.
  await login.loginAndLand("demo_person", "/person");
  expect((await page.request.get(photoSrc!)).status()).toBe(404);
});
