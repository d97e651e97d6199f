import Link from "next/link";
import { SiteFooter, SiteHeader } from "@/components/site-header";
import { getCurrentUser } from "@/lib/auth/session";
import { areaForRole, type Role } from "@/lib/roles";

export const dynamic = "force-dynamic";

/**
 * `personal`: a personal user goes straight to `href`; other signed-in users to their own area.
 * `public`: everyone goes to `href` (no login needed).
 */
type Service = { title: string; desc: string; href?: string; personal?: boolean; public?: boolean };

const PERSONAL: Service[] = [
  { title: "职称证书补录", desc: "2020年度合格专业技术人员上传个人照片，办理电子证书补录", href: "/person/backfill", personal: true },
  { title: "职称证书查询", desc: "凭姓名、证件号码、证书编号中任意两项查询职称证书，下载电子证书", href: "/verify", public: true },
  { title: "职称申报", desc: "各系列职称申报人员在线填报、提交申报材料" },
];

const UNIT: Service[] = [
  { title: "单位注册", desc: "用人单位凭统一社会信用代码注册账号", href: "/register/unit" },
  { title: "申报人员管理", desc: "管理本单位申报人员，单位内部核验、公示与推荐" },
  { title: "评审权备案", desc: "自主评审单位申请评审权备案" },
  { title: "职称证书补录（评委会）", desc: "评委会组建单位录入或导入合格人员信息、审核照片并提交" },
];

function ServiceCard({ s, role }: { s: Service; role: Role | null }) {
  // Anonymous visitors reach the login page through the proxy; signed-in users their own area.
  const target = !role || s.public || (s.personal && role === "person") ? s.href : "/workspace";
  return (
    <div className="flex flex-col justify-between rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div>
        <h3 className="text-base font-semibold text-slate-800">{s.title}</h3>
        <p className="mt-2 text-sm text-slate-600">{s.desc}</p>
      </div>
      <div className="mt-4">
        {s.href ? (
          <Link href={target ?? "/workspace"} className="inline-block rounded-md bg-brand-600 px-4 py-1.5 text-sm text-white hover:bg-brand-700">
            立即办理
          </Link>
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
        <div className="mx-auto max-w-6xl px-4">
          <h1 className="text-2xl font-bold sm:text-3xl">职称评审与证书服务</h1>
          <p className="mt-2 max-w-2xl text-sm text-brand-100">
            职称申报、单位推荐、评审权备案、线上评审、职称证书补录与查询，一网通办。
          </p>
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
