import Image from "next/image";
import Link from "next/link";
import { SiteFooter, SiteHeader } from "@/components/site-header";
import { getCurrentUser } from "@/lib/auth/session";
import { areaForRole, COMMITTEE_FORMING_ROLES, type Role } from "@/lib/roles";

export const dynamic = "force-dynamic";

/**
 * A card of the portal. Only functions that exist link anywhere; the others say 即将开放.
 * - `href`: where an anonymous visitor goes (an area page sends them through the login page first);
 * - `public`: everyone goes to `href`, signed in or not;
 * - `roles` + `areaPath`: a signed-in user of one of these roles goes to `areaPath` inside their own
 *   area (e.g. /hrss/roster); a signed-in user of another role is told who may use it;
 * - neither: a signed-in user goes to their own area.
 */
type Service = {
  title: string;
  desc: string;
  /** Illustration under public/illustrations/. */
  icon: string;
  href?: string;
  public?: boolean;
  roles?: readonly Role[];
  areaPath?: string;
  /** Who may use it, when `roles` excludes the signed-in user. */
  rolesLabel?: string;
};

const PERSONAL: Service[] = [
  {
    title: "职称证书补录",
    desc: "已通过评审的专业技术人员查看本人补录记录，上传个人照片，跟踪办理进度",
    icon: "backfill",
    href: "/person/backfill",
    roles: ["person"],
    areaPath: "/backfill",
    rolesLabel: "个人账号",
  },
  { title: "职称证书查询", desc: "凭姓名、证件号码、证书编号中任意两项查询职称证书；本人登录后下载电子证书", icon: "query", href: "/verify", public: true },
  {
    title: "职称申报",
    desc: "各系列职称申报人员在线填报、提交申报材料，跟踪审核进度",
    icon: "apply",
    href: "/person/declarations",
    roles: ["person"],
    areaPath: "/declarations",
    rolesLabel: "个人账号",
  },
];

const UNIT: Service[] = [
  { title: "单位注册", desc: "用人单位凭统一社会信用代码注册账号", icon: "register", href: "/register/unit" },
  { title: "申报人员管理", desc: "管理本单位申报人员，单位内部核验、公示与推荐", icon: "applicants" },
  { title: "评审权备案", desc: "自主评审单位申请评审权备案", icon: "filing" },
  {
    title: "职称证书补录（评委会）",
    desc: "评委会组建单位录入或导入合格人员名册、审核照片并一次性提交省人社厅专技处确认",
    icon: "roster",
    href: "/workspace",
    roles: COMMITTEE_FORMING_ROLES,
    areaPath: "/roster",
    rolesLabel: "人社部门、主管部门、自主评审单位账号",
  },
];

/** Where the card's button leads for this visitor, or null when the signed-in role may not use it. */
function cardTarget(s: Service, role: Role | null): string | null {
  if (!s.href) return null;
  if (!role || s.public) return s.href;
  if (s.roles) return s.roles.includes(role) ? areaForRole(role) + (s.areaPath ?? "") : null;
  return "/workspace";
}

function ServiceCard({ s, role }: { s: Service; role: Role | null }) {
  const target = cardTarget(s, role);
  return (
    <div className="flex flex-col justify-between rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex items-start gap-4">
        <Image src={`/illustrations/${s.icon}.svg`} alt="" width={48} height={48} unoptimized className="h-12 w-12 shrink-0" />
        <div>
          <h3 className="text-base font-semibold text-slate-800">{s.title}</h3>
          <p className="mt-2 text-sm text-slate-600">{s.desc}</p>
        </div>
      </div>
      <div className="mt-4">
        {target ? (
          <Link href={target} className="inline-block rounded-md bg-brand-600 px-4 py-1.5 text-sm text-white hover:bg-brand-700">
            立即办理
          </Link>
        ) : s.href ? (
          <span className="inline-block rounded-md bg-slate-100 px-4 py-1.5 text-sm text-slate-500">请使用{s.rolesLabel}登录办理</span>
        ) : (
          <span className="inline-block rounded-md bg-slate-100 px-4 py-1.5 text-sm text-slate-600">即将开放</span>
        )}
      </div>
    </div>
  );
}

export default async function PortalHome() {
  const user = await getCurrentUser();
  return (
    <div className="flex min-h-screen flex-col">
      <SiteHeader
        right={
          user ? (
            <Link href={areaForRole(user.role)} className="rounded bg-white px-3 py-1 text-brand-700 hover:bg-brand-50">
              进入工作台（{user.name}）
            </Link>
          ) : (
            <>
              <Link href="/login" className="rounded px-3 py-1 hover:bg-white/10">
                登录
              </Link>
              <Link href="/register" className="rounded bg-white px-3 py-1 text-brand-700 hover:bg-brand-50">
                注册
              </Link>
            </>
          )
        }
      />
      <section className="bg-gradient-to-b from-brand-700 to-brand-600 pb-10 pt-6 text-white">
        <div className="mx-auto flex max-w-6xl items-center gap-6 px-4">
          <Image src="/brand/emblem.svg" alt="" width={72} height={72} unoptimized className="hidden h-18 w-18 shrink-0 rounded-full ring-4 ring-white/30 sm:block" />
          <div>
            <h1 className="text-2xl font-bold sm:text-3xl">职称评审与证书服务</h1>
            <p className="mt-2 max-w-2xl text-sm text-brand-100">
              职称证书补录、证书查询与电子证书下载已开通；职称申报、单位推荐、评审权备案与线上评审即将开放。
            </p>
          </div>
        </div>
      </section>
      <main className="mx-auto mt-6 w-full max-w-6xl flex-1 space-y-8 px-4">
        <section aria-labelledby="personal">
          <h2 id="personal" className="mb-3 text-lg font-semibold text-slate-800">
            个人办事
          </h2>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {PERSONAL.map((s) => (
              <ServiceCard key={s.title} s={s} role={user?.role ?? null} />
            ))}
          </div>
        </section>
        <section aria-labelledby="unit">
          <h2 id="unit" className="mb-3 text-lg font-semibold text-slate-800">
            单位办事
          </h2>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {UNIT.map((s) => (
              <ServiceCard key={s.title} s={s} role={user?.role ?? null} />
            ))}
          </div>
        </section>
      </main>
      <SiteFooter />
    </div>
  );
}
