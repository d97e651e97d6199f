import { expect, type Page } from "@playwright/test";

type WidgetElement = HTMLElement & { getState?: () => string };

/**
 * Completes the ALTCHA proof-of-work captcha the way a visitor does: ticks 「我不是机器人」 unless
 * the widget already started on its own (it starts when the form gets focus), and waits until the
 * browser has solved the challenge (about a second).
 */
export async function completeCaptcha(page: Page): Promise<void> {
  const widget = page.locator("altcha-widget");
  await expect(widget).toBeVisible();
  const state = () => widget.evaluate((el: WidgetElement) => el.getState?.() ?? "");
  await expect.poll(state).not.toBe("");
  // The widget may start by itself (a field of the form got focus) between reading "unverified" and
  // the click. The box itself is covered by the widget's checkmark, so tick it through its label, as
  // a visitor clicking 「我不是机器人」 does, and only while it is still unverified.
  const label = widget.locator("label", { hasText: "我不是机器人" });
  await expect
    .poll(
      async () => {
        const s = await state();
        if (s === "unverified") await label.click({ timeout: 2_000 }).catch(() => undefined);
        return s;
      },
      { timeout: 30_000 },
    )
    .toBe("verified");
}

/** Waits for the fresh challenge after a submission (each solution is single-use). */
export async function expectCaptchaReset(page: Page): Promise<void> {
  await expect.poll(() => page.locator("altcha-widget").evaluate((el: WidgetElement) => el.getState?.() ?? "")).not.toBe("verified");
}
