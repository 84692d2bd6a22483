/**
 * The one hot loop every vector strategy shares: inner products of a block of rows with a set of
 * centers. Plain JavaScript reaches about 1.5 GMAC/s on it (Float32Array loads widen to doubles and
 * nothing is vectorized); this WebAssembly SIMD kernel reaches about 14, which is what makes CoreSet
 * over a million pool vectors take seconds instead of minutes.
 *
 * The module is emitted here, byte by byte, rather than shipped as a binary: it is one function, the
 * source stays readable TypeScript, and no C or Rust toolchain is needed to rebuild it. Opcodes
 * follow the WebAssembly core and fixed-width SIMD specifications.
 *
 * `dots(x, rows, c, m, stride, out, outStride)`: out[r·outStride/4 + j] = x_r · c_j for r < rows,
 * j < m, where x and c are row-major f32 matrices whose rows are `stride` bytes apart, all pointers
 * and strides are in bytes into the module's memory, rows is a multiple of ROW_TILE, m of
 * CENTER_TILE and stride of 16 (callers pad with zeros). Each step of the inner loop loads ROW_TILE
 * row chunks and CENTER_TILE center chunks of four floats and updates ROW_TILE × CENTER_TILE
 * accumulators, which fit x86-64's 16 vector registers.
 */
export const ROW_TILE = 2;
export const CENTER_TILE = 4;
/**
 * `dotsColumn(x, rows, c, 1, stride, out, outStride)` is the same for one center with a 4 × 1 tile
 * (rows a multiple of COLUMN_ROW_TILE): a 2 × 4 tile would spend three quarters of its work on
 * padding centers, and k-means++ seeding and BADGE add one center at a time.
 */
export const COLUMN_ROW_TILE = 4;

const I32 = 0x7f;
const V128 = 0x7b;

