import { ExpertInvitePage } from "@/app/_expert-pool/invite-page";

export default function Page() {
  return <ExpertInvitePage area="self-unit" />;
}
