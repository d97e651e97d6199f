import { FilingsHomePage } from "@/app/_terms/filings-home-page";

export default function Page() {
  return <FilingsHomePage area="dept" />;
}
