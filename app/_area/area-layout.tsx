import type { ReactNode } from "react";
import { logoutAction } from "@/app/(auth)/actions";
import { grantLabel } from "@/lib/auth/grants";
import { requireRolePage } from "@/lib/auth/session";
import type { Role } from "@/lib/roles";
import { AreaShell } from "@/components/area/area-shell";
import { switchGrantAction } from "./grant-actions";

/** Builds the server layout of one role area: the role is checked on the server before anything renders. */
export function areaLayout(roles: readonly Role[]) {
  return async function AreaLayout({ children }: { children: ReactNode }) {
    const user = await requireRolePage(roles);
    const grants = user.grants.map((g) => ({ id: g.id, label: grantLabel(g) }));
    return (
      <AreaShell
        role={user.role}
        userName={user.name}
        orgName={user.orgName}
        isCertDivision={user.orgIsCertDivision}
        logout={logoutAction}
        grantSwitch={{ grants, activeId: user.grantId, action: switchGrantAction }}
      >
        {children}
      </AreaShell>
    );
  };
}
