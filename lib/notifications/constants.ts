/** In-app notification kinds (notifications.kind) with their Chinese labels. */
export const NOTIFICATION_KIND_LABELS: Record<string, string> = {
  photo_approved: "照片审核通过",
  photo_rejected: "照片未通过",
  submitted: "已提交确认",
  confirmed: "证书已确认",
  returned: "已退回",
  return_fixed: "退回已处理",
  revoked: "证书已撤销",
  corrected: "证书已更正",
  batch_confirmed: "批次已确认",
  photo_not_needed: "无需照片",
  // 证件号码被占用申诉 (docs/domain.md §11), addressed to the account.
  id_dispute_filed: "证件号码申诉已提交",
  id_dispute_upheld: "申诉成立",
  id_dispute_rejected: "申诉不成立",
  id_dispute_account_disabled: "账号已停用",
  // 申报 (docs/domain.md §16), addressed to the person: kind `declaration_<new status>`.
  declaration_submitted: "申报已提交",
  declaration_unit_verified: "单位已审核",
  declaration_in_publicity: "单位公示",
  declaration_unit_recommended: "单位已推荐",
  declaration_dept_approved: "主管部门已审核",
  declaration_hrss_checked: "人社部门已审核",
  declaration_accepted: "评委会已受理",
  declaration_returned: "申报退回补正",
  declaration_withdrawn: "申报已撤回",
  declaration_rejected: "申报不予受理",
  declaration_abandoned: "逾期未补正",
  declaration_withdrawal_refused: "撤回申请未获同意",
  // Addressed to the office holding the declaration.
  declaration_withdrawal_requested: "撤回申请",
};
