/**
 * A fuzzing run: for each family, inputs 0..runs-1 made from (seed, family, index), each driven
 * under a watchdog; outcomes counted, findings grouped by signature (first input kept), and the
 * known ones (see signature.ts) told apart from new ones.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Family, FuzzInput, CredentialRef } from './families';
import { Random } from './random';
import { knownIssue, signatureOf, type FindingOutcome } from './signature';
import type { Watchdog } from './watchdog';
import type { OpenCredentials } from '../worker/protocol';

export interface Finding {
  signature: string;
  outcome: FindingOutcome;
  input: FuzzInput;
  seed: number;
  index: number;
  /** How many inputs of the run hit it. */
  count: number;
  /** Where it is tracked, when it is a known finding. */
  known?: string;
}

export interface FamilyReport {
  family: string;
  runs: number;
  opened: number;
  typed: number;
  /** Typed refusals by code ("syntax", "truncated", ...). */
  codes: Record<string, number>;
  findings: Finding[];
  ms: number;
}

/** The fixture secrets an encrypted input is opened with, as the key prompt would pass them. */
export function credentialsFor(ref: CredentialRef | undefined, root: string): OpenCredentials | undefined {
  if (ref === 'fixture-key') return { key: readFileSync(join(root, 'fixtures/crypto/fixture.key'), 'utf8').trim() };
  if (ref === 'fixture-passphrase')
    return { passphrase: (JSON.parse(readFileSync(join(root, 'fixtures/crypto/manifest.json'), 'utf8')) as { passphrase: string }).passphrase };
  return undefined;
}

export async function runInput(dog: Watchdog, input: Pick<FuzzInput, 'name' | 'bytes' | 'credentials'>, root: string) {
  const credentials = credentialsFor(input.credentials, root);
  return dog.run({ name: input.name, bytes: input.bytes, ...(credentials ? { credentials } : {}) });
}

export interface CampaignOptions {
  root: string;
  seed: number;
  runs: number;
  /** First index (to resume or reproduce a range). */
  start?: number;
  dogs: Watchdog[];
  onFinding?: (f: Finding, isNew: boolean) => void | Promise<void>;
  onProgress?: (family: string, done: number) => void;
}

export async function runFamily(family: Family, options: CampaignOptions): Promise<FamilyReport> {
  const started = Date.now();
  const report: FamilyReport = { family: family.id, runs: 0, opened: 0, typed: 0, codes: {}, findings: [], ms: 0 };
  const bySignature = new Map<string, Finding>();
  const start = options.start ?? 0;
  let next = start;
  const end = start + options.runs;

  async function lane(dog: Watchdog): Promise<void> {
    while (next < end) {
      const index = next++;
      const input = await family.make(Random.forInput(options.seed, family.id, index));
      const outcome = await runInput(dog, input, options.root);
      report.runs++;
      if (outcome.kind === 'opened') report.opened++;
      else if (outcome.kind === 'typed') {
        report.typed++;
        report.codes[outcome.code] = (report.codes[outcome.code] ?? 0) + 1;
      } else {
        const signature = signatureOf(family.id, outcome);
        const seen = bySignature.get(signature);
        if (seen) seen.count++;
        else {
          const known = knownIssue(signature);
          const finding: Finding = { signature, outcome, input, seed: options.seed, index, count: 1, ...(known ? { known } : {}) };
          bySignature.set(signature, finding);
          report.findings.push(finding);
          await options.onFinding?.(finding, true);
        }
      }
      options.onProgress?.(family.id, report.runs);
    }
  }

  await Promise.all(options.dogs.map(lane));
  report.ms = Date.now() - started;
  return report;
}
