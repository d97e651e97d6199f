import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { listOwnFilings } from "@/lib/filings/queries";
import { listOwnedCommittees } from "@/lib/roster/access";
import { listCommitteeTerms } from "@/lib/terms/queries";
import { FILING_SCOPE_LABELS } from "@/lib/terms/rules";
import { FILING_AREAS_BY_KEY, type FilingArea } from "./term-areas";
import { FilingStatusBadge } from "@/app/_filings/filing-status-badge";

const TERM_STATUS_LABELS = { draft: "草稿", filed: "备案审核中", active: "生效", ended: "已结束" } as const;

/** 评审权备案 of a forming organisation: its committees, their terms (届) and filings with their state. */
export async function FilingsHomePage({ area }: { area: FilingArea }) {
  const { role, base } = FILING_AREAS_BY_KEY[area];
  const user = await requireRolePage([role]);
  const db = await getDb();
  const committees = await listOwnedCommittees(db, user);
  const termsByCommittee = await Promise.all(committees.map((c) => listCommitteeTerms(db, user, c.id)));
  const filings = await listOwnFilings(db, user);

  return (
    <div className="space-y-6">
      {committees.length === 0 && <Notice>本单位尚未组建评委会。</Notice>}
      {termsByCommittee.map(({ committee, terms }) => (
        <Card
          key={committee.id}
          title={`${committee.name}（${committee.code}）`}
          actions={
            <Link href={`${base}/terms/new?committee=${committee.id}`} className={buttonClass("primary", "sm")}>
              组建新一届
            </Link>
          }
        >
          {terms.length === 0 ? (
            <p className="text-sm text-slate-500">尚未组建任何一届。</p>
          ) : (
            <table className="w-full text-sm">
              <thead className="text-left text-slate-500">
                <tr>
                  <th className="py-1">任期</th>
                  <th>状态</th>
                  <th>操作</th>
                </tr>
              </thead>
              <tbody>
                {terms.map((t) => (
                  <tr key={t.id} className="border-t border-slate-100">
                    <td className="py-1.5">
                      {t.startDate} 至 {t.endDate}
                    </td>
                    <td>{TERM_STATUS_LABELS[t.status]}</td>
                    <td className="space-x-3">
                      <Link className="text-brand-700 hover:underline" href={`${base}/terms/${t.id}`}>
                        {t.status === "draft" ? "编辑成员" : "查看成员"}
                      </Link>
                      {t.status === "draft" && !filings.some((f) => f.termId === t.id) && (
                        <Link className="text-brand-700 hover:underline" href={`${base}/new?term=${t.id}`}>
                          新建备案
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      ))}
      <Card title="备案记录">
        {filings.length === 0 ? (
          <p className="text-sm text-slate-500">暂无备案。</p>
        ) : (
          <table className="w-full text-sm">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-1">评委会</th>
                <th>组建方式</th>
                <th>有效期</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {filings.map((f) => (
                <tr key={f.id} className="border-t border-slate-100">
                  <td className="py-1.5">
                    <Link className="text-brand-700 hover:underline" href={`${base}/${f.id}`}>
                      {f.committeeName}
                    </Link>
                  </td>
                  <td>{FILING_SCOPE_LABELS[f.scope]}</td>
                  <td>
                    {f.validFrom} 至 {f.validTo}
                  </td>
                  <td>
                    <FilingStatusBadge display={f.display} returnReason={f.returnReason} />
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
