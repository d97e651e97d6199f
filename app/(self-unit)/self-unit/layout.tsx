import { areaLayout } from "@/app/_area/area-layout";

export const dynamic = "force-dynamic";

export default areaLayout(["self_unit"]);
