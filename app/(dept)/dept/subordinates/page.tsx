import { SubordinatesPage } from "@/app/_subordinates/subordinates-page";
import { requireRolePage } from "@/lib/auth/session";

export default async function Page({ searchParams }: { searchParams: Promise<{ status?: string; q?: string; page?: string }> }) {
  const user = await requireRolePage(["dept"]);
  return <SubordinatesPage user={user} basePath="/dept/subordinates" searchParams={await searchParams} />;
}
