/**
 * A seeded generator of synthetic DSPy 3.x state files (what `program.save("x.json")` writes): several
 * predictors, a retriever, metadata, and one predictor holding most of the demos, each demo with long
 * fields (retrieved passages, reasoning). The same seed and size always give the same bytes, so runs
 * on different days compare the same file.
 */

/** mulberry32: small, fast, good enough to make text that does not compress to nothing. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A vocabulary made once from the seed: real-looking words of 2-11 letters, a few with non-ASCII.
function vocabulary(random, size = 4096) {
  const consonants = 'bcdfghjklmnprstvwz';
  const vowels = 'aeiouy';
  const words = [];
  for (let i = 0; i < size; i++) {
    const syllables = 1 + Math.floor(random() * 4);
    let w = '';
    for (let s = 0; s < syllables; s++) {
      w += consonants[Math.floor(random() * consonants.length)] + vowels[Math.floor(random() * vowels.length)];
      if (random() < 0.3) w += consonants[Math.floor(random() * consonants.length)];
    }
    if (i % 97 === 0) w += 'é';
    if (i % 211 === 0) w = w[0].toUpperCase() + w.slice(1) + '’s';
    words.push(w);
  }
  return words;
}

function textMaker(random) {
  const words = vocabulary(random);
  return (chars) => {
    const parts = [];
    let n = 0;
    while (n < chars) {
      // Zipf-ish: common words are picked more often, as in prose.
      const w = words[Math.floor(words.length * random() * random())];
      parts.push(w);
      n += w.length + 1;
      if (random() < 0.08) {
        parts[parts.length - 1] += '.';
      }
    }
    const s = parts.join(' ');
    return s[0].toUpperCase() + s.slice(1);
  };
}

const SIGNATURES = {
  query: {
    instructions: 'Write a simple search query that will help answer a complex question.',
    fields: [
      { prefix: 'Context:', description: 'may contain relevant facts' },
      { prefix: 'Question:', description: '${question}' },
      { prefix: "Reasoning: Let's think step by step in order to", description: '${reasoning}' },
      { prefix: 'Query:', description: 'a search query' },
    ],
  },
  answer: {
    instructions: 'Answer questions with short factoid answers, citing the passages that support them.',
    fields: [
      { prefix: 'Context:', description: 'may contain relevant facts' },
      { prefix: 'Question:', description: '${question}' },
      { prefix: "Reasoning: Let's think step by step in order to", description: '${reasoning}' },
      { prefix: 'Answer:', description: 'often between 1 and 5 words' },
    ],
  },
  summarize: {
    instructions: 'Summarize the passages in one paragraph.',
    fields: [
      { prefix: 'Passages:', description: '${passages}' },
      { prefix: 'Summary:', description: '${summary}' },
    ],
  },
};

function predictor(signature, demos) {
  return { traces: [], train: [], demos, signature, lm: null };
}

/**
 * @param {{ name: string, rawBytes: number, demos: number, seed?: number }} spec
 *   rawBytes: the size aimed at (the result lands within a few percent); demos: demos in the big module.
 * @returns {{ text: string, bigModule: string, demoCount: number, sampleQuestion: string }}
 */
export function generateProgram({ rawBytes, demos, seed = 9 }) {
  const random = rng(seed);
  const text = textMaker(random);
  const small = (n, kind) =>
    Array.from({ length: n }, () =>
      kind === 'query'
        ? { augmented: true, context: [text(200)], question: text(90) + '?', reasoning: text(160), query: text(40) }
        : { augmented: random() < 0.5, passages: [text(300), text(300)], summary: text(200) },
    );
  // Bytes per big demo, less the JSON punctuation and keys (about 230 bytes at indent 2).
  const perDemo = Math.max(400, (rawBytes / demos) * 0.92 - 230);
  const big = [];
  for (let i = 0; i < demos; i++) {
    const augmented = random() < 0.7;
    const passages = 3 + Math.floor(random() * 3);
    const budget = perDemo - 100 - 220 - 30;
    // Every 997th demo embeds a whole document: the long fields the app must fold, not freeze on.
    const passageChars = i % 997 === 0 ? 40_000 : Math.max(40, Math.floor(budget / passages));
    const demo = { augmented, context: Array.from({ length: passages }, () => text(passageChars * (0.7 + random() * 0.6))) };
    demo.question = text(100) + '?';
    demo.reasoning = text(220);
    demo.answer = text(30);
    if (!augmented) delete demo.augmented;
    big.push(demo);
  }
  const state = {
    retrieve: { k: 5 },
    'generate_query[0].predict': predictor(SIGNATURES.query, small(8, 'query')),
    'generate_query[1].predict': predictor(SIGNATURES.query, small(8, 'query')),
    summarize: predictor(SIGNATURES.summarize, small(4, 'summary')),
    'generate_answer.predict': predictor(SIGNATURES.answer, big),
    metadata: { dependency_versions: { python: '3.12', dspy: '3.0.3', cloudpickle: '3.1' } },
  };
  // A question near the end of the list: filtering for it has to look at nearly every demo.
  const sampleQuestion = big[Math.floor(demos * 0.9)]?.question ?? '';
  return { text: JSON.stringify(state, null, 2), bigModule: 'generate_answer.predict', demoCount: demos, sampleQuestion };
}

/** The sizes `npm run bench` measures. */
export const BENCH_SIZES = [
  { name: '1mb', rawBytes: 1e6, demos: 400 },
  { name: '10mb', rawBytes: 10e6, demos: 5_000 },
  // 110,000 demos: the count a user's 52 MB program had (issue 22), in the 100 MB file.
  { name: '100mb', rawBytes: 100e6, demos: 110_000 },
];
