/**
 * `series inspect FILES... [--json]`: a training run's checkpoints as a timeline (order, tag, kind,
 * summary numbers, breaks). `series pack FILES... -o OUT [--diffs] [--zip]`: the series written back
 * in the proposal's names, as full snapshots or base + JSON Patch diffs, into a folder or one zip.
 * FILES may be one zip of members.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { formatCount } from '../../core/engine/errors.ts';
import { packSeries } from '../../core/program/series/pack-series.ts';
import { metricOf, readSeries, timelineOf } from '../../core/program/series/read-series.ts';
import type { Checkpoint } from '../../core/program/series/series-types.ts';
import { seriesMembers } from '../../core/program/series/unpack-series.ts';
import type { CliCommand, CliIo } from '../cli-io.ts';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE } from '../cli-io.ts';
import { parseCommandArgs } from '../args.ts';
import { reportError } from '../cli-errors.ts';

export const SERIES_HELP = [
  'Usage: series inspect FILES... [--json]',
  '       series pack FILES... -o OUT [--diffs] [--zip]',
  '',
  'pack writes full snapshots by default; --diffs writes the first checkpoint in full and each next one',
  'as a JSON Patch against the one before. OUT is a folder (created when missing), or with --zip the zip file.',
  '',
].join('\n');

/** A folder maker, so tests can run pack without touching the disk. */
export interface SeriesIo extends CliIo {
  makeDir?(path: string): Promise<void>;
}

function bytes(n: number): string {
  return `${formatCount(n)} B`;
}

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6)));
}

function timelineLines(base: string, cps: readonly Checkpoint[]): string[] {
  const timeline = timelineOf(base, cps);
  const full = cps.filter((c) => c.kind === 'full').length;
  const diffs = cps.filter((c) => c.kind === 'diff').length;
  const broken = cps.filter((c) => c.value === undefined).length;
  const lines = [
    `series:  ${base} (${cps.length} checkpoints: ${full} full, ${diffs} diff${diffs === 1 ? '' : 's'}${broken > 0 ? `, ${broken} not loadable` : ''})`,
  ];
  const nameWidth = Math.max(...cps.map((c) => c.name.length));
  for (const [i, cp] of cps.entries()) {
    const row = timeline.checkpoints[i]!;
    const kind = cp.kind === 'diff' ? `diff (${cp.opCount} op${cp.opCount === 1 ? '' : 's'})` : (cp.kind ?? '?');
    const numbers = timeline.metricNames.flatMap((m) => {
      const v = metricOf(row, m);
      return v === undefined ? [] : [`${m} ${num(v)}`];
    });
    const status = cp.value === undefined ? 'BROKEN' : 'ok';
    lines.push(
      `${String(i + 1).padStart(3)}  ${cp.name.padEnd(nameWidth)}  order ${cp.order}  tag ${cp.tag ?? '-'}  ${kind}  ${bytes(cp.size)}${cp.recipe ? ` (${cp.recipe})` : ''}  ${status}${numbers.length ? `  ${numbers.join(', ')}` : ''}`,
    );
    for (const m of cp.summary?.modules ?? []) {
      if (m.demos === 0 && m.instructionLength === 0) continue;
      lines.push(`       ${m.id}: ${m.demos} demo${m.demos === 1 ? '' : 's'}, instructions ${m.instructionLength} chars`);
    }
    if (cp.error) {
      lines.push(`       error [${cp.error.layer}] ${cp.error.message}`);
      if (cp.error.operation)
        lines.push(`       failing operation: #${cp.error.operation.index + 1} ${cp.error.operation.op} ${cp.error.operation.path || '/'}`);
    }
  }
  return lines;
}

async function readAll(files: string[], io: CliIo) {
  const given = await Promise.all(files.map(async (name) => ({ name, bytes: await io.readFile(name) })));
  const { base, members } = seriesMembers(given);
  return { base, checkpoints: await readSeries(members) };
}

async function inspect(files: string[], json: boolean, io: CliIo): Promise<number> {
  const { base, checkpoints } = await readAll(files, io);
  if (json) {
    io.out(JSON.stringify(timelineOf(base, checkpoints), null, 2) + '\n');
  } else {
    io.out(timelineLines(base, checkpoints).join('\n') + '\n');
  }
  return checkpoints.some((c) => c.value === undefined) ? EXIT_BAD_INPUT : EXIT_OK;
}

async function pack(files: string[], out: string, diffs: boolean, zip: boolean, io: SeriesIo): Promise<number> {
  const { base, checkpoints } = await readAll(files, io);
  const result = await packSeries(checkpoints, { mode: diffs ? 'diffs' : 'snapshots', container: zip ? 'zip' : 'files', base });
  const lines: string[] = [];
  if (result.zip) {
    await io.writeFile(out, result.zip.bytes);
    lines.push(`wrote ${out} (${bytes(result.zip.bytes.length)}): ${result.files.map((f) => f.name).join(', ')}`);
  } else {
    await (io.makeDir ?? ((p: string) => mkdir(p, { recursive: true }).then(() => undefined)))(out);
    for (const f of result.files) {
      const path = join(out, f.name);
      await io.writeFile(path, f.bytes);
      lines.push(`wrote ${path} (${f.kind}, ${bytes(f.bytes.length)})`);
    }
  }
  lines.push(`sizes:   full snapshots ${bytes(result.sizes.snapshots)}, base + diffs ${bytes(result.sizes.diffs)}`);
  for (const s of result.skipped) lines.push(`skipped: ${s.name}: ${s.reason}`);
  io.out(lines.join('\n') + '\n');
  return EXIT_OK;
}

export const seriesCommand: CliCommand = {
  name: 'series',
  summary: 'Inspect a checkpoint series as a timeline, or pack it as snapshots or base + diffs.',
  async run(args, io) {
    const parsed = parseCommandArgs(
      args.map((a) => (a === '-o' ? '--out' : a)),
      ['out'],
      SERIES_HELP,
      io,
    );
    if (typeof parsed === 'number') return parsed;
    const [sub, ...files] = parsed.positional;
    const flags = [...parsed.flags.keys()];
    const allowed = sub === 'inspect' ? ['json'] : ['out', 'diffs', 'zip'];
    const out = parsed.flags.get('out');
    const usageOk = (sub === 'inspect' || (sub === 'pack' && typeof out === 'string')) && files.length > 0 && flags.every((f) => allowed.includes(f));
    if (!usageOk) {
      io.err(SERIES_HELP);
      return EXIT_USAGE;
    }
    try {
      if (sub === 'inspect') return await inspect(files, parsed.flags.has('json'), io);
      return await pack(files, out as string, parsed.flags.has('diffs'), parsed.flags.has('zip'), io);
    } catch (e) {
      return reportError(e, io, 'series');
    }
  },
};
