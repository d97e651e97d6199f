import Link from "next/link";
import { type CommitteeArea, requireCommitteePage } from "@/app/_area/committee-page";
import { buttonClass } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { formatTime } from "@/lib/format";
import { IMPORT_LIMITS } from "@/lib/roster/constants";
import { IMPORT_STATUS_LABELS, listRosterImports } from "@/lib/roster/import-queries";
import { RosterUploadForm } from "./upload-form";

const TONES = { parsing: "blue", pending: "amber", failed: "red", committed: "green", cancelled: "slate" } as const;

/** Excel 导入: template download, upload with progress, and the committee's recent imports. */
export async function RosterImportPage({ area, committeeId }: { area: CommitteeArea; committeeId: string }) {
  const { user, committee, rosterPath: listPath } = await requireCommitteePage(area, committeeId);
  const imports = await listRosterImports(await getDb(), user, committee.id);
  return (
    <div className="space-y-6">
      <Card title={`Excel导入 · ${committee.name}`} actions={<Link href={listPath} className="text-sm text-brand-700 hover:underline">返回名册</Link>}>
        <ol className="mb-5 list-decimal space-y-1 pl-5 text-sm text-slate-700">
          <li>
            下载导入模板（已按本评委会的系列与级别设置下拉选项）：
            <a href={`/api/roster/template?committeeId=${committee.id}`} className={`${buttonClass("secondary", "sm")} ml-2`} data-testid="template-link">
              下载模板
            </a>
          </li>
          <li>每行填写一名人员的一项职称资格；证件号码列保持文本格式。其他表格软件制作的工作簿，只要表头列名与模板一致即可。</li>
          <li>
            上传 .xlsx 文件（不超过10 MB、{IMPORT_LIMITS.maxDataRows.toLocaleString("zh-CN")}行），系统先检查并预览，确认后才写入名册；有任何一行未通过校验时整个文件不会导入。
          </li>
        </ol>
        <RosterUploadForm committeeId={committee.id} previewBase={`${listPath}/imports`} />
      </Card>
      <Card title="最近的导入">
        {imports.length === 0 ? (
          <p className="text-sm text-slate-500">还没有导入记录。</p>
        ) : (
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-2 py-2">文件</th>
                <th className="px-2 py-2">上传人</th>
                <th className="px-2 py-2">时间</th>
                <th className="px-2 py-2">结果</th>
                <th className="px-2 py-2">状态</th>
              </tr>
            </thead>
            <tbody>
              {imports.map((i) => (
                <tr key={i.id} className="border-t border-slate-100">
                  <td className="px-2 py-2">
                    <Link href={`${listPath}/imports/${i.id}`} className="text-brand-700 hover:underline">
                      {i.fileName}
                    </Link>
                  </td>
                  <td className="px-2 py-2">{i.uploaderName}</td>
                  <td className="px-2 py-2">{formatTime(i.createdAt)}</td>
                  <td className="px-2 py-2 text-xs text-slate-600">
                    {i.status === "committed"
                      ? `新增 ${i.addedCount ?? 0} 条`
                      : i.status === "parsing"
                        ? `已读取 ${i.rowsRead} 行`
                        : `读取 ${i.rowsRead} 行：新增 ${i.addCount}，已存在 ${i.existingCount}，未通过 ${i.rejectedCount}`}
                  </td>
                  <td className="px-2 py-2">
                    <Badge tone={TONES[i.status]}>{IMPORT_STATUS_LABELS[i.status]}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
