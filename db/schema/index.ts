export * from "./orgs";
export * from "./users";
export * from "./committees";
export * from "./audit";
