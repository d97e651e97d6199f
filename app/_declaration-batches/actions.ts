"use server";

import { protectedAction } from "@/lib/actions/safe-action";
import { closeBatch, createBatch } from "@/lib/declarations/batches";
import { closeBatchSchema, createBatchSchema } from "@/lib/declarations/schemas";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";
import { BATCH_REVALIDATE } from "./areas";

// Public POST endpoints: session, role and input here; the committee's ownership inside the domain calls.

export const createBatchAction = protectedAction({
  name: "declaration_batch.create.action",
  roles: COMMITTEE_FORMING_ROLES,
  schema: createBatchSchema,
  revalidate: BATCH_REVALIDATE,
  handler: async ({ tx, user, input, ip }) => {
    const b = await createBatch(tx, user, { ...input, ip });
    return { data: { id: b.id }, message: `已开放申报批次“${b.name}”`, audit: { targetType: "declaration_batch", targetId: b.id } };
  },
});

export const closeBatchAction = protectedAction({
  name: "declaration_batch.close.action",
  roles: COMMITTEE_FORMING_ROLES,
  schema: closeBatchSchema,
  revalidate: BATCH_REVALIDATE,
  handler: async ({ tx, user, input, ip }) => {
    const b = await closeBatch(tx, user, { ...input, ip });
    return { data: { id: b.id }, message: `申报批次“${b.name}”已截止申报`, audit: { targetType: "declaration_batch", targetId: b.id } };
  },
});
