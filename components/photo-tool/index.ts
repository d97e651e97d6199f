export { PhotoTool, type PhotoToolProps } from "./photo-tool";
export type { CertificatePreviewFields } from "./certificate-preview";
