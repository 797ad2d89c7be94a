/**
 * `render FILE MODULE [--adapter chat|json] [--inputs JSON] [--signature TEXT|@FILE] [--format json|md|text]`:
 * the messages DSPy's adapter would send for one predictor, from the saved file alone.
 */
import { formatPrompt, openAiMessages } from '../../core/program/prompt/prompt-export.ts';
import { renderModulePrompt } from '../../core/program/prompt/render-module.ts';
import type { CliCommand } from '../cli-io.ts';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE } from '../cli-io.ts';
import { parseCommandArgs } from '../args.ts';
import { reportError } from '../cli-errors.ts';
import { loadProgram, predictorProblem, signatureText } from './prompt-common.ts';

export const RENDER_HELP = `Usage: render FILE MODULE [options]
  MODULE is the predictor's id as \`inspect\` prints it (e.g. generate_answer.predict)
  --adapter chat|json     DSPy's ChatAdapter (default) or JSONAdapter
  --inputs JSON           values of the input fields, e.g. '{"question": "Why?"}'; others stay {name}
  --signature TEXT|@FILE  the signature as declared in code (string or class); gives exact names and types
  --format json|md|text   json: {"messages": [...], "fields": [...]}; md: Markdown; text (default): plain
`;

const VALUED = ['adapter', 'inputs', 'signature', 'format'] as const;

export const renderCommand: CliCommand = {
  name: 'render',
  summary: "Print a predictor's prompt as DSPy's ChatAdapter or JSONAdapter builds it.",
  async run(args, io) {
    const parsed = parseCommandArgs(args, [...VALUED], RENDER_HELP, io);
    if (typeof parsed === 'number') return parsed;
    const [input, moduleId, ...extra] = parsed.positional;
    const adapter = parsed.flags.get('adapter') ?? 'chat';
    const format = parsed.flags.get('format') ?? 'text';
    const unknown = [...parsed.flags.keys()].filter((f) => !(VALUED as readonly string[]).includes(f));
    if (
      !input ||
      !moduleId ||
      extra.length > 0 ||
      unknown.length > 0 ||
      (adapter !== 'chat' && adapter !== 'json') ||
      (format !== 'json' && format !== 'md' && format !== 'text')
    ) {
      io.err(RENDER_HELP);
      return EXIT_USAGE;
    }
    let inputs: Record<string, unknown> | undefined;
    const inputsFlag = parsed.flags.get('inputs');
    if (typeof inputsFlag === 'string') {
      try {
        inputs = JSON.parse(inputsFlag) as Record<string, unknown>;
      } catch (e) {
        io.err(`error [inputs] --inputs is not JSON: ${(e as Error).message}\n`);
        return EXIT_BAD_INPUT;
      }
      if (inputs === null || typeof inputs !== 'object' || Array.isArray(inputs)) {
        io.err('error [inputs] --inputs must be a JSON object of field names to values.\n');
        return EXIT_BAD_INPUT;
      }
    }
    try {
      const { value, program } = await loadProgram(io, input);
      const problem = predictorProblem(program, input, moduleId);
      if (problem) {
        io.err(`error [prompt] ${problem}\n`);
        return EXIT_BAD_INPUT;
      }
      const signature = await signatureText(io, parsed.flags.get('signature'));
      const view = renderModulePrompt(value, program, { moduleId, adapter, ...(inputs ? { inputs } : {}), ...(signature !== undefined ? { signature } : {}) });
      if (view.signatureError) {
        io.err(`error [signature] ${view.signatureError.message}\n`);
        return EXIT_BAD_INPUT;
      }
      for (const n of view.notes) io.err(`note: ${n}\n`);
      if (format === 'json') {
        const fields = view.fields.map((f) => ({ name: f.name, role: f.role, type: f.type, inferred: f.inferred }));
        io.out(JSON.stringify({ messages: openAiMessages(view.messages), fields }, null, 2) + '\n');
      } else io.out(formatPrompt(view.messages, format));
      return EXIT_OK;
    } catch (e) {
      return reportError(e, io);
    }
  },
};
