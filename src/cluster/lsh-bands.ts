import { fmix32 } from "./hash32.js";

/**
 * Locality-sensitive keys: the signature cut into bands of `rows` values, each band hashed
 * together with its position. Two signatures share a key when they agree on a whole band, which
 * happens with probability J^rows per band for Jaccard similarity J (plus 2⁻³² by accident).
 * Keys are signed 32-bit integers: cheap to make, to hash in a table and to index in SQL.
 */
export function lshBandKeys(signature: Uint32Array, rows: number): number[] {
  const keys: number[] = [];
  for (let band = 0; (band + 1) * rows <= signature.length; band++) {
    let hash = fmix32(band + 0x51ed);
    for (let row = 0; row < rows; row++) hash = fmix32(hash ^ signature[band * rows + row]!);
    keys.push(hash | 0);
  }
  return keys;
}
