import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { Badge, Card, Notice } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { DECLARATION_STATUS_LABELS } from "@/lib/declarations/constants";
import { requiredCurrentLevel } from "@/lib/declarations/eligibility";
import { eligibilityOf } from "@/lib/declarations/person-moves";
import { personIntegrityBar } from "@/lib/integrity/queries";
import { basicDefaults, getDeclarationForViewer, listUnitOptions } from "@/lib/declarations/queries";
import { isUuid } from "@/lib/declarations/ids";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { TITLE_LEVELS, type TitleLevel } from "@/db/schema/enums";
import { IntegrityBarNotice } from "../integrity-notice";
import { DeclarationForm } from "./declaration-form";
import { DeclarationSummary } from "./summary";
import { WithdrawalPanel } from "./withdrawal-panel";

export const metadata: Metadata = { title: "申报表" };

/** The levels of a batch's range, highest first (TITLE_LEVELS order). */
function levelsBetween(from: TitleLevel, to: TitleLevel): TitleLevel[] {
  const [a, b] = [TITLE_LEVELS.indexOf(from), TITLE_LEVELS.indexOf(to)];
  return TITLE_LEVELS.filter((_, i) => i >= Math.min(a, b) && i <= Math.max(a, b));
}

export default async function DeclarationPage({ params }: { params: Promise<{ declarationId: string }> }) {
  const user = await requireRolePage(["person"]);
  const { declarationId } = await params;
  if (!isUuid(declarationId)) notFound();
  const db = await getDb();
  const view = await getDeclarationForViewer(db, user, declarationId);
  if (!view) notFound();
  const d = view.declaration;
  const s = DECLARATION_STATUS_LABELS[d.status];
  // While a withdrawal request waits for its decision the declaration is shown, not edited.
  const editable = (d.status === "draft" || d.status === "returned") && d.withdrawalRequestedAt === null;
  const [units, eligibility, bar, defaults] = editable
    ? await Promise.all([listUnitOptions(db), eligibilityOf(db, { ...d }), personIntegrityBar(db, user.id), basicDefaults(db, user.id)])
    : [[], null, null, null];
  return (
    <div className="space-y-4">
      <Card
        title={`${view.committeeName} · ${TITLE_LEVEL_LABELS[d.targetLevel]}`}
        actions={
          <div className="flex items-center gap-2">
            <span className="whitespace-nowrap">
              <Badge tone={s.tone}>{s.label}</Badge>
            </span>
            <Link href={`/person/declarations/${d.id}/timeline`} className={buttonClass("secondary", "sm")}>
              查看进度
            </Link>
          </div>
        }
      >
        <p className="text-sm text-slate-600">
          {view.batch.name} · {d.series} · {d.specialty}
        </p>
      </Card>
      {bar ? <IntegrityBarNotice bar={bar} /> : null}
      {d.status === "returned" && view.openItems.length > 0 ? (
        <Card title="退回补正事项（一次性告知）">
          <div className="space-y-2" data-testid="notice-items">
            {view.notices
              .filter((n) => n.resolvedAt === null)
              .map((n) => (
                <div key={n.id} className="space-y-2 text-sm">
                  <Notice tone="warning">
                    退回理由：{n.reason}。请于 {n.deadline} 前补正后重新提交，逾期视为放弃本次申报。
                  </Notice>
                  <ul className="list-disc space-y-1 pl-5">
                    {n.items.map((it, i) => (
                      <li key={i}>
                        <span className="font-medium">{it.field}</span>：{it.text}
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
          </div>
        </Card>
      ) : null}
      {editable && eligibility ? (
        <Card title="填写申报表">
          <DeclarationForm
            declarationId={d.id}
            version={d.version}
            personName={d.personName}
            idNumberMasked={d.idNumberMasked}
            unitLocked={d.firstSubmittedAt !== null}
            unitOrgId={d.unitOrgId}
            unitOptions={units}
            basic={d.basic ?? (defaults ? { ...defaults, email: "", department: "", post: "" } : null)}
            education={d.education}
            work={d.work}
            currentTitle={d.currentTitle}
            currentTitleLevel={d.currentTitleLevel}
            currentTitleDate={d.currentTitleDate}
            achievements={d.achievements}
            attachments={view.attachments}
            pledgeAccepted={d.pledgeAcceptedAt !== null}
            openItems={view.openItems}
            eligibility={eligibility}
            requiredTitleLevel={requiredCurrentLevel(d.targetLevel)}
            bar={bar}
            canWithdraw={view.moves.includes("withdraw")}
            exceptionalReason={d.exceptionalReason}
            photoId={view.photoId}
            target={{ specialty: d.specialty, targetLevel: d.targetLevel, levels: levelsBetween(view.batch.levelFrom, view.batch.levelTo), locked: d.firstSubmittedAt !== null }}
          />
        </Card>
      ) : (
        <>
          {/* The step form (and its outcome message) leaves the page with the submission: say it here. */}
          {d.status === "submitted" ? (
            <div data-testid="submitted-notice">
              <Notice tone="success">申报已提交，等待所在单位审核。可点击“查看进度”查看当前办理单位及联系方式。</Notice>
            </div>
          ) : null}
          <DeclarationSummary view={view} />
        </>
      )}
      {view.moves.includes("request_withdrawal") || view.withdrawals.length > 0 || (!editable && view.moves.includes("withdraw")) ? (
        <Card title="撤回申报">
          <WithdrawalPanel
            declarationId={d.id}
            version={d.version}
            canWithdraw={!editable && view.moves.includes("withdraw")}
            canRequest={view.moves.includes("request_withdrawal")}
            requests={view.withdrawals.map((w) => ({ id: w.id, status: w.status, reason: w.reason, requestedAt: w.requestedAt.toISOString(), decisionReason: w.decisionReason }))}
          />
        </Card>
      ) : null}
    </div>
  );
}

