/** Block type ids end in `@v<N>` (reference §d); each version is a separate block of one family. */

export interface VersionedType {
  /** What comes before `@v`: `roboflow_core/open_ai` for `roboflow_core/open_ai@v4`. */
  family: string;
  version: number;
}

const VERSIONED_TYPE = /^(.+)@v([1-9]\d*)$/;

/** The family and version of a type id, or undefined for ids without a version suffix (`OpenAI`). */
export function parseVersionedType(typeId: string): VersionedType | undefined {
  const match = VERSIONED_TYPE.exec(typeId);
  return match ? { family: match[1], version: Number(match[2]) } : undefined;
}
