// Term vectors as little-endian blobs, so the file reads the same on any machine.

export function encodeTerms(terms: Uint32Array): Buffer {
  const buffer = Buffer.alloc(terms.length * 4);
  terms.forEach((value, i) => buffer.writeUInt32LE(value, i * 4));
  return buffer;
}

export function decodeTerms(buffer: Buffer, offset = 0, length = (buffer.length - offset) / 4): Uint32Array {
  const terms = new Uint32Array(length);
  for (let i = 0; i < length; i++) terms[i] = buffer.readUInt32LE(offset + i * 4);
  return terms;
}

export function encodeFloats(values: Float64Array): Buffer {
  const buffer = Buffer.alloc(values.length * 8);
  values.forEach((value, i) => buffer.writeDoubleLE(value, i * 8));
  return buffer;
}

export function decodeFloats(buffer: Buffer): Float64Array {
  const values = new Float64Array(buffer.length / 8);
  for (let i = 0; i < values.length; i++) values[i] = buffer.readDoubleLE(i * 8);
  return values;
}

/** Several term sets, each as its length (uint32) followed by its terms. */
export function encodeTermSets(sets: readonly Uint32Array[]): Buffer {
  return Buffer.concat(sets.flatMap((terms) => {
    const length = Buffer.alloc(4);
    length.writeUInt32LE(terms.length, 0);
    return [length, encodeTerms(terms)];
  }));
}

export function decodeTermSets(buffer: Buffer): Uint32Array[] {
  const sets: Uint32Array[] = [];
  for (let offset = 0; offset < buffer.length; ) {
    const length = buffer.readUInt32LE(offset);
    sets.push(decodeTerms(buffer, offset + 4, length));
    offset += 4 + 4 * length;
  }
  return sets;
}
