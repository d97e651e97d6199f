import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeRows } from "@/db/raw";
import { classifyGlyphs } from "@/lib/pdf/glyph-coverage";

export type ImportGlyphIssues = {
  /** Characters printed with the fallback font: the import goes ahead, the user is told. */
  warnings: string[];
  /** Characters no certificate font has: the import is refused until the file is corrected. */
  errors: string[];
};

const FIELDS = [
  { column: "name", label: "姓名" },
  { column: "work_unit", label: "工作单位" },
] as const;
const ROWS_NAMED = 5;

/**
 * The staged rows' names and units checked against the certificate fonts (docs/domain.md §7). Only
 * the distinct characters travel (a few thousand at most, whatever the file's size); the rows holding
 * a flagged character are looked up afterwards, the first few named in the message.
 */
export async function getImportGlyphIssues(db: Db, importId: string): Promise<ImportGlyphIssues> {
  const chars = await executeRows<{ ch: string }>(
    db,
    sql`select distinct c as ch from roster_import_rows r, regexp_split_to_table(r.name || r.work_unit, '') as c where r.import_id = ${importId}`,
  );
  const { notInMainFont, uncovered } = classifyGlyphs(chars.map((c) => c.ch).join(""));
  const issues: ImportGlyphIssues = { warnings: [], errors: [] };
  for (const ch of notInMainFont) {
    for (const f of FIELDS) {
      const rows = await executeRows<{ row_no: number; n: number }>(
        db,
        sql`select row_no, count(*) over ()::int as n from roster_import_rows
            where import_id = ${importId} and strpos(${sql.raw(f.column)}, ${ch}) > 0 order by row_no limit ${ROWS_NAMED}`,
      );
      if (!rows.length) continue;
      const where = `第${rows.map((r) => r.row_no).join("、")}行${rows[0].n > rows.length ? `等${rows[0].n}行` : ""}`;
      if (uncovered.includes(ch)) issues.errors.push(`${where}${f.label}中的“${ch}”证书字体均无法显示，打印时将是空白方框，请核对后改用规范字`);
      else issues.warnings.push(`${where}${f.label}中的“${ch}”不在证书字体中，将使用备用字体显示`);
    }
  }
  return issues;
}
