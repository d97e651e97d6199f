import { AreaHome } from "@/app/_area/area-home";
import { requireRolePage } from "@/lib/auth/session";

export default async function Home() {
  const user = await requireRolePage(["expert"]);
  return <AreaHome user={user} pending={[]} />;
}
