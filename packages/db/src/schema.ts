/**
 * @module The one source of row types: every table the migrations create is described here,
 * and the rest of the code derives `Selectable`/`Insertable` types from it.
 */

// biome-ignore lint/complexity/noBannedTypes: tables are added here as migrations add them.
export type Database = {};
