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
};
