import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** WCAG 2.2 AA, as the issue asks (axe has no separate wcag22a tag). */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const SCREENS = "tests/.artifacts/e2e/screens";
export const DESKTOP = { width: 1280, height: 720 };
export const PHONE = { width: 390, height: 844 };

/** One axe rule violated on one page; `wcag` is false for axe's best-practice rules (advice only). */
export type Finding = { page: string; id: string; impact: string; help: string; wcag: boolean; targets: string[] };

/**
 * Runs axe on the current page with the WCAG 2.2 AA rules plus axe's best-practice rules
 * (landmarks, heading order…), which are reported but never fail the test.
 */
export async function scanA11y(page: Page, name: string): Promise<Finding[]> {
  const results = await new AxeBuilder({ page }).withTags([...WCAG_TAGS, "best-practice"]).analyze();
  return results.violations.map((v) => ({
    page: name,
    id: v.id,
    impact: v.impact ?? "unknown",
    help: v.help,
    wcag: v.tags.some((t) => WCAG_TAGS.includes(t)),
    targets: v.nodes.slice(0, 8).map((n) => `${n.target.join(" ")}  ${n.html.slice(0, 120)}`),
  }));
}

/** What fails the test: a serious or critical violation of a WCAG 2.2 AA rule. */
export const isBlocking = (f: Finding) => f.wcag && (f.impact === "serious" || f.impact === "critical");

export function formatFindings(findings: Finding[]): string {
  return findings
    .map((f) => `  [${f.impact}${f.wcag ? "" : ", best practice"}] ${f.page}: ${f.id} — ${f.help}\n      ${f.targets.join("\n      ")}`)
    .join("\n");
}

/** Elements sticking out to the right of the viewport, to say what made the page too wide. */
export function overflowCulprits(page: Page, width: number) {
  return page.evaluate((w) => {
    const out: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const r = el.getBoundingClientRect();
      if (r.right > w + 0.5 && r.width > 0) {
        // Skip descendants of an element already reported, and anything inside its own scroll container.
        let p = el.parentElement;
        let scrolled = false;
        while (p && p !== document.body) {
          const ox = getComputedStyle(p).overflowX;
          if (ox === "auto" || ox === "scroll" || ox === "hidden") scrolled = true;
          p = p.parentElement;
        }
        if (!scrolled) out.push(`${el.tagName.toLowerCase()}.${String(el.className).slice(0, 80)} (right ${Math.round(r.right)})`);
      }
      if (out.length >= 8) break;
    }
    return out;
  }, width);
}

/**
 * The current page at phone width: the document must not scroll sideways (tables scroll inside
 * their own overflow-x-auto container) and a full-page screenshot is saved as mobile-<name>.png.
 */
export async function checkPhoneLayout(page: Page, name: string) {
  await page.setViewportSize(PHONE);
  // The resize is applied before the next frame; wait for one instead of sleeping.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  const culprits = scrollWidth > PHONE.width ? await overflowCulprits(page, PHONE.width) : [];
  await page.screenshot({ path: `${SCREENS}/mobile-${name}.png`, fullPage: true });
  await page.setViewportSize(DESKTOP);
  expect.soft(scrollWidth, `${name}: the document is wider than a 390 px phone; too wide: ${culprits.join(", ")}`).toBeLessThanOrEqual(PHONE.width);
}

/**
 * Waits for the page's finite CSS transitions and animations to end: axe reads the colours of the moment,
 * and a button fading from its disabled shade (a server action just returned) fails the contrast rule
 * mid-transition. Endless ones (a spinner) are not waited for.
 */
async function settleAnimations(page: Page) {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime ?? Infinity)))
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/**
 * Collects axe findings and phone-layout checks page after page; `finish` fails the test on any
 * serious or critical violation and prints the moderate/minor ones.
 */
export class PageAudit {
  readonly findings: Finding[] = [];

  constructor(private readonly page: Page) {}

  /** The page as it is now: axe at desktop width, a desktop screenshot, then the phone layout. */
  async check(name: string) {
    await this.page.setViewportSize(DESKTOP);
    await settleAnimations(this.page);
    this.findings.push(...(await scanA11y(this.page, name)));
    await this.page.screenshot({ path: `${SCREENS}/desktop-${name}.png`, fullPage: true });
    await checkPhoneLayout(this.page, name);
  }

  finish() {
    const minor = this.findings.filter((f) => !isBlocking(f));
    if (minor.length > 0) console.log(`axe: ${minor.length} moderate/minor or best-practice finding(s), not failing:\n${formatFindings(minor)}`);
    const blocking = this.findings.filter(isBlocking);
    expect(blocking, `serious/critical axe violations:\n${formatFindings(blocking)}`).toEqual([]);
  }
}
