import type { Role } from "@/lib/roles";

/** A function of a role area. `href` absent = not built yet ("即将开放"), never a fake link. */
export type NavItem = { label: string; href?: string; certDivisionOnly?: boolean };

const common: NavItem[] = [{ label: "修改密码", href: "/account/password" }];

export const NAV_BY_ROLE: Record<Role, NavItem[]> = {
  person: [
    { label: "首页", href: "/person" },
    { label: "职称申报", href: "/person/declarations" },
    { label: "职称证书补录", href: "/person/backfill" },
    { label: "职称证书查询", href: "/person/certificates" },
    ...common,
  ],
  unit: [
    { label: "首页", href: "/unit" },
    { label: "申报人员管理", href: "/unit/declarations" },
    { label: "单位内部核验", href: "/unit/declarations/verify" },
    { label: "申报公示", href: "/unit/declarations/publicity" },
    { label: "单位推荐", href: "/unit/declarations/recommend" },
    ...common,
  ],
  dept: [
    { label: "首页", href: "/dept" },
    { label: "下属单位管理", href: "/dept/subordinates" },
    { label: "评审权备案", href: "/dept/filings" },
    { label: "评审权备案审核", href: "/dept/filing-review" },
    { label: "职称评审推荐审核", href: "/dept/declarations/review" },
    { label: "受理", href: "/dept/declarations/accept" },
    { label: "专家库管理", href: "/dept/experts" },
    { label: "线上评审管理", href: "/dept/rounds" },
    { label: "证书补录（评委会）", href: "/dept/roster" },
    { label: "照片审核与提交", href: "/dept/review" },
    ...common,
  ],
  hrss: [
    { label: "首页", href: "/hrss" },
    { label: "下属单位管理", href: "/hrss/subordinates" },
    { label: "评审权备案", href: "/hrss/filings" },
    { label: "评审权备案审核", href: "/hrss/filing-review" },
    { label: "人社部门审核", href: "/hrss/declarations/check" },
    { label: "受理", href: "/hrss/declarations/accept" },
    { label: "申报人员管理（申报点）", href: "/hrss/declarations" },
    { label: "专家库管理", href: "/hrss/experts" },
    { label: "线上评审管理", href: "/hrss/rounds" },
    { label: "证书补录（评委会）", href: "/hrss/roster" },
    { label: "照片审核与提交", href: "/hrss/review" },
    { label: "证书确认", href: "/hrss/confirm", certDivisionOnly: true },
    { label: "节假日调整", href: "/hrss/calendar", certDivisionOnly: true },
    { label: "证件号码申诉", href: "/hrss/disputes" },
    { label: "审计日志", href: "/hrss/audit" },
    ...common,
  ],
  self_unit: [
    { label: "首页", href: "/self-unit" },
    { label: "申报人员管理", href: "/self-unit/declarations" },
    { label: "单位内部核验", href: "/self-unit/declarations/verify" },
    { label: "申报公示", href: "/self-unit/declarations/publicity" },
    { label: "单位推荐", href: "/self-unit/declarations/recommend" },
    { label: "受理", href: "/self-unit/declarations/accept" },
    { label: "评审权备案", href: "/self-unit/filings" },
    { label: "专家库管理", href: "/self-unit/experts" },
    { label: "线上评审管理", href: "/self-unit/rounds" },
    { label: "证书补录（评委会）", href: "/self-unit/roster" },
    { label: "照片审核与提交", href: "/self-unit/review" },
    ...common,
  ],
  expert: [
    { label: "首页", href: "/expert" },
    { label: "个人信息维护", href: "/expert/profile" },
    { label: "回避声明", href: "/expert/conflicts" },
    { label: "线上评审", href: "/expert/rounds" },
    ...common,
  ],
  committee_member: [
    { label: "首页", href: "/committee" },
    { label: "评审会议", href: "/committee/rounds" },
    ...common,
  ],
};
