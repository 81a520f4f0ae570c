/** Dates to ISO strings, recursively: what JSON responses and their schemas carry. */
export function isoDates<T>(value: T): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(isoDates);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isoDates(v)]));
  }
  return value;
}
