import type { EvaluationInput, Place } from "./evaluate-query.js";
import type { ItemScanner } from "./item-scanner.js";
import type { LeafTable } from "./leaf-registry.js";
import type { OccurrenceLog } from "./occurrence-log.js";

/** What evaluation reads of the current item, with each leaf's verified occurrences cached per item. */
export interface ItemInput extends EvaluationInput {
  sourceId: string;
  /** Forget the previous item's cache; `sourceId` as the item gives it. */
  startItem(sourceId: string): void;
}

export function createItemInput(leaves: LeafTable, log: OccurrenceLog, scanner: ItemScanner): ItemInput {
  const count = leaves.pattern.length;
  const bitsStamp = new Int32Array(count);
  const bitsOf = new Int32Array(count);
  const placesStamp = new Int32Array(count);
  const placesOf: Place[][] = Array.from({ length: count }, () => []);
  let generation = 0;

  return {
    sourceId: "",
    startItem(sourceId) {
      this.sourceId = sourceId.toLowerCase();
      if (++generation === 0x7fffffff) {
        generation = 1;
        bitsStamp.fill(0);
        placesStamp.fill(0);
      }
    },
    fieldsOf(leaf) {
      if (bitsStamp[leaf] === generation) return bitsOf[leaf]!;
      let bits = 0;
      for (let at = log.firstOf(leaves.pattern[leaf]!); at >= 0; at = log.after(at)) {
        const field = log.field[at]!;
        if ((bits & (1 << field)) === 0 && leaves.verify(leaf, scanner, log.first[at]!, log.last[at]!, field)) bits |= 1 << field;
      }
      bitsStamp[leaf] = generation;
      bitsOf[leaf] = bits;
      return bits;
    },
    places(leaf) {
      if (placesStamp[leaf] === generation) return placesOf[leaf]!;
      const found: Place[] = [];
      for (let at = log.firstOf(leaves.pattern[leaf]!); at >= 0; at = log.after(at)) {
        const s = log.first[at]!;
        const e = log.last[at]!;
        const f = log.field[at]!;
        if (leaves.verify(leaf, scanner, s, e, f)) found.push({ s, e, f });
      }
      placesStamp[leaf] = generation;
      placesOf[leaf] = found;
      return found;
    },
  };
}
