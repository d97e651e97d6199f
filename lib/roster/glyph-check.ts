import { certificateGlyphIssues, type GlyphIssues } from "@/lib/pdf/glyph-coverage";

/** The roster fields printed on the certificate whose characters users type freely. */
const PRINTED_FREE_TEXT = [
  { key: "name", label: "姓名" },
  { key: "workUnit", label: "工作单位" },
] as const;

/**
 * Checks the printed free-text fields against the certificate fonts (docs/domain.md §7): a character
 * only the fallback font has is a warning shown after saving; one no font has is a field error.
 */
export function rosterGlyphIssues(data: { name: string; workUnit: string }): GlyphIssues {
  return certificateGlyphIssues(PRINTED_FREE_TEXT.map((f) => ({ ...f, value: data[f.key] })));
}
