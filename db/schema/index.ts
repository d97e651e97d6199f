export * from "./orgs";
export * from "./users";
export * from "./committees";
export * from "./audit";
export * from "./roster";
export * from "./backfill";
export * from "./certificates";
export * from "./grants";
