/**
 * Every declaration move, one function each, `(tx, actor, input)` inside the caller's transaction: a guarded
 * UPDATE … WHERE status = ANY(from) AND <ownership>, an event row, a 站内消息 to the person and an audit row.
 * See docs/domain.md §16 and states.ts for the machine.
 */
export { submitDeclaration, withdrawDeclaration } from "./person-moves";
export { returnWithNotice, rejectDeclaration, acceptExceptional, MAX_RETURNS_PER_STAGE, type ReturnInput } from "./examiner-moves";
export { requestWithdrawal, decideWithdrawal } from "./withdrawal";
export { startPublicity, recordObjection, resolveObjection, finishPublicity, type StartPublicityInput, type ObjectionInput } from "./publicity";
export { unitVerify, unitRecommend, deptApprove, hrssCheck, acceptDeclarations, abandonOverdue, type BatchMoveInput } from "./batch-moves";
export type { MoveResult } from "./moves-common";
