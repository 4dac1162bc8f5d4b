import * as crypto from "node:crypto";
import type { Field } from "./layout";

/**
 * Hashes apply uses to recognise things again. Neither needs to resist an adversary: one names a configuration
 * row among the few rows of one service point, the other only narrows which keys need a lookup. Both run in plain
 * JavaScript over the cells where they lie, since building a text to hand to SHA-256 cost more than the hashing.
 */

const LANE_PRIMES = [0x01000193, 0x85ebca6b, 0xc2b2ae35, 0x27d4eb2f];
const LANE_SEEDS = [0x811c9dc5, 0x9747b28c, 0x2545f491, 0x68e31da4];

/** Murmur3's finaliser: spreads every input bit over the output. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Two hex digits per byte value: four lookups write a 32-bit word without toString's and padStart's work. */
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const hex = (h: number) => BYTE_HEX[h >>> 24] + BYTE_HEX[(h >>> 16) & 255] + BYTE_HEX[(h >>> 8) & 255] + BYTE_HEX[h & 255];

/** The columns a fingerprint reads, in name order, with each name's hash worked out once. */
export interface FingerprintFields {
  positions: readonly number[];
  nameHashes: readonly number[];
}

export function fingerprintFields(fields: readonly Field[]): FingerprintFields {
  return { positions: fields.map((f) => f.position), nameHashes: fields.map((f) => nameHash(f.name)) };
}

/**
 * A 128-bit hash (32 hex digits) of a row's non-blank cells in `fields` (taken in name order, as FileLayout.fields
 * gives them): each cell contributes its column name and its text, then its length, which keeps ["ab", "c"] apart
 * from ["a", "bc"]. Four FNV-1a lanes with different multipliers, each finished with Murmur3's mixer. It depends
 * on names and values only, so a row keeps its hash whatever the header's order, spelling or extra empty columns.
 */
export function rowFingerprint(cells: readonly string[], { positions, nameHashes }: FingerprintFields): string {
  let [a, b, c, d] = LANE_SEEDS;
  const [pa, pb, pc, pd] = LANE_PRIMES;
  for (let f = 0; f < positions.length; f++) {
    const cell = cells[positions[f]] ?? "";
    if (cell === "") continue;
    const named = nameHashes[f];
    a = Math.imul(a ^ named, pa);
    b = Math.imul(b ^ named, pb);
    c = Math.imul(c ^ named, pc);
    d = Math.imul(d ^ named, pd);
    for (let i = 0; i < cell.length; i++) {
      const code = cell.charCodeAt(i);
      a = Math.imul(a ^ code, pa);
      b = Math.imul(b ^ code, pb);
      c = Math.imul(c ^ code, pc);
      d = Math.imul(d ^ code, pd);
    }
    a = Math.imul(a ^ cell.length, pa);
    b = Math.imul(b ^ cell.length, pb);
    c = Math.imul(c ^ cell.length, pc);
    d = Math.imul(d ^ cell.length, pd);
  }
  return hex(mix(a)) + hex(mix(b ^ a)) + hex(mix(c ^ b)) + hex(mix(d ^ c));
}

/** A column name's own 32-bit FNV-1a hash. */
function nameHash(name: string): number {
  let hash = LANE_SEEDS[0];
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), LANE_PRIMES[0]);
  return hash >>> 0;
}

/**
 * Keys seen so far, as a bit set: may answer "perhaps" for a key never added (about one in forty at 100,000 keys)
 * but never "no" for one that was, which is all a filter in front of a lookup needs. A flat 512 KiB of bits stays in
 * cache where a Set of 100,000 entries does not, and nothing is allocated per key.
 */
export class KeyFilter {
  private readonly bits = new Int32Array(1 << 17);

  add(text: string): void {
    const h = keyHash(text);
    this.bits[h >>> 5] |= 1 << (h & 31);
  }

  mayHave(text: string): boolean {
    const h = keyHash(text);
    return (this.bits[h >>> 5] & (1 << (h & 31))) !== 0;
  }
}

/** FNV-1a of the whole text, folded to the filter's 22 bits. */
function keyHash(text: string): number {
  let hash = LANE_SEEDS[0];
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), LANE_PRIMES[0]);
  return ((hash >>> 22) ^ hash) & 0x3fffff;
}

/**
 * SHA-256 (hex) of a text, for content compared rather than merely looked for. crypto.hash is the one-shot form
 * (Node 20.12+); older Node 20 releases fall back to createHash.
 */
export function sha256Hex(text: string): string {
  return typeof crypto.hash === "function" ? crypto.hash("sha256", text, "hex") : crypto.createHash("sha256").update(text).digest("hex");
}
