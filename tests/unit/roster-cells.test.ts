import { describe, expect, it } from "vitest";
import type { RosterRecord, rosterImportRows } from "@/db/schema";
import { convertDate, convertGender, convertIdNumber, convertIdType, convertLevel, convertObtainMethod } from "@/lib/roster/cells";
import { recordCells, ROSTER_COLUMNS, type FieldKey } from "@/lib/roster/columns";
import { rosterRecordSchema, type RosterRecordFieldsInput } from "@/lib/roster/schemas";
import { neutralizeFormula } from "@/lib/roster/xlsx";

type StagedRow = typeof rosterImportRows.$inferSelect;

const subject = {
  name: "张三",
  gender: "male",
  birthDate: "1985-06-01",
  idType: "resident",
  idNumber: "520102198506010019",
  nationality: "中国", // what the schema stores for a 居民身份证
  workUnit: "贵州省建筑设计研究院",
  series: "工程技术",
  specialty: "建筑工程",
  qualificationName: "高级工程师",
  level: "senior_deputy",
  obtainMethod: "review",
  passDate: "2020-12-01",
  passYear: 2020,
  approvalNo: "黔人社厅发〔2020〕12号",
  issuingAuthority: "贵州省人力资源和社会保障厅",
  issueDate: "2020-12-18",
} as const satisfies Partial<RosterRecord>;

const record: RosterRecord = {
  ...subject,
  id: "00000000-0000-4000-8000-000000000001",
  committeeId: "00000000-0000-4000-8000-000000000002",
  status: "confirmed",
  version: 1,
  certNo: "522020061001000011",
  source: "import",
  importId: null,
  createdBy: null,
  createdAt: new Date(0),
  updatedBy: null,
  updatedAt: new Date(0),
  publishedAt: null,
};

const staged: StagedRow = { ...subject, importId: "00000000-0000-4000-8000-000000000003", rowNo: 2, certPrefix: "522020061001", certPrefixSum: 0 };

/** What the import makes of a row of cells (the conversions of lib/roster/import-parse.ts validateRow). */
function importCells(cells: Record<FieldKey, string>): RosterRecordFieldsInput {
  const take = <T extends string>(c: { value: T } | { error: string }): T => {
    if ("error" in c) throw new Error(c.error);
    return c.value;
  };
  return {
    name: cells.name,
    gender: take(convertGender(cells.gender)),
    birthDate: take(convertDate(cells.birthDate, "出生日期")),
    idType: take(convertIdType(cells.idType)) as RosterRecordFieldsInput["idType"],
    idNumber: take(convertIdNumber(cells.idNumber)),
    nationality: cells.nationality,
    workUnit: cells.workUnit,
    series: cells.series as RosterRecordFieldsInput["series"],
    specialty: cells.specialty,
    qualificationName: cells.qualificationName,
    level: take(convertLevel(cells.level)) as RosterRecordFieldsInput["level"],
    obtainMethod: take(convertObtainMethod(cells.obtainMethod)) as RosterRecordFieldsInput["obtainMethod"],
    passDate: take(convertDate(cells.passDate, "评审通过时间")),
    approvalNo: cells.approvalNo,
    issuingAuthority: cells.issuingAuthority,
    issueDate: take(convertDate(cells.issueDate, "发证日期")),
  };
}

describe("record → workbook cells (one mapper for export and import)", () => {
  it("gives the export's record and the import's staged row of the same subject identical cells", () => {
    expect(recordCells(record)).toEqual(recordCells(staged));
  });

  it("fills every template column, with Chinese labels for the codes", () => {
    const cells = recordCells(record);
    expect(Object.keys(cells).sort()).toEqual(ROSTER_COLUMNS.map((c) => c.key).sort());
    expect(cells).toMatchObject({ gender: "男", idType: "居民身份证", level: "副高级", obtainMethod: "评审", nationality: "中国" });
  });

  it("round-trips: the cells re-import as the same record", () => {
    const parsed = rosterRecordSchema.safeParse(importCells(recordCells(record)));
    expect(parsed.success).toBe(true);
    const { name, gender, birthDate, idType, idNumber, nationality, workUnit, series, specialty, qualificationName, level, obtainMethod, passDate, passYear, approvalNo, issuingAuthority, issueDate } = record;
    expect(parsed.data).toEqual({ name, gender, birthDate, idType, idNumber, nationality, workUnit, series, specialty, qualificationName, level, obtainMethod, passDate, passYear, approvalNo, issuingAuthority, issueDate });
  });

  it("stages blanks as blank cells and leaves formula neutralising to the workbook writers", () => {
    const cells = recordCells({ ...staged, nationality: null, issuingAuthority: null, issueDate: null, workUnit: "=HYPERLINK(\"x\")" });
    expect(cells.nationality).toBe("");
    expect(cells.issuingAuthority).toBe("");
    expect(cells.issueDate).toBe("");
    expect(cells.workUnit).toBe("=HYPERLINK(\"x\")");
    expect(neutralizeFormula(cells.workUnit)).not.toMatch(/^=/);
  });
});
