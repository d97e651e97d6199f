import ExcelJS from "exceljs";
import { EXAMPLE_MARKER, ID_TYPE_LABELS, TITLE_LEVEL_LABELS, TITLE_LEVELS } from "@/lib/roster/constants";
import { SERIES_NAMES } from "@/lib/roster/title-codes";
import { HEADER_STYLE } from "@/lib/roster/xlsx";
import { ID_TYPES } from "@/lib/validation/id-number";
import { POOL_IMPORT_MAX_ROWS } from "./constants";
import { POOL_COLUMNS, poolColumnLetter, type PoolColumnKey } from "./pool-columns";

const DATA_SHEET = "专家库";
const LIST_SHEET = "选项";

function col(key: PoolColumnKey): string {
  return poolColumnLetter(POOL_COLUMNS.findIndex((c) => c.key === key) + 1);
}

/** exceljs has range data validations at runtime, but its type declarations omit them. */
function validations(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
}

/** The expert-pool import template: header, ID column as text, dropdowns, one example row the importer skips, notes. */
export async function buildPoolTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "贵州省职称评审与证书服务平台";
  const sheet = wb.addWorksheet(DATA_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = POOL_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  POOL_COLUMNS.forEach((c, i) => {
    const cell = sheet.getRow(1).getCell(i + 1);
    cell.style = HEADER_STYLE;
    cell.note = `必填。${c.note}`;
  });
  sheet.getColumn(col("idNumber")).numFmt = "@";
  sheet.getColumn(col("phone")).numFmt = "@";
  const example = sheet.addRow({
    name: `${EXAMPLE_MARKER}张三`,
    idType: ID_TYPE_LABELS.resident,
    idNumber: "520102198506010035",
    phone: "13800000000",
    series: "高校教师",
    specialty: "计算机科学与技术",
    title: "教授",
    level: TITLE_LEVEL_LABELS.senior_full,
    workUnit: "贵州大学",
  });
  example.font = { italic: true, color: { argb: "FF808080" } };

  const lists = wb.addWorksheet(LIST_SHEET, { state: "hidden" });
  const listColumns: [PoolColumnKey, string[]][] = [
    ["idType", ID_TYPES.map((t) => ID_TYPE_LABELS[t])],
    ["series", [...SERIES_NAMES]],
    ["level", TITLE_LEVELS.map((l) => TITLE_LEVEL_LABELS[l])],
  ];
  listColumns.forEach(([key, values], i) => {
    const letter = poolColumnLetter(i + 1);
    values.forEach((v, j) => (lists.getCell(`${letter}${j + 1}`).value = v));
    validations(sheet).add(`${col(key)}2:${col(key)}${POOL_IMPORT_MAX_ROWS + 1}`, {
      type: "list",
      allowBlank: true,
      formulae: [`'${LIST_SHEET}'!$${letter}$1:$${letter}$${values.length}`],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: "输入有误",
      error: "请从下拉列表中选择",
    });
  });

  const help = wb.addWorksheet("填写说明");
  help.getColumn(1).width = 16;
  help.getColumn(2).width = 90;
  for (const [title, text] of [
    ["基本要求", `每行一名专家，所有列均为必填；单个文件不超过${POOL_IMPORT_MAX_ROWS}行。`],
    ["示例行", `姓名以“${EXAMPLE_MARKER}”开头的行是示例，导入时会被忽略。`],
    ["证件号码", "证件号码列为文本格式，请勿改为数字格式。"],
    ["全部或全不", "只要有一行未通过校验（或该专家已在本专家库中），整个文件都不会导入；页面会列出每个错误的行、列和原因。"],
    ["导入之后", "每行成为一条专家库邀请：专家本人登录（或注册）后，在首页“专家库邀请”中接受，才成为在库专家。"],
  ]) {
    const r = help.addRow([title, text]);
    r.getCell(1).font = { bold: true };
    r.getCell(2).alignment = { wrapText: true, vertical: "top" };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
