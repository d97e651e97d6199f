/** The in-app messages of a dispute, addressed to the accounts (notifications.userId); kinds labelled in lib/notifications/constants.ts. */
export const disputeMessages = {
  filed: "您的证件号码占用申诉已提交，所在地区人社部门审核后会通过站内消息告知结果。",
  upheldFiler: "您的证件号码占用申诉经人社部门审核成立，证件号码已绑定到您的账号，现在可以查看本人的证书补录记录和证书。",
  upheldOccupant: (reason: string) =>
    `经人社部门审核，您账号登记的证件号码被他人申诉并经核实属于申诉人，您的账号已停用，证件号码已解除绑定。${reason ? `审核意见：${reason}。` : ""}如有异议请联系所在地区人社部门。`,
  rejectedFiler: (reason: string) => `您的证件号码占用申诉经人社部门审核不成立。理由：${reason}。如有新的证明材料，可重新提交申诉。`,
  rejectedOccupant: "有人对您账号登记的证件号码提出占用申诉，经人社部门审核不成立，您的账号不受影响。",
};
