import { Card } from "@/components/ui/card";
import { RoundStateBadge } from "./round-badge";
import type { RoundState } from "@/db/schema/enums";

/** 投票回执公示: every receipt of the round, sorted, no names — a voter finds their own among them. */
export function ReceiptBoard({ board, highlight }: { board: { state: RoundState; receipts: string[]; closingHash: string | null; ballotBoxHash: string | null }; highlight?: string | null }) {
  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          投票回执公示 <RoundStateBadge state={board.state} />
        </span>
      }
    >
      <p className="mb-3 text-sm text-slate-600">每位投票委员提交表决票后获得一个8位回执码。下表按字母顺序列出本次会议的全部回执码，不显示投票人，可据此核对本人的表决票已计入票箱。</p>
      {board.receipts.length === 0 ? (
        <p className="text-sm text-slate-500">尚无表决票。</p>
      ) : (
        <ul className="grid grid-cols-3 gap-2 font-mono text-sm sm:grid-cols-6" data-testid="receipt-board">
          {board.receipts.map((r) => (
            <li key={r} className={`rounded border px-2 py-1 text-center ${r === highlight ? "border-brand-600 bg-brand-50 font-semibold text-brand-800" : "border-slate-200"}`}>
              {r}
            </li>
          ))}
        </ul>
      )}
      {board.ballotBoxHash && <p className="mt-3 break-all text-xs text-slate-600">票箱哈希：<span className="font-mono">{board.ballotBoxHash}</span></p>}
      {board.closingHash && <p className="mt-1 break-all text-xs text-slate-600">结束哈希：<span className="font-mono">{board.closingHash}</span></p>}
    </Card>
  );
}
