import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { areaForRole } from "@/lib/roles";

export const dynamic = "force-dynamic";

export default async function WorkspaceRedirect() {
  const user = await getCurrentUser();
  redirect(user ? areaForRole(user.role) : "/login");
}
