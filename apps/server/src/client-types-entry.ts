/**
 * @module The tiny TypeScript file `patchbay client-types` compiles next to the deployment's
 * config. Its one export has the deployment's router written out as plain data: the helper
 * types are local to a function, so declaration emit cannot name them (nor the server's own
 * named types) and writes every procedure's input and output structurally instead.
 */

/** The source of the entry, importing the config from `configImport` (a relative specifier). */
export function clientTypesEntry(configImport: string): string {
  return `import type { AppRouterFor } from '@patchbay/api';
import type config from ${JSON.stringify(configImport)};

type Deployment = AppRouterFor<(typeof config)['connectors']>;

function expand<R extends { _def: { _config: { $types: { errorShape: unknown } }; record: object } }>() {
  type Leaf = string | number | boolean | bigint | symbol | null | undefined | Date;
  // A named union on the server (a Role, an error code) would be emitted as an import of its
  // package. Reading each member back out of an object keyed by the members builds a new union
  // with no name or origin, which declaration emit writes out member by member.
  type ValuesOf<O> = O[keyof O];
  type Members<T> = ValuesOf<{ [K in Extract<T, PropertyKey> as K]: K }> | Exclude<T, PropertyKey>;
  // Keys are renamed (to themselves) so the new properties do not point back at the server's
  // declarations, which declaration emit would otherwise copy, named types and all. Renaming
  // keeps optional and readonly modifiers but not arrays, so arrays are mapped on their own.
  type Plain<T> = unknown extends T
    ? T
    : [T] extends [Leaf]
      ? Members<T>
      : T extends (...args: never[]) => unknown
        ? T
        : T extends readonly (infer E)[]
          ? Plain<E>[]
          : { [K in keyof T as K extends string ? \`\${K}\` : K]: Plain<T[K]> };
  type Walk<Rec> = {
    [K in keyof Rec]: Rec[K] extends { _def: { procedure: true; type: infer Type; $types: { input: infer I; output: infer O } } }
      ? { type: Type; input: Plain<I>; output: Plain<O> }
      : Walk<Rec[K]>;
  };
  return null as unknown as {
    procedures: Walk<R['_def']['record']>;
    errorShape: Plain<R['_def']['_config']['$types']['errorShape']>;
  };
}

export const deployment = expand<Deployment>();
`;
}
