import ExcelJS from "exceljs";
import { ID_TYPES } from "@/lib/validation/id-number";
import type { OwnedCommittee } from "./access";
import { columnLetter, ROSTER_COLUMNS, type FieldKey } from "./columns";
import {
  EXAMPLE_MARKER,
  GENDER_LABELS,
  ID_TYPE_LABELS,
  IMPORT_LIMITS,
  OBTAIN_METHOD_LABELS,
  TITLE_LEVEL_LABELS,
  TITLE_LEVEL_RANK,
  TITLE_LEVELS,
} from "./constants";
import { defaultTitleOf, SERIES_NAMES, titleCodeOf } from "./title-codes";
import { HEADER_STYLE } from "./xlsx";

const DATA_SHEET = "名册";
const LIST_SHEET = "选项";
/** Dropdowns and formats reach this far down the data sheet. */
const LAST_ROW = IMPORT_LIMITS.maxDataRows + 1;

/** exceljs has range data validations at runtime, but its type declarations omit them. */
function validations(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
}

function col(key: FieldKey): string {
  return columnLetter(ROSTER_COLUMNS.findIndex((c) => c.key === key) + 1);
}

/**
 * The import template: the 名册 sheet (Chinese header, dropdowns for 证件类型 / 系列 / 级别 / 取得方式 /
 * 性别, the ID column as text, two example rows the importer skips), a 填写说明 sheet and a hidden
 * sheet holding the dropdown lists. With a committee, lists are narrowed to its series and levels.
 */
