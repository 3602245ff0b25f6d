export type * from "./item.js";
export type * from "./match.js";
export type * from "./story.js";
export type * from "./outbound.js";
export * from "./source-state.js";
export * from "./clock.js";
export * from "./errors.js";
export type * from "./digest.js";
