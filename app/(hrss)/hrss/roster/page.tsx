import { RosterCommitteesPage } from "@/app/_roster/committees-page";

export default function Page() {
  return <RosterCommitteesPage area="hrss" />;
}
