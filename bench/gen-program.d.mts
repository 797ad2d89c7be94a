export declare function rng(seed: number): () => number;
export declare function generateProgram(spec: { rawBytes: number; demos: number; seed?: number }): {
  text: string;
  bigModule: string;
  demoCount: number;
  sampleQuestion: string;
};
export declare const BENCH_SIZES: Array<{ name: string; rawBytes: number; demos: number }>;
