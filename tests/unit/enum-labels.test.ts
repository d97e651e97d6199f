import { describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import {
  CERTIFICATE_STATUSES,
  CONFLICT_KINDS,
  CONFLICT_RELATIONS,
  ID_TYPES,
  LOOKUP_CHANNELS,
  OBTAIN_METHODS,
  ORG_STATUSES,
  POOL_MEMBER_STATUSES,
  ROSTER_IMPORT_STATUSES,
  ROSTER_STATUSES,
  TITLE_LEVELS,
  USER_ROLES,
  BALLOT_CHOICES,
  BLOCK_CATEGORIES,
  ROUND_CONFLICT_STATUSES,
  ROUND_STATES,
  TALLY_CONFIRMER_KINDS,
  TALLY_RESULTS,
} from "@/db/schema/enums";
import { CONFLICT_KIND_LABELS, CONFLICT_RELATION_LABELS, POOL_MEMBER_STATUS_INFO } from "@/lib/experts/constants";
import { LOOKUP_CHANNEL_LABELS } from "@/lib/certificates/holder";
import { ORG_STATUS_LABELS } from "@/lib/orgs/subordinates";
import { CERTIFICATE_STATUS_INFO } from "@/lib/query/views";
import { ROLE_INFO } from "@/lib/roles";
import { ID_TYPE_LABELS, OBTAIN_METHOD_LABELS, ROSTER_STATUS_INFO, TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { IMPORT_STATUS_LABELS } from "@/lib/roster/import-queries";
import { BALLOT_CHOICE_LABELS, BLOCK_CATEGORY_LABELS, CONFIRMER_KIND_LABELS, CONFLICT_STATUS_LABELS, ROUND_STATE_LABELS, TALLY_RESULT_LABELS } from "@/lib/review-rounds/constants";

const HAS_CHINESE = /[\u4e00-\u9fff]/;

/** Each label table: its enum's values and the label of each value. */
const TABLES: [string, readonly string[], Record<string, string>][] = [
  ["user_role", USER_ROLES, Object.fromEntries(Object.entries(ROLE_INFO).map(([k, v]) => [k, v.label]))],
  ["id_type", ID_TYPES, ID_TYPE_LABELS],
  ["roster_status", ROSTER_STATUSES, Object.fromEntries(Object.entries(ROSTER_STATUS_INFO).map(([k, v]) => [k, v.label]))],
  ["title_level", TITLE_LEVELS, TITLE_LEVEL_LABELS],
  ["obtain_method", OBTAIN_METHODS, OBTAIN_METHOD_LABELS],
  ["roster_import_status", ROSTER_IMPORT_STATUSES, IMPORT_STATUS_LABELS],
  ["org_status", ORG_STATUSES, ORG_STATUS_LABELS],
  ["certificate_status", CERTIFICATE_STATUSES, Object.fromEntries(Object.entries(CERTIFICATE_STATUS_INFO).map(([k, v]) => [k, v.label]))],
  ["lookup_channel", LOOKUP_CHANNELS, LOOKUP_CHANNEL_LABELS],
  ["pool_member_status", POOL_MEMBER_STATUSES, Object.fromEntries(Object.entries(POOL_MEMBER_STATUS_INFO).map(([k, v]) => [k, v.label]))],
  ["conflict_kind", CONFLICT_KINDS, CONFLICT_KIND_LABELS],
  ["conflict_relation", CONFLICT_RELATIONS, CONFLICT_RELATION_LABELS],
  ["round_state", ROUND_STATES, Object.fromEntries(Object.entries(ROUND_STATE_LABELS).map(([k, v]) => [k, v.label]))],
  ["block_category", BLOCK_CATEGORIES, BLOCK_CATEGORY_LABELS],
  ["round_conflict_status", ROUND_CONFLICT_STATUSES, CONFLICT_STATUS_LABELS],
  ["ballot_choice", BALLOT_CHOICES, BALLOT_CHOICE_LABELS],
  ["tally_result", TALLY_RESULTS, Object.fromEntries(Object.entries(TALLY_RESULT_LABELS).map(([k, v]) => [k, v.label]))],
  ["tally_confirmer_kind", TALLY_CONFIRMER_KINDS, CONFIRMER_KIND_LABELS],
];

describe("enum label tables", () => {
  it.each(TABLES)("%s: every value has a Chinese label, and nothing else", (_name, values, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
    for (const v of values) expect(labels[v]).toMatch(HAS_CHINESE);
  });

  it("the pgEnums are built from the db/schema/enums.ts tuples", () => {
    const pgEnums = Object.values(schema).filter(
      (x): x is typeof schema.userRole => typeof x === "function" && "enumName" in x && "enumValues" in x,
    );
    expect(pgEnums.length).toBeGreaterThanOrEqual(19);
    expect(schema.userRole.enumValues).toEqual(USER_ROLES);
    expect(schema.idType.enumValues).toEqual(ID_TYPES);
    expect(schema.rosterStatus.enumValues).toEqual(ROSTER_STATUSES);
    expect(schema.titleLevel.enumValues).toEqual(TITLE_LEVELS);
    expect(schema.obtainMethod.enumValues).toEqual(OBTAIN_METHODS);
    expect(schema.rosterImportStatus.enumValues).toEqual(ROSTER_IMPORT_STATUSES);
    expect(schema.orgStatus.enumValues).toEqual(ORG_STATUSES);
    expect(schema.certificateStatus.enumValues).toEqual(CERTIFICATE_STATUSES);
    expect(schema.lookupChannel.enumValues).toEqual(LOOKUP_CHANNELS);
    expect(schema.roundState.enumValues).toEqual(ROUND_STATES);
    expect(schema.ballotChoice.enumValues).toEqual(BALLOT_CHOICES);
  });
});
