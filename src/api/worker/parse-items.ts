/**
 * JSON.parse of `[items]`, or undefined when that is not JSON: how the stream readers check a
 * cut between two array items (a cut inside an item leaves its brackets open, which fails).
 */
export function parseItems(items: string): unknown[] | undefined {
  try {
    return JSON.parse(`[${items}]`) as unknown[];
  } catch {
    return undefined;
  }
}
