import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import type { MinutesData } from "@/lib/review-rounds/minutes";
import { CONFIRMER_KIND_LABELS, TALLY_RESULT_LABELS } from "@/lib/review-rounds/constants";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { TERM_POSITION_LABELS } from "@/lib/terms/rules";
import { formatChineseDate } from "./certificate-data";
import { pdfFontFamilies } from "./fonts";

const INK = "#1F1F1F";
const RULE = "#9CA3AF";
const HEAD = "#F3F4F6";
const MUTED = "#4B5563";

const s = StyleSheet.create({
  page: { fontFamily: pdfFontFamilies(), fontSize: 9.5, color: INK, paddingTop: 40, paddingHorizontal: 40, paddingBottom: 48 },
  title: { fontSize: 18, fontWeight: 700, textAlign: "center", letterSpacing: 2 },
  subtitle: { fontSize: 12, textAlign: "center", marginTop: 6, letterSpacing: 4 },
  h2: { fontSize: 11.5, fontWeight: 700, marginTop: 14, marginBottom: 5 },
  meta: { flexDirection: "row", flexWrap: "wrap", borderTopWidth: 0.75, borderLeftWidth: 0.75, borderColor: RULE, marginTop: 12 },
  metaCell: { width: "50%", flexDirection: "row", borderRightWidth: 0.75, borderBottomWidth: 0.75, borderColor: RULE },
  metaLabel: { width: 72, paddingHorizontal: 5, paddingVertical: 3, backgroundColor: HEAD, borderRightWidth: 0.75, borderColor: RULE, color: MUTED },
  metaValue: { flex: 1, paddingHorizontal: 5, paddingVertical: 3 },
  para: { marginBottom: 3, lineHeight: 1.35 },
  table: { borderTopWidth: 0.75, borderLeftWidth: 0.75, borderColor: RULE },
  tr: { flexDirection: "row" },
  th: { paddingHorizontal: 3, paddingVertical: 3, backgroundColor: HEAD, borderRightWidth: 0.75, borderBottomWidth: 0.75, borderColor: RULE, fontWeight: 700, fontSize: 8.5 },
  td: { paddingHorizontal: 3, paddingVertical: 3, borderRightWidth: 0.75, borderBottomWidth: 0.75, borderColor: RULE, fontSize: 8.5 },
  summary: { marginBottom: 5, lineHeight: 1.35 },
  hash: { fontSize: 8, color: MUTED },
  footer: { position: "absolute", left: 40, right: 40, bottom: 22, flexDirection: "row", justifyContent: "space-between", fontSize: 7.5, color: MUTED },
});

/** Columns of the candidates table: label and width in points (A4 landscape, 761.89 pt inside the margins). */
const COLUMNS: [string, number][] = [
  ["序号", 28],
  ["姓名", 52],
  ["工作单位", 154],
  ["申报专业与级别", 96],
  ["评议组", 56],
  ["评议意见", 94],
  ["组长意见", 52],
  ["应参加表决", 50],
  ["同意", 34],
  ["不同意", 38],
  ["弃权", 34],
  ["结果", 73.89],
];

function Meta({ rows }: { rows: [string, string][] }) {
  return (
    <View style={s.meta}>
      {rows.map(([k, v]) => (
        <View key={k} style={s.metaCell} wrap={false}>
          <Text style={s.metaLabel}>{k}</Text>
          <Text style={s.metaValue}>{v}</Text>
        </View>
      ))}
    </View>
  );
}

function Cells({ values, head }: { values: ReactNode[]; head?: boolean }) {
  return (
    <View style={s.tr} wrap={false}>
      {values.map((v, i) => (
        <Text key={i} style={[head ? s.th : s.td, { width: COLUMNS[i][1] }]}>
          {v}
        </Text>
      ))}
    </View>
  );
}

const fmtTime = (d: Date) => d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });

/**
 * 评审会议纪要 (docs/domain.md §17 "Minutes"): committee, term, date, members present and absent, panels,
 * candidates with the panel opinions, counts and results, the confirmations and the closing hash.
 */