export async function buildRosterTemplate(committee?: Pick<OwnedCommittee, "name" | "series" | "levelFrom" | "levelTo" | "formingOrgName">): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "贵州省职称评审与证书服务平台";
  wb.created = new Date();

  const series = committee ? [committee.series] : SERIES_NAMES;
  const levels = committee
    ? TITLE_LEVELS.filter((l) => TITLE_LEVEL_RANK[l] >= TITLE_LEVEL_RANK[committee.levelFrom] && TITLE_LEVEL_RANK[l] <= TITLE_LEVEL_RANK[committee.levelTo])
    : [...TITLE_LEVELS];

  const sheet = wb.addWorksheet(DATA_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const header = sheet.getRow(1);
  header.height = 24;
  ROSTER_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.style = { ...HEADER_STYLE, font: { bold: true, color: { argb: c.required ? "FFC00000" : "FF333333" } } };
    cell.note = `${c.required ? "必填。" : "选填。"}${c.note}`;
  });
  // Text format for the ID column: Excel would otherwise turn 18 digits into 5.20102E+17.
  sheet.getColumn(col("idNumber")).numFmt = "@";
  for (const key of ["birthDate", "passDate", "issueDate"] as const) sheet.getColumn(col(key)).numFmt = "yyyy-mm-dd";

  const exampleSeries = series[0];
  const exampleLevel = levels.find((l) => titleCodeOf(exampleSeries, l)) ?? levels[0];
  const exampleTitle = defaultTitleOf(exampleSeries, exampleLevel) ?? "";
  const examples: Partial<Record<FieldKey, string | Date>>[] = [
    {
      name: `${EXAMPLE_MARKER}张三`,
      gender: "男",
      birthDate: "1985-06-01",
      idType: ID_TYPE_LABELS.resident,
      idNumber: "520102198506010035",
      workUnit: "贵州省建筑设计研究院有限责任公司",
      series: exampleSeries,
      specialty: "建筑工程",
      qualificationName: exampleTitle,
      level: TITLE_LEVEL_LABELS[exampleLevel],
      obtainMethod: OBTAIN_METHOD_LABELS.review,
      passDate: new Date(Date.UTC(2020, 11, 1)),
      approvalNo: "黔人社厅发〔2020〕12号",
    },
    {
      name: `${EXAMPLE_MARKER}John Smith`,
      gender: "男",
      birthDate: "1980-03-15",
      idType: ID_TYPE_LABELS.passport,
      idNumber: "E12345678",
      nationality: "英国",
      workUnit: "贵州大学",
      series: exampleSeries,
      specialty: "土木工程",
      qualificationName: exampleTitle,
      level: TITLE_LEVEL_LABELS[exampleLevel],
      obtainMethod: OBTAIN_METHOD_LABELS.review,
      passDate: "2020年12月1日",
      approvalNo: "黔人社厅发〔2020〕12号",
      issuingAuthority: committee?.formingOrgName ?? "贵州省人力资源和社会保障厅",
      issueDate: "2020-12-20",
    },
  ];
  for (const ex of examples) {
    const row = sheet.addRow(ex);
    row.font = { italic: true, color: { argb: "FF808080" } };
  }

  // Dropdown lists live on a hidden sheet: an inline list is limited to 255 characters.
  const lists = wb.addWorksheet(LIST_SHEET, { state: "hidden" });
  const listColumns: [FieldKey, string[]][] = [
    ["idType", ID_TYPES.map((t) => ID_TYPE_LABELS[t])],
    ["series", series],
    ["level", levels.map((l) => TITLE_LEVEL_LABELS[l])],
    ["obtainMethod", Object.values(OBTAIN_METHOD_LABELS)],
    ["gender", Object.values(GENDER_LABELS)],
  ];
  listColumns.forEach(([key, values], i) => {
    const letter = columnLetter(i + 1);
    lists.getCell(`${letter}1`).value = ROSTER_COLUMNS.find((c) => c.key === key)!.header;
    values.forEach((v, j) => (lists.getCell(`${letter}${j + 2}`).value = v));
    validations(sheet).add(`${col(key)}2:${col(key)}${LAST_ROW}`, {
      type: "list",
      allowBlank: true,
      formulae: [`'${LIST_SHEET}'!$${letter}$2:$${letter}$${values.length + 1}`],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: "输入有误",
      error: "请从下拉列表中选择",
    });
  });

  const help = wb.addWorksheet("填写说明");
  help.getColumn(1).width = 18;
  help.getColumn(2).width = 90;
  help.addRow([committee ? `${committee.name} 证书补录名册填写说明` : "职称证书补录名册填写说明"]).font = { bold: true, size: 14 };
  help.addRow([]);
  const notes = [
    ["基本要求", `每行一名专业技术人员的一项职称资格；单个文件不超过${IMPORT_LIMITS.maxDataRows}行、10 MB。表头可以在合并的标题行下方，列的顺序可以调整，但列名须与模板一致。`],
    ["示例行", `姓名以“${EXAMPLE_MARKER}”开头的两行是示例，导入时会被忽略，可以删除。`],
    ["证件号码", "证件号码列已设为文本格式。请勿改为数字格式，否则18位号码会被Excel截断（如 5.20102E+17），导入时将被拒绝。"],
    ["日期", "出生日期、评审通过时间、发证日期可填写为日期，或文本 2020-12-01、2020/12/1、2020.12.01、2020年12月1日。"],
    ["系列与级别", committee ? `本评委会只能录入${committee.series}系列，级别为${levels.map((l) => TITLE_LEVEL_LABELS[l]).join("、")}。` : "系列、级别须在评委会的评审范围内。"],
    ["重复导入", "同一评委会中，证件类型、证件号码、资格名称与取得年度（评审通过时间的年份）都相同的记录只保存一次；重复导入同一文件不会产生重复记录。"],
    ["全部或全不", "只要有一行未通过校验，整个文件都不会导入。请下载错误报告，按“原因”列修正后重新上传。"],
  ];
  for (const [title, text] of notes) {
    const r = help.addRow([title, text]);
    r.getCell(1).font = { bold: true };
    r.getCell(2).alignment = { wrapText: true, vertical: "top" };
  }
  help.addRow([]);
  help.addRow(["列名", "说明"]).font = { bold: true };
  for (const c of ROSTER_COLUMNS) help.addRow([c.header, `${c.required ? "必填" : "选填"}。${c.note}`]);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
