/**
 * Names of series members: the envelope proposal's scheme (`BASE.v1`, `BASE.v2.TAG`, no extension
 * after the tag) for writing, and ordering for files read in any of the recognised schemes.
 */
import { parseSeriesName } from '../files/classify-drop';

export interface NamedMember {
  name: string;
  order: number;
  tag?: string;
  base: string;
}

const TAG = /^[A-Za-z0-9_-]+$/;

/**
 * Order and tags for names given together. Names the scheme does not cover keep the order they
 * were given in, after the recognised ones.
 */
export function nameMembers(names: readonly string[]): NamedMember[] {
  const parsed = names.map((name, i) => {
    const file = name.slice(name.lastIndexOf('/') + 1);
    const p = parseSeriesName(file);
    return p
      ? { name, order: p.order, base: p.base, ...(p.tag !== undefined ? { tag: p.tag } : {}), given: i, known: true }
      : { name, order: i + 1, base: file, given: i, known: false };
  });
  parsed.sort((a, b) => Number(b.known) - Number(a.known) || a.order - b.order || a.given - b.given);
  return parsed.map(({ given: _g, known: _k, ...m }) => m);
}

/**
 * The proposal's name for a checkpoint. `ckpt_epoch` with order 4 (from `ckpt_epoch_4.pt`)
 * becomes base `ckpt` and tag `epoch_4`, so the number survives as the tag.
 */
export function proposalName(base: string, version: number, tag?: string): string {
  const clean = tag !== undefined && TAG.test(tag) ? tag : undefined;
  return `${base}.v${version}${clean !== undefined ? `.${clean}` : ''}`;
}

/** Base and tag for writing a member named by any recognised scheme. */
export function proposalParts(member: { base: string; order: number; tag?: string }): { base: string; tag?: string } {
  if (member.tag !== undefined) return { base: member.base, tag: member.tag };
  const unit = /^(.+)_(epoch|step|iter|checkpoint|ckpt)$/.exec(member.base);
  if (unit) return { base: unit[1]!, tag: `${unit[2]!}_${member.order}` };
  return { base: member.base };
}
