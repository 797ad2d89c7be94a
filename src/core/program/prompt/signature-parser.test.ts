import { describe, expect, it } from 'vitest';
import { parseSignature, SignatureSyntaxError } from './signature-parser';
import { typeText } from './type-expr';

const shape = (text: string) => parseSignature(text).fields.map((f) => `${f.role}:${f.name}:${typeText(f.type)}`);

function errorOf(text: string): SignatureSyntaxError {
  try {
    parseSignature(text);
  } catch (e) {
    if (e instanceof SignatureSyntaxError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('string signatures', () => {
  it('reads names and types, untyped fields as str', () => {
    expect(shape('question, context: list[str] -> answer')).toEqual(['input:question:str', 'input:context:list[str]', 'output:answer:str']);
    expect(shape("\"q: dict[str, int], k: Literal['a', 'b'] -> a: Optional[float]\"")).toEqual([
      'input:q:dict[str, int]',
      "input:k:Literal['a', 'b']",
      'output:a:Union[float, None]',
    ]);
  });

  it('reads the string inside dspy.Predict(...) and adds reasoning for dspy.ChainOfThought(...)', () => {
    expect(shape('dspy.Predict("question -> answer")')).toEqual(['input:question:str', 'output:answer:str']);
    const cot = parseSignature("dspy.ChainOfThought('question -> answer')");
    expect(cot.chainOfThought).toBe(true);
    expect(cot.fields.map((f) => f.name)).toEqual(['question', 'reasoning', 'answer']);
  });

  it('refuses what DSPy refuses, saying where', () => {
    expect(errorOf('question, answer').message).toMatch(/exactly one "->"/);
    expect(errorOf('a -> b -> c').message).toMatch(/line 1, column 8: .*exactly one "->" \(found 2\)/);
    expect(errorOf('question -> question').message).toMatch(/distinct names.*"question"/);
    const e = errorOf('q: list[str, -> a');
    expect(e.line).toBe(1);
    expect(e.message).toMatch(/type/);
    expect(errorOf('q, 2x -> a').message).toMatch(/column 4: "2x" is not a valid field name/);
    expect(errorOf('q ->').message).toMatch(/at least one output/);
  });
});

describe('class signatures', () => {
  const cls = `class GenerateAnswer(dspy.Signature):
    """Answer questions with short factoid answers.

    Be brief.
    """

    context: list[str] = dspy.InputField(desc="may contain relevant facts")
    question = dspy.InputField()
    # a comment
    answer: str = dspy.OutputField(
        desc="often between 1 and 5 words",
        prefix="Answer:",
    )

    def helper(self):
        return 1
`;

  it('reads the docstring, fields with types, desc and prefix, across lines', () => {
    const s = parseSignature(cls);
    expect(s.form).toBe('class');
    expect(s.name).toBe('GenerateAnswer');
    expect(s.instructions).toBe('Answer questions with short factoid answers.\n\nBe brief.');
    expect(s.fields.map((f) => [f.name, f.role, typeText(f.type), f.desc, f.prefix, f.line])).toEqual([
      ['context', 'input', 'list[str]', 'may contain relevant facts', undefined, 7],
      ['question', 'input', 'str', undefined, undefined, 8],
      ['answer', 'output', 'str', 'often between 1 and 5 words', 'Answer:', 10],
    ]);
  });

  it('orders inputs before outputs as DSPy does', () => {
    const s = parseSignature('class X(dspy.Signature):\n    a: str = dspy.OutputField()\n    q: str = dspy.InputField()\n');
    expect(s.fields.map((f) => f.name)).toEqual(['q', 'a']);
  });

  it('says which line is wrong and why', () => {
    expect(errorOf('class X(dspy.Signature):\n    q: str = dspy.InputField()\n    a: str\n').message).toMatch(
      /line 3, column 5: Field "a" must be declared with dspy.InputField/,
    );
    expect(errorOf('class X(dspy.Signature):\n    q: str = dspy.InputField(desc=some_var)\n    a = dspy.OutputField()\n').message).toMatch(
      /line 2, .*desc= must be a string literal/,
    );
    expect(errorOf('class X(dspy.Signature):\n    q: list[str = dspy.InputField()\n').message).toMatch(/line 2/);
    expect(errorOf('class X(dspy.Signature):\n    """Only a docstring."""\n').message).toMatch(/declares no fields/);
    expect(errorOf('class X(dspy.Signature):\n    q = dspy.InputField(desc="open\n').message).toMatch(/not closed/);
  });
});
