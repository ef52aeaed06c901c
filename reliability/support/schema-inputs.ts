import fc from 'fast-check';
import { z } from 'zod';

/** The part of JSON Schema that `z.toJSONSchema` produces for the API contract. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  pattern?: string;
  default?: unknown;
}

/** The JSON Schema of a zod input schema, as the contract declares it. */
export function inputJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

function types(schema: JsonSchema): string[] {
  if (schema.anyOf) return schema.anyOf.flatMap(types);
  if (schema.enum) return ['string'];
  if (Array.isArray(schema.type)) return schema.type;
  return schema.type ? [schema.type] : [];
}

/**
 * A small value that satisfies `schema` as far as JSON Schema says (refinements such as "an
 * http: URL" are not in it; `hints` supplies realistic values by property name).
 */
export function sampleValue(
  schema: JsonSchema,
  hints: Record<string, unknown> = {},
  name = '',
): unknown {
  if (name in hints) return structuredClone(hints[name]);
  if (schema.anyOf) return sampleValue(schema.anyOf[0] as JsonSchema, hints, name);
  if (schema.enum) return schema.enum[0];
  const type = types(schema)[0];
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const key of schema.required ?? []) {
        value[key] = sampleValue(schema.properties?.[key] ?? {}, hints, key);
      }
      return value;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () =>
        sampleValue(schema.items ?? {}, hints),
      );
    case 'string':
      return 'x'.repeat(Math.max(schema.minLength ?? 0, 1));
    case 'integer':
    case 'number':
      return (
        schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0)
      );
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return null;
  }
}

/** One way to break an input: where, and what to put there. */
export interface Mutation {
  path: (string | number)[];
  kind: string;
  value?: unknown;
  /** Delete the field at `path`. */
  remove?: boolean;
  /** Add `path`'s last key as an own property, even "__proto__" (as JSON.parse would). */
  extra?: boolean;
}

/** A value of none of `allowed` JSON types. */
function wrongTypeValue(allowed: string[]): fc.Arbitrary<unknown> {
  const candidates: [string, fc.Arbitrary<unknown>][] = [
    ['string', fc.constantFrom('', '1', 'null', 'true', '{}')],
    ['number', fc.constantFrom(0, -1, 1.5, 1e21, Number.NaN, Number.POSITIVE_INFINITY)],
    ['boolean', fc.boolean()],
    ['null', fc.constant(null)],
    ['object', fc.constantFrom({}, { 0: 1 })],
    ['array', fc.constantFrom([], [1, 2], [null])],
  ];
  const isAllowed = (t: string) =>
    allowed.includes(t) || (t === 'number' && allowed.includes('integer'));
  return fc.oneof(...candidates.filter(([t]) => !isAllowed(t)).map(([, arb]) => arb));
}

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'extra', 'isAdmin', ''];

