/**
 * Reading one element of a typed buffer by dtype, for previews of torch storages and weights files
 * alike. float16 and bfloat16 have no DataView getter: they are widened by hand.
 */
import type { DtypeName } from './pickle/values.ts';

export type Scalar = number | bigint | boolean;

export function half(bits: number): number {
  const s = bits & 0x8000 ? -1 : 1;
  const e = (bits >> 10) & 0x1f;
  const f = bits & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

export function elementReader(dtype: DtypeName, dv: DataView, little: boolean): ((byteOffset: number) => Scalar) | undefined {
  const f32 = new DataView(new ArrayBuffer(4));
  switch (dtype) {
    case 'float32':
      return (o) => dv.getFloat32(o, little);
    case 'float64':
      return (o) => dv.getFloat64(o, little);
    case 'float16':
      return (o) => half(dv.getUint16(o, little));
    case 'bfloat16':
      return (o) => {
        f32.setUint32(0, dv.getUint16(o, little) << 16);
        return f32.getFloat32(0);
      };
    case 'int8':
      return (o) => dv.getInt8(o);
    case 'uint8':
      return (o) => dv.getUint8(o);
    case 'int16':
      return (o) => dv.getInt16(o, little);
    case 'uint16':
      return (o) => dv.getUint16(o, little);
    case 'int32':
      return (o) => dv.getInt32(o, little);
    case 'uint32':
      return (o) => dv.getUint32(o, little);
    case 'int64':
      return (o) => {
        const v = dv.getBigInt64(o, little);
        return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
      };
    case 'uint64':
      return (o) => {
        const v = dv.getBigUint64(o, little);
        return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
      };
    case 'bool':
      return (o) => dv.getUint8(o) !== 0;
    default:
      return undefined;
  }
}

export interface ValuesSummary {
  first: Scalar[];
  /** Elements the statistics cover: all of them, or the first ones when the tensor was too large to read. */
  counted: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  nanCount: number;
}

/** First values and statistics of a contiguous run of elements. */
export function summariseContiguous(bytes: Uint8Array, dtype: DtypeName, elementSize: number, little: boolean, count = 8): ValuesSummary | undefined {
  const read = elementReader(dtype, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), little);
  if (!read) return undefined;
  const n = Math.floor(bytes.length / elementSize);
  const stats = new ValueStats(count);
  for (let i = 0; i < n; i++) stats.add(read(i * elementSize));
  return { counted: n, ...stats.result() };
}

/** First values, min, max, mean (NaN excluded) and NaN count, one element at a time: torch's strided walk and contiguous reads share it. */
export class ValueStats {
  readonly first: Scalar[] = [];
  private min = Infinity;
  private max = -Infinity;
  private sum = 0;
  private valid = 0;
  private nanCount = 0;
  constructor(private readonly count: number) {}
  add(v: Scalar): void {
    if (this.first.length < this.count) this.first.push(v);
    const x = Number(v);
    if (Number.isNaN(x)) this.nanCount++;
    else {
      if (x < this.min) this.min = x;
      if (x > this.max) this.max = x;
      this.sum += x;
      this.valid++;
    }
  }
  result(): Omit<ValuesSummary, 'counted'> {
    const some = this.valid > 0;
    return { first: this.first, min: some ? this.min : null, max: some ? this.max : null, mean: some ? this.sum / this.valid : null, nanCount: this.nanCount };
  }
}
