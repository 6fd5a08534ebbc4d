/**
 * A catalog table read by a key that arrives as data (a trace event's key, a preset id): only
 * the table's own entries count, so a key such as `constructor` finds nothing instead of
 * Object's prototype.
 */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