/** Unsigned LEB128. */
function u32(value: number): number[] {
  const out: number[] = [];
  let n = value >>> 0;
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128. */
function s32(value: number): number[] {
  const out: number[] = [];
  let n = value | 0;
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const vector = (items: number[][]): number[] => [...u32(items.length), ...items.flat()];
const section = (id: number, bytes: number[]): number[] => [id, ...u32(bytes.length), ...bytes];
const name = (text: string): number[] => vector([...text].map((ch) => [ch.charCodeAt(0)]));

const op = {
  localGet: (i: number) => [0x20, ...u32(i)],
  localSet: (i: number) => [0x21, ...u32(i)],
  localTee: (i: number) => [0x22, ...u32(i)],
  i32Const: (n: number) => [0x41, ...s32(n)],
  i32Add: [0x6a],
  i32Mul: [0x6c],
  i32GeU: [0x4f],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, ...u32(depth)],
  brIf: (depth: number) => [0x0d, ...u32(depth)],
  f32Add: [0x92],
  /** f32.store with 4-byte alignment. */
  f32Store: (offset: number) => [0x38, 2, ...u32(offset)],
  /** v128.load with 16-byte alignment hint (a hint only: unaligned loads are valid). */
  v128Load: [0xfd, ...u32(0), 4, 0],
  v128Zero: [0xfd, ...u32(12), ...new Array<number>(16).fill(0)],
  f32x4Add: [0xfd, ...u32(228)],
  f32x4Mul: [0xfd, ...u32(230)],
  f32x4Lane: (lane: number) => [0xfd, ...u32(31), lane],
};

/** The body of a dots function with a rowTile × centerTile register tile: locals, then code. */
function dotsBody(rowTile: number, centerTile: number): number[] {
  // Parameters, then locals: i32s first, then v128s.
  const [X, ROWS, C, M, STRIDE, OUT, OUT_STRIDE] = [0, 1, 2, 3, 4, 5, 6];
  const R = 7;
  const J = R + 1;
  const K = R + 2;
  const OUT_ROW = R + 3;
  const ROW_PTR = R + 4; // rowTile of them
  const CENTER_PTR = ROW_PTR + rowTile; // centerTile of them
  const I32_LOCALS = CENTER_PTR + centerTile - R;
  const ROW_VEC = R + I32_LOCALS; // rowTile of them
  const CENTER_VEC = ROW_VEC + rowTile;
  const ACC = CENTER_VEC + 1; // rowTile × centerTile of them
  const V128_LOCALS = rowTile + 1 + rowTile * centerTile;

  const code: number[] = [];
  const emit = (...parts: number[][]): void => {
    for (const part of parts) code.push(...part);
  };
  // A loop `for (counter = 0; counter < limit; counter += step) body()`.
  const forLoop = (counter: number, limit: number[], step: number[], body: () => void): void => {
    emit(op.i32Const(0), op.localSet(counter), op.block, op.loop);
    emit(op.localGet(counter), limit, op.i32GeU, op.brIf(1));
    body();
    emit(op.localGet(counter), step, op.i32Add, op.localSet(counter), op.br(0), op.end, op.end);
  };

  emit(op.localGet(OUT), op.localSet(OUT_ROW));
  forLoop(R, op.localGet(ROWS), op.i32Const(rowTile), () => {
    // Row pointers: x + (r + t)·stride.
    emit(op.localGet(X), op.localGet(R), op.localGet(STRIDE), op.i32Mul, op.i32Add, op.localSet(ROW_PTR));
    for (let t = 1; t < rowTile; t++) emit(op.localGet(ROW_PTR + t - 1), op.localGet(STRIDE), op.i32Add, op.localSet(ROW_PTR + t));
    forLoop(J, op.localGet(M), op.i32Const(centerTile), () => {
      emit(op.localGet(C), op.localGet(J), op.localGet(STRIDE), op.i32Mul, op.i32Add, op.localSet(CENTER_PTR));
      for (let t = 1; t < centerTile; t++) {
        emit(op.localGet(CENTER_PTR + t - 1), op.localGet(STRIDE), op.i32Add, op.localSet(CENTER_PTR + t));
      }
      for (let a = 0; a < rowTile * centerTile; a++) emit(op.v128Zero, op.localSet(ACC + a));
      forLoop(K, op.localGet(STRIDE), op.i32Const(16), () => {
        for (let t = 0; t < rowTile; t++) emit(op.localGet(ROW_PTR + t), op.localGet(K), op.i32Add, op.v128Load, op.localSet(ROW_VEC + t));
        for (let c = 0; c < centerTile; c++) {
          emit(op.localGet(CENTER_PTR + c), op.localGet(K), op.i32Add, op.v128Load, op.localSet(CENTER_VEC));
          for (let t = 0; t < rowTile; t++) {
            const acc = ACC + t * centerTile + c;
            emit(op.localGet(acc), op.localGet(ROW_VEC + t), op.localGet(CENTER_VEC), op.f32x4Mul, op.f32x4Add, op.localSet(acc));
          }
        }
      });
      // out[(r + t)·m + j + c] = horizontal sum of the accumulator.
      for (let t = 0; t < rowTile; t++) {
        for (let c = 0; c < centerTile; c++) {
          const acc = ACC + t * centerTile + c;
          // out_row + t·outStride + (j + c)·4, the c·4 going into the store's offset.
          emit(op.localGet(OUT_ROW), op.localGet(J), op.i32Const(4), op.i32Mul, op.i32Add);
          if (t > 0) emit(op.localGet(OUT_STRIDE), op.i32Const(t), op.i32Mul, op.i32Add);
          emit(op.localGet(acc), op.f32x4Lane(0), op.localGet(acc), op.f32x4Lane(1), op.f32Add);
          emit(op.localGet(acc), op.f32x4Lane(2), op.localGet(acc), op.f32x4Lane(3), op.f32Add, op.f32Add);
          emit(op.f32Store(4 * c));
        }
      }
    });
    // Next tile of output rows: out_row += rowTile·outStride.
    emit(op.localGet(OUT_ROW), op.localGet(OUT_STRIDE), op.i32Const(rowTile), op.i32Mul, op.i32Add, op.localSet(OUT_ROW));
  });
  emit(op.end);

  return [
    ...vector([
      [...u32(I32_LOCALS), I32],
      [...u32(V128_LOCALS), V128],
    ]),
    ...code,
  ];
}

/** The module's bytes: `dots` (2 × 4 tile) and `dotsColumn` (4 × 1, for a single center). */
export function kernelModuleBytes(): Uint8Array {
  const bodies = [dotsBody(ROW_TILE, CENTER_TILE), dotsBody(COLUMN_ROW_TILE, 1)];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector([[0x60, ...vector([[I32], [I32], [I32], [I32], [I32], [I32], [I32]]), ...vector([])]])),
    ...section(3, vector([[0], [0]])),
    ...section(5, vector([[0x00, ...u32(1)]])),
    ...section(
      7,
      vector([
        [...name("dots"), 0x00, 0],
        [...name("dotsColumn"), 0x00, 1],
        [...name("memory"), 0x02, 0],
      ]),
    ),
    ...section(10, vector(bodies.map((body) => [...u32(body.length), ...body]))),
  ];
  return Uint8Array.from(bytes);
}

/** The slice of the WebAssembly API used here (TypeScript's ES libs do not declare it without the DOM). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

export interface DotsKernel {
  readonly memory: WasmMemory;
  dots(x: number, rows: number, c: number, m: number, stride: number, out: number, outStride: number): void;
  dotsColumn(x: number, rows: number, c: number, m: number, stride: number, out: number, outStride: number): void;
}

let kernel: DotsKernel | null | undefined;

/** The compiled kernel, or null where WebAssembly SIMD is unavailable (callers then use plain loops). */
export function dotsKernel(): DotsKernel | null {
  if (kernel !== undefined) return kernel;
  try {
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    kernel = new wasm.Instance(new wasm.Module(kernelModuleBytes()), {}).exports as DotsKernel;
  } catch {
    kernel = null;
  }
  return kernel;
}

/** Test hook: run the plain-loop path even where SIMD works, or go back to detecting it. */
export function useSimdKernel(enabled: boolean): void {
  kernel = enabled ? undefined : null;
}
