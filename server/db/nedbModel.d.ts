// NeDB's document serializer (one data-file line per document); the package ships no types for it.
declare module '@seald-io/nedb/lib/model.js' {
  export function serialize(doc: unknown): string;
  /** Throws when the line is not a document. */
  export function deserialize(line: string): unknown;
}
