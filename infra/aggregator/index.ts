/** In-process use by the app: `Aggregator.start({ sql: db.sql, swarmIds, broker: { kind: "embedded" } })`. */
export { Aggregator, parseRecord, type AggregatorOptions, type BrokerChoice, type SwarmConfig } from "./aggregator";
export { createHttpHandler } from "./http";
export { migrateAggregator, AGGREGATOR_SCHEMA } from "./schema";
export { generatePassword, hashPassword, verifyPassword, type CredentialRole } from "./credentials";
export { compileRule, type CompiledRule } from "./rules";
export type { HistoryQuery } from "./store";
export type { AggregatorEvent, Alert, HistoryBucket, NodeState, StoredRecord, Sql } from "./types";
