import { USER_ROLES, type UserRole } from "@/db/schema/enums";

/** One table of roles, their Chinese labels and their area paths. The values are users.role's (db/schema/enums.ts). */
export const ROLES = USER_ROLES;
export type Role = UserRole;

export const ROLE_INFO: Record<Role, { label: string; area: string; areaTitle: string }> = {
  person: { label: "职称申报用户", area: "/person", areaTitle: "个人办事" },
  unit: { label: "非自主评审单位", area: "/unit", areaTitle: "单位办事" },
  dept: { label: "主管部门", area: "/dept", areaTitle: "主管部门工作台" },
  hrss: { label: "人社部门", area: "/hrss", areaTitle: "人社部门工作台" },
  self_unit: { label: "自主评审单位", area: "/self-unit", areaTitle: "自主评审单位工作台" },
  expert: { label: "评审专家", area: "/expert", areaTitle: "专家工作台" },
  committee_member: { label: "评委会成员", area: "/committee", areaTitle: "评委会工作台" },
};

export function areaForRole(role: Role): string {
  return ROLE_INFO[role].area;
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Roles whose organisation may form a committee (评委会组建单位). */
export const COMMITTEE_FORMING_ROLES: readonly Role[] = ["hrss", "dept", "self_unit"];
