import { Document, Image, Page, Path, Rect, StyleSheet, Svg, Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { CERTIFICATE_STATUS_WATERMARK, formatChineseDate, type CertificatePdfData } from "./certificate-data";
import { pdfFontFamilies } from "./fonts";
import { SealMark } from "./seal";

/** A4 portrait in points. */
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const RED = "#9E1B1B";
const GOLD = "#B8913A";
const INK = "#1F1F1F";
const LABEL = "#5A3A22";
const RULE = "#C9B27A";
/** 1寸 photo, 25 × 35 mm. */
const PHOTO_W = 70.9;
const PHOTO_H = 99.2;

const s = StyleSheet.create({
  page: { fontFamily: pdfFontFamilies(), fontSize: 10.5, color: INK, paddingTop: 62, paddingHorizontal: 62, paddingBottom: 50, backgroundColor: "#FFFDF8" },
  authority: { fontSize: 12, textAlign: "center", letterSpacing: 6, color: RED, marginBottom: 8 },
  title: { fontSize: 25, fontWeight: 700, textAlign: "center", letterSpacing: 3, color: RED },
  subtitle: { fontSize: 8, textAlign: "center", letterSpacing: 1.2, color: "#8A7048", marginTop: 6 },
  numberRow: { flexDirection: "row", justifyContent: "flex-end", marginTop: 18, marginBottom: 6, fontSize: 10 },
  numberLabel: { color: LABEL },
  number: { fontWeight: 700, letterSpacing: 0.6 },
  table: { borderTopWidth: 1, borderLeftWidth: 1, borderColor: RULE },
  row: { flexDirection: "row", minHeight: 33 },
  label: {
    width: 74, paddingHorizontal: 6, justifyContent: "center", backgroundColor: "#F7EFDC",
    borderRightWidth: 1, borderBottomWidth: 1, borderColor: RULE,
  },
  labelText: { color: LABEL, textAlign: "center", fontSize: 10 },
  value: { flex: 1, paddingHorizontal: 8, paddingVertical: 5, justifyContent: "center", borderRightWidth: 1, borderBottomWidth: 1, borderColor: RULE },
  valueText: { fontSize: 10.5, lineHeight: 1.35 },
  photoCell: { width: PHOTO_W + 18, alignItems: "center", justifyContent: "center", borderRightWidth: 1, borderBottomWidth: 1, borderColor: RULE },
  photo: { width: PHOTO_W, height: PHOTO_H, borderWidth: 0.75, borderColor: RULE },
  photoEmpty: { width: PHOTO_W, height: PHOTO_H, borderWidth: 0.75, borderColor: RULE, borderStyle: "dashed", alignItems: "center", justifyContent: "center" },
  statement: { marginTop: 26, fontSize: 12.5, lineHeight: 1.9, textIndent: 25, textAlign: "justify" },
  bottom: { position: "absolute", left: 62, right: 62, bottom: 102, flexDirection: "row", alignItems: "flex-end" },
  qrBox: { width: 178 },
  qrCaption: { fontSize: 7.5, color: "#555555", marginTop: 5, lineHeight: 1.45 },
  issuer: { flex: 1, alignItems: "flex-end", paddingRight: 4, paddingBottom: 14 },
  issuerLine: { fontSize: 12.5, marginTop: 12, flexDirection: "row" },
  footer: { position: "absolute", left: 62, right: 62, bottom: 44, flexDirection: "row", justifyContent: "space-between", fontSize: 7, color: "#8A7048" },
  watermark: { position: "absolute", top: 330, left: 0, width: PAGE_W, textAlign: "center", fontSize: 110, fontWeight: 700, color: "#C0392B", opacity: 0.16, transform: "rotate(-30deg)" },
});

/** Double frame: a red rule outside, a gold rule inside, and small gold corner ornaments. */
function Frame() {
  const o = 22; // outer rule inset
  const i = 30; // inner rule inset
  const corner = (x: number, y: number, dx: number, dy: number) =>
    `M${x} ${y + dy * 16}L${x} ${y}L${x + dx * 16} ${y}M${x + dx * 4} ${y + dy * 4}l${dx * 6} 0l0 ${dy * 6}l${-dx * 6} 0z`;
  const c = i + 5;
  return (
    <Svg fixed style={{ position: "absolute", top: 0, left: 0 }} width={PAGE_W} height={PAGE_H}>
      <Rect x={o} y={o} width={PAGE_W - 2 * o} height={PAGE_H - 2 * o} stroke={RED} strokeWidth={4} fill="none" />
      <Rect x={o + 5} y={o + 5} width={PAGE_W - 2 * o - 10} height={PAGE_H - 2 * o - 10} stroke={RED} strokeWidth={0.8} fill="none" />
      <Rect x={i} y={i} width={PAGE_W - 2 * i} height={PAGE_H - 2 * i} stroke={GOLD} strokeWidth={1} fill="none" />
      <Path
        d={[corner(c, c, 1, 1), corner(PAGE_W - c, c, -1, 1), corner(c, PAGE_H - c, 1, -1), corner(PAGE_W - c, PAGE_H - c, -1, -1)].join("")}
        stroke={GOLD}
        strokeWidth={1}
        fill={GOLD}
        fillOpacity={0.35}
      />
    </Svg>
  );
}

function Divider() {
  const w = 300;
  return (
    <Svg width={w} height={12} style={{ alignSelf: "center", marginTop: 10 }}>
      <Path d={`M0 6L${w / 2 - 12} 6M${w / 2 + 12} 6L${w} 6`} stroke={GOLD} strokeWidth={0.9} />
      <Path d={`M${w / 2} 1L${w / 2 + 6} 6L${w / 2} 11L${w / 2 - 6} 6Z`} fill={GOLD} />
    </Svg>
  );
}

function Label({ children }: { children: string }) {
  return (
    <View style={s.label}>
      <Text style={s.labelText}>{children}</Text>
    </View>
  );
}

function Value({ children, flex = 1, bold = false }: { children: string; flex?: number; bold?: boolean }) {
  return (
    <View style={[s.value, { flex }]}>
      <Text style={bold ? [s.valueText, { fontWeight: 700, fontSize: 13 }] : s.valueText}>{children}</Text>
    </View>
  );
}

function Row({ children }: { children: ReactNode }) {
  return <View style={s.row}>{children}</View>;
}

/** The QR code as one vector path (a rectangle per run of dark modules): crisp at any zoom, ≈ 2 KB. */
function QrCode({ modules, size }: { modules: QrMatrix; size: number }) {
  const quiet = 2;
  const n = modules.size + quiet * 2;
  let d = "";
  for (let r = 0; r < modules.size; r++) {
    for (let c = 0; c < modules.size; c++) {
      if (!modules.get(r, c)) continue;
      let run = 1;
      while (c + run < modules.size && modules.get(r, c + run)) run++;
      d += `M${c + quiet} ${r + quiet}h${run}v1h${-run}z`;
      c += run - 1;
    }
  }
  return (
    <Svg width={size} height={size} viewBox={`0 0 ${n} ${n}`}>
      <Rect x={0} y={0} width={n} height={n} fill="#FFFFFF" />
      <Path d={d} fill="#000000" />
    </Svg>
  );
}

export type QrMatrix = { size: number; get(row: number, col: number): number | boolean };

function statementText(d: CertificatePdfData): string {
  const how =
    d.obtainMethod === "评审" ? `经${d.committeeName}评审通过` : d.obtainMethod === "考试" ? "经考试合格" : "经审核认定";
  return `${how}，${d.name}同志具备${d.qualificationName}专业技术职务任职资格。特发此证。`;
}

export function CertificateDocument({ data, qr }: { data: CertificatePdfData; qr: QrMatrix }) {
  const watermark = CERTIFICATE_STATUS_WATERMARK[data.status];
  return (
    <Document
      title={`职称证书-${data.certNo}`}
      author={data.issuingAuthority}
      subject="专业技术职务任职资格证书"
      creator="贵州省职称评审与证书服务平台"
      producer="贵州省职称评审与证书服务平台"
      language="zh-CN"
    >
      <Page size="A4" style={s.page}>
        <Frame />
        <Text style={s.authority}>贵州省人力资源和社会保障厅</Text>
        <Text style={s.title}>专业技术职务任职资格证书</Text>
        <Text style={s.subtitle}>CERTIFICATE OF PROFESSIONAL AND TECHNICAL QUALIFICATION</Text>
        <Divider />

        <View style={s.numberRow}>
          <Text style={s.numberLabel}>证书编号：</Text>
          <Text style={s.number}>{data.certNo}</Text>
        </View>

        <View style={s.table}>
          <View style={{ flexDirection: "row" }}>
            <View style={{ flex: 1 }}>
              <Row>
                <Label>姓　　名</Label>
                <Value flex={1.25} bold>{data.name}</Value>
                <Label>性　　别</Label>
                <Value flex={0.75}>{data.genderLabel}</Value>
              </Row>
              <Row>
                <Label>出生日期</Label>
                <Value flex={1.25}>{formatChineseDate(data.birthDate)}</Value>
                <Label>证件类型</Label>
                <Value flex={0.75}>{data.idTypeLabel}</Value>
              </Row>
              <Row>
                <Label>证件号码</Label>
                <Value>{data.idNumber}</Value>
              </Row>
              <Row>
                <Label>工作单位</Label>
                <Value>{data.workUnit}</Value>
              </Row>
            </View>
            <View style={s.photoCell}>
              {data.photoJpeg ? (
                // eslint-disable-next-line jsx-a11y/alt-text -- react-pdf Image has no alt
                <Image style={s.photo} src={{ data: data.photoJpeg, format: "jpg" }} />
              ) : (
                <View style={s.photoEmpty}>
                  <Text style={{ fontSize: 9, color: "#999999" }}>照片</Text>
                </View>
              )}
            </View>
          </View>
          <Row>
            <Label>系　　列</Label>
            <Value>{data.series}</Value>
            <Label>专　　业</Label>
            <Value>{data.specialty}</Value>
          </Row>
          <Row>
            <Label>资格名称</Label>
            <Value bold>{data.qualificationName}</Value>
            <Label>级　　别</Label>
            <Value>{data.levelLabel}</Value>
          </Row>
          <Row>
            <Label>取得方式</Label>
            <Value>{data.obtainMethod}</Value>
            <Label>评审通过时间</Label>
            <Value>{formatChineseDate(data.passDate)}</Value>
          </Row>
          <Row>
            <Label>评委会名称</Label>
            <Value>{data.committeeName}</Value>
          </Row>
          <Row>
            <Label>批准文号</Label>
            <Value>{data.approvalNo}</Value>
          </Row>
        </View>

        <Text style={s.statement}>{statementText(data)}</Text>

        <View style={s.bottom}>
          <View style={s.qrBox}>
            <QrCode modules={qr} size={86} />
            <Text style={s.qrCaption}>扫描二维码或访问</Text>
            <Text style={[s.qrCaption, { marginTop: 0, fontSize: 6.5 }]}>{data.verifyUrl}</Text>
            <Text style={[s.qrCaption, { marginTop: 0 }]}>核验证书真伪及当前状态</Text>
          </View>
          <View style={s.issuer}>
            <View style={s.issuerLine}>
              <Text style={{ color: LABEL }}>发证机关：</Text>
              <Text>{data.issuingAuthority}</Text>
            </View>
            <View style={s.issuerLine}>
              <Text style={{ color: LABEL }}>发证日期：</Text>
              <Text>{formatChineseDate(data.issueDate)}</Text>
            </View>
            {/* Drawn after the text, like ink over print. */}
            <SealMark text={data.issuingAuthority} size={118} style={{ position: "absolute", right: 20, bottom: -36 }} />
          </View>
        </View>

        <View style={s.footer} fixed>
          <Text>证书状态以在线核验结果为准</Text>
          <Text>版本 V{data.version}</Text>
        </View>
        {watermark ? <Text style={s.watermark}>{watermark}</Text> : null}
      </Page>
    </Document>
  );
}
