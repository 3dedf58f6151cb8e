/**
 * Sorts each run `list[start[k] .. start[k+1])` of a CSR list in place with `cmp` (a total
 * order: callers end it with the index). Trees are mostly short child lists, so sorting each
 * list alone (insertion sort up to a few items) costs far less than one sort of every span:
 * at 1M spans, one comparator sort of all of them was ~0.25 s of the worker's analysis.
 */
const INSERTION_MAX = 16;

export function sortRuns(list: Int32Array, start: Int32Array, cmp: (a: number, b: number) => number): void {
  const runs = start.length - 1;
  for (let k = 0; k < runs; k++) {
    const from = start[k] ?? 0;
    const to = start[k + 1] ?? from;
    if (to - from < 2) continue;
    if (to - from > INSERTION_MAX) {
      list.subarray(from, to).sort(cmp);
      continue;
    }
    for (let i = from + 1; i < to; i++) {
      const v = list[i] ?? 0;
      let j = i - 1;
      while (j >= from && cmp(list[j] ?? 0, v) > 0) {
        list[j + 1] = list[j] ?? 0;
        j--;
      }
      list[j + 1] = v;
    }
  }
}