export function MinutesDocument({ data }: { data: MinutesData }) {
  const present = data.members.filter((m) => m.present);
  const absent = data.members.filter((m) => !m.present);
  const named = (ms: MinutesData["members"]) => (ms.length === 0 ? "无" : ms.map((m) => (m.position === "member" ? m.name : `${m.name}（${TERM_POSITION_LABELS[m.position]}）`)).join("、"));
  const passed = data.candidates.filter((c) => c.result === "passed").length;
  const failed = data.candidates.filter((c) => c.result === "failed").length;
  const deferred = data.candidates.filter((c) => c.result === "deferred").length;
  return (
    <Document title={`评审会议纪要-${data.round.name}`} author={data.committee.formingOrgName} subject="评审会议纪要" creator="贵州省职称评审与证书服务平台">
      <Page size="A4" orientation="landscape" style={s.page}>
        <Text style={s.title}>{data.committee.name}</Text>
        <Text style={s.subtitle}>评审会议纪要</Text>
        <Meta
          rows={[
            ["会议名称", data.round.name],
            ["评委会代码", data.committee.code],
            ["组建单位", data.committee.formingOrgName],
            ["评审系列", data.committee.series],
            ["本届任期", `${formatChineseDate(data.term.startDate)}至${formatChineseDate(data.term.endDate)}`],
            ["会议日期", formatChineseDate(data.round.meetingDate)],
            ["参会委员", `应到${data.memberCount}人，实到${data.presentCount}人`],
            ["签署", `${data.round.signedByName}（主任委员）于${fmtTime(data.round.signedAt)}签署`],
          ]}
        />

        <Text style={s.h2}>一、出席情况</Text>
        <Text style={s.para}>
          出席委员（{present.length}人）：{named(present)}
        </Text>
        <Text style={s.para}>
          缺席委员（{absent.length}人）：{named(absent)}
        </Text>
        <Text style={s.para}>
          出席人数达到应到委员的三分之二（3×出席人数≥2×应到人数），符合法定人数要求。
        </Text>

        <Text style={s.h2}>二、评议组</Text>
        {data.panels.map((p) => (
          <Text key={p.name} style={s.para}>
            {p.name}：组长{p.leaderName ?? "—"}；成员{p.memberNames.join("、")}
          </Text>
        ))}

        <Text style={s.h2}>三、表决结果</Text>
        <Text style={s.para}>
          本次会议共评审申报人{data.candidates.length}人，采用无记名投票方式表决。同意票不少于该申报人应参加表决人数（出席委员减去须回避委员）的三分之二为通过；弃权及未投票不计为同意。表决结果：通过{passed}人，未通过{failed}人
          {deferred > 0 ? `，因应参加表决人数不足暂缓${deferred}人` : ""}。
        </Text>
        <View style={s.table}>
          <Cells head values={COLUMNS.map(([label]) => label)} />
          {data.candidates.map((c) => (
            <Cells
              key={c.position}
              values={[
                String(c.position),
                c.personName,
                c.unitName ?? "—",
                `${c.specialty}·${TITLE_LEVEL_LABELS[c.targetLevel]}`,
                c.panelName ?? "—",
                `建议通过${c.opinions.recommend}，不建议${c.opinions.notRecommend}`,
                c.summary ? (c.summary.recommend ? "建议通过" : "不建议通过") : "—",
                String(c.eligiblePresent),
                String(c.yes),
                String(c.no),
                String(c.abstain),
                TALLY_RESULT_LABELS[c.result].label,
              ]}
            />
          ))}
        </View>

        <Text style={s.h2}>四、评议组意见</Text>
        {data.candidates.map((c) => (
          <Text key={c.position} style={s.summary}>
            {c.position}. {c.personName}（{c.panelName ?? "—"}）：{c.summary ? `${c.summary.recommend ? "建议通过" : "不建议通过"}。${c.summary.text}` : "无"}
          </Text>
        ))}

        <Text style={s.h2}>五、统票确认与封存</Text>
        <Text style={s.para}>
          统票确认：
          {data.confirmations.length === 0 ? "无" : data.confirmations.map((c) => `${CONFIRMER_KIND_LABELS[c.kind]}${c.name}（${fmtTime(c.confirmedAt)}）`).join("；")}
        </Text>
        <Text style={s.hash}>票箱哈希：{data.round.ballotBoxHash}</Text>
        <Text style={s.hash}>结束哈希：{data.round.closingHash}</Text>
        <Text style={s.hash}>每名申报人的统票记录哈希依次链接，结束哈希为最后一条记录的哈希，可用于核验统票结果未被改动。</Text>

        <View style={s.footer} fixed>
          <Text>
            {data.committee.name} · {data.round.name}
          </Text>
          <Text render={({ pageNumber }) => `第 ${pageNumber} 页`} />
        </View>
      </Page>
    </Document>
  );
}
