import { SubordinatesPage } from "@/app/_subordinates/subordinates-page";
import { requireRolePage } from "@/lib/auth/session";

export default async function Page({ searchParams }: { searchParams: Promise<{ status?: string; q?: string; page?: string }> }) {
  const user = await requireRolePage(["hrss"]);
  return <SubordinatesPage user={user} basePath="/hrss/subordinates" searchParams={await searchParams} />;
}
