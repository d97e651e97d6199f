import { Notice } from "@/components/ui/card";
import type { IntegrityBar } from "@/lib/integrity/queries";

/** The 诚信档案 notice of a barred person (list, 新建申报, the form): why, the 文号, and from when they may declare. */
export function IntegrityBarNotice({ bar }: { bar: IntegrityBar }) {
  return (
    <div data-testid="integrity-bar">
      <Notice tone="error">
        {bar.message}。{bar.documentNo ? `（撤销文号：${bar.documentNo}）` : ""}
      </Notice>
    </div>
  );
}
