import { z } from "zod";
import { safeText } from "./text";

// Field schemas shared by the back-office action schemas, so every form words its errors the same way.

export const uuidField = z.uuid({ error: "参数无效" });
export const versionField = z.number({ error: "参数无效" }).int().positive();
/** A row at the version the user saw (optimistic check). */
export const versionedRefField = z.object({ id: uuidField, version: versionField });
/** A reason typed by the user: required, 2–200 characters. */
export const reasonField = (label: string) =>
  safeText({ label, multiline: true })
    .min(2, `请填写${label}（至少2个字）`)
    .max(200, `${label}不能超过200个字`);
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