/** Every way to break the value at `path` of `schema`, as arbitraries of mutations. */
function mutationsAt(
  schema: JsonSchema,
  path: (string | number)[],
  sample: unknown,
  withWrongType = true,
): fc.Arbitrary<Mutation>[] {
  const out: fc.Arbitrary<Mutation>[] = [];
  const at = (kind: string, value: fc.Arbitrary<unknown>) =>
    out.push(value.map((v) => ({ path, kind, value: v })));
  const allowed = types(schema);
  if (withWrongType && allowed.length > 0 && path.length > 0) {
    at('wrong type', wrongTypeValue(allowed));
  }
  if (schema.anyOf) {
    // Break each non-null option on its own terms; its "wrong type" may be another option's type.
    for (const option of schema.anyOf) {
      if (types(option).includes('null')) continue;
      out.push(...mutationsAt(option, path, sample, false));
    }
    return out;
  }
  if (schema.enum) {
    const first = String(schema.enum[0]);
    at('not in the enum', fc.constantFrom('', 'unknown', first.toUpperCase(), `${first} `));
  }
  const type = allowed[0];
  if (type === 'string') {
    if (schema.maxLength !== undefined) {
      const max = schema.maxLength;
      // Just over, and a megabyte over (where that is not already tens of megabytes).
      const lengths = max > 1_000_000 ? [max + 1] : [max + 1, max + 1000, max + 1_000_000];
      // Astral characters: two UTF-16 units each, so length limits are tested in code units.
      at(
        'too long',
        fc.constantFrom(...lengths).map((n) => '𝑥'.repeat(Math.ceil(n / 2))),
      );
    }
    if ((schema.minLength ?? 0) >= 1) at('empty', fc.constant(''));
    if (schema.pattern) {
      at('not matching its pattern', fc.constantFrom('red', '#12345', '#1234567', '#ggg000'));
    }
  }
  if (type === 'integer' || type === 'number') {
    if ((schema.minimum ?? -1) >= 0) {
      at('negative', fc.constantFrom(-1, -1_000_000, Number.MIN_SAFE_INTEGER));
    }
    if (schema.exclusiveMinimum !== undefined) {
      at('not above its minimum', fc.constant(schema.exclusiveMinimum));
    }
    if (schema.maximum !== undefined) at('above its maximum', fc.constant(schema.maximum + 1));
    if (type === 'integer') at('not a whole number', fc.constantFrom(0.5, 1.000001, 3.14));
    at('not finite', fc.constantFrom(Number.NaN, Infinity, -Infinity));
  }
  if (type === 'array') {
    if (schema.maxItems !== undefined) {
      const item = sampleValue(schema.items ?? {});
      const many = Array.from({ length: schema.maxItems + 1 }, () => structuredClone(item));
      at('too many items', fc.constant(many));
    }
    if (schema.items) {
      const first = Array.isArray(sample) && sample.length > 0 ? sample[0] : undefined;
      for (const inner of mutationsAt(
        schema.items,
        [...path, 0],
        first ?? sampleValue(schema.items),
      )) {
        out.push(inner.map((m) => ({ ...m, kind: `item: ${m.kind}` })));
      }
    }
  }
  if (type === 'object') {
    for (const key of schema.required ?? []) {
      out.push(fc.constant({ path: [...path, key], kind: `missing ${key}`, remove: true }));
    }
    if (schema.additionalProperties === false) {
      out.push(
        fc.tuple(fc.constantFrom(...EXTRA_KEYS), fc.jsonValue()).map(([key, value]) => ({
          path: [...path, key],
          kind: `extra field "${key}"`,
          value,
          extra: true,
        })),
      );
    }
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      const value = (sample as Record<string, unknown> | undefined)?.[key] ?? sampleValue(child);
      out.push(...mutationsAt(child, [...path, key], value));
    }
  }
  return out;
}

/** Applies `mutation` to a deep copy of `base`. */
export function applyMutation(base: unknown, mutation: Mutation): unknown {
  if (mutation.path.length === 0) return mutation.value;
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const [index, step] of mutation.path.slice(0, -1).entries()) {
    let next = parent[step];
    if (next === undefined || next === null || typeof next !== 'object') {
      // Create the list or object a nested mutation needs (e.g. an item of an empty list).
      next = typeof mutation.path[index + 1] === 'number' ? [] : {};
      parent[step] = next;
    }
    parent = next as Record<string | number, unknown>;
  }
  const last = mutation.path[mutation.path.length - 1] as string | number;
  if (mutation.extra) {
    Object.defineProperty(parent, last, {
      value: mutation.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else if (mutation.remove) {
    delete parent[last];
  } else {
    parent[last] = mutation.value;
  }
  return copy;
}

/**
 * Inputs that break `schema` in one or two places: wrong types, missing and extra fields, strings
 * too long (up to a megabyte) or empty, numbers negative, fractional, too large or not finite,
 * lists too long, values outside an enum or pattern; and whole inputs of the wrong type.
 */
export function malformedInputs(
  schema: JsonSchema,
  base: unknown,
): fc.Arbitrary<{ input: unknown; how: string }> {
  const sites = mutationsAt(schema, [], base);
  const topLevel = fc
    .constantFrom<unknown>('', 'getLibrary', 42, true, [], [base], 'null')
    .map((input) => ({ input, how: 'not an object' }));
  const one = fc.oneof(...sites);
  const mutated = fc.array(one, { minLength: 1, maxLength: 2 }).map((mutations) => ({
    input: mutations.reduce<unknown>((value, m) => applyMutation(value, m), base),
    how: mutations.map((m) => `${m.path.join('.') || 'input'}: ${m.kind}`).join('; '),
  }));
  return fc.oneof({ weight: 1, arbitrary: topLevel }, { weight: 12, arbitrary: mutated });
}
