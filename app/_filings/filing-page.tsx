import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { MemberTable } from "@/app/_terms/term-page";
import { FILING_AREAS_BY_KEY, type FilingArea } from "@/app/_terms/term-areas";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { loadOwnFiling } from "@/lib/filings/filings";
import { getFilingDetail } from "@/lib/filings/queries";
import { first, type SearchParams } from "@/lib/http/search-params";
import { isUuid } from "@/lib/roster/access";
import { listTermMembers } from "@/lib/terms/queries";
import { loadOwnedTerm } from "@/lib/terms/terms";
import { FilingSummary, snapshotRows } from "./filing-chain";
import { FilingForm } from "./filing-form";

/** The filer's view of one filing: summary and chain, the member list, and the draft form. */
export async function FilingPage({ area, filingId }: { area: FilingArea; filingId: string }) {
  const { role, base } = FILING_AREAS_BY_KEY[area];
  const user = await requireRolePage([role]);
  const db = await getDb();
  const own = isUuid(filingId) ? await loadOwnFiling(db, user, filingId).catch(() => null) : null;
  if (!own) notFound();
  const f = (await getFilingDetail(db, own.id))!;
  const members = f.status === "draft" ? await listTermMembers(db, f.termId) : snapshotRows(f.members);
  return (
    <div className="space-y-6">
      <Card title="评审权备案">
        <FilingSummary f={f} />
      </Card>
      {f.status === "draft" && (
        <Card title="修改与报送">
          <FilingForm
            listHref={base}
            detailBase={base}
            initial={{ termId: f.termId, filingId: f.id, version: f.version, specialties: f.specialties, scope: f.scope, validFrom: f.validFrom, validTo: f.validTo }}
          />
        </Card>
      )}
      <Card title={`评委会成员（${members.length}人）`}>
        <MemberTable members={members} />
      </Card>
    </div>
  );
}

/** 新建备案 for a draft term (`?term=`). */
export async function NewFilingPage({ area, searchParams }: { area: FilingArea; searchParams: SearchParams }) {
  const { role, base } = FILING_AREAS_BY_KEY[area];
  const user = await requireRolePage([role]);
  const db = await getDb();
  const termId = first(searchParams.term) ?? "";
  const term = isUuid(termId) ? await loadOwnedTerm(db, user, termId).catch(() => null) : null;
  if (!term) notFound();
  return (
    <Card title="新建评审权备案">
      <FilingForm listHref={base} detailBase={base} initial={{ termId: term.id, specialties: "", scope: "series", validFrom: term.startDate, validTo: term.endDate }} />
    </Card>
  );
}
