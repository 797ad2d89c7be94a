/**
 * Every predictor of every real DSPy file beside the checkout renders, stably, and its system
 * message names every field. The snapshot holds digests and shapes, not text: the real files are
 * never copied into the repository, and a prompt is mostly their demos.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readRealFixture, realDspyFiles, realFixturesPresent } from '../../../test-support/real-fixtures';
import { decodeBytes } from '../../engine/pipeline/decode';
import { analyzeProgram } from '../formats/analyze';
import { promptModules, renderModulePrompt } from './render-module';
import { openAiMessages } from './prompt-export';

const present = realFixturesPresent();

describe.runIf(present)('prompts of the real DSPy files', () => {
  for (const name of realDspyFiles()) {
    it(name, async () => {
      const doc = await decodeBytes(readRealFixture(name), { name });
      const program = analyzeProgram(doc.value, { recipe: doc.recipe, name });
      const summary: Record<string, unknown> = {};
      for (const m of promptModules(program)) {
        for (const adapter of ['chat', 'json'] as const) {
          const view = renderModulePrompt(doc.value, program, { moduleId: m.id, adapter });
          const system = view.messages[0]?.content as string;
          for (const f of view.fields) {
            expect(system).toContain(`\`${f.name}\` (${f.type})`);
            if (f.role === 'input' || adapter === 'chat') expect(system).toContain(`[[ ## ${f.name} ## ]]`);
            else expect(system).toContain(`"${f.name}": "{${f.name}}`);
          }
          expect(view.messages.at(-1)?.role).toBe('user');
          summary[`${m.id} ${adapter}`] = {
            fields: view.fields.map((f) => `${f.role}:${f.name}${f.inferred ? '?' : ''}`).join(' '),
            messages: view.messages.map((x) => x.role[0]).join(''),
            sha256: createHash('sha256')
              .update(JSON.stringify(openAiMessages(view.messages)))
              .digest('hex')
              .slice(0, 16),
          };
        }
      }
      expect(summary).toMatchSnapshot();
    });
  }
});
