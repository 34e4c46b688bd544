/**
 * Small typed readers for stored event payloads. A stored row may be old, odd or
 * damaged; a reader returns the value when it has the declared type, otherwise
 * undefined, and never throws. Plain functions, no zod, so the client's history
 * chunk stays free of the validator.
 */

/** A value of type T, or undefined when the stored value is not one. */
export type Read<T> = (value: unknown) => T | undefined;

/** One reader for every field of T, each checked against the field's declared type. */
export type Spec<T> = { [K in keyof T]-?: Read<Exclude<T[K], undefined>> };

export const text: Read<string> = (value) => (typeof value === 'string' ? value : undefined);
export const num: Read<number> = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
export const flag: Read<boolean> = (value) => (typeof value === 'boolean' ? value : undefined);

/** One of a vocabulary (stages, stances, thresholds…): anything else reads as missing. */
export function oneOf<const T extends string>(values: readonly T[]): Read<T> {
  return (value) => values.find((item) => item === value);
}

/** A cleared field is stored as null: null reads as null, not as missing. */
export function orNull<T>(read: Read<T>): Read<T | null> {
  return (value) => (value === null ? null : read(value));
}

/** A list keeps the items that read; a value that is not a list is missing. */
export function listOf<T>(read: Read<T>): Read<T[]> {
  return (value) => (Array.isArray(value) ? value.flatMap((item) => fieldOrNothing(read(item))) : undefined);
}

const fieldOrNothing = <T>(value: T | undefined): T[] => (value === undefined ? [] : [value]);

const isDocument = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The fields of a stored document that read as declared, in the stored order (sentences
 * list changed fields in that order). Unknown and ill-typed fields are left out.
 */
export function fields<T>(value: unknown, spec: Spec<T>): Partial<T> {
  const out: Partial<T> = {};
  if (!isDocument(value)) return out;
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(spec, key)) continue;
    const name = key as keyof T & string;
    const read = spec[name];
    const field = read(value[key]);
    if (field !== undefined) out[name] = field;
  }
  return out;
}

/** A nested record read whole: every field must read, else the record is missing. */
export function whole<T>(spec: Spec<T>): Read<T> {
  return (value) => {
    const read = fields(value, spec);
    return (Object.keys(spec) as (keyof T)[]).every((key) => read[key] !== undefined) ? (read as T) : undefined;
  };
}
