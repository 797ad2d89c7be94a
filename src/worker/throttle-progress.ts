/**
 * Progress for people: a new stage, the end of a stage, or at least a whole percent more than last
 * time. A 100 MB file read in 64 KB chunks would otherwise post (and re-render the page) 1,600 times.
 */
import type { Progress } from './protocol';

export function throttleProgress(post: (p: Progress) => void): (p: Progress) => void {
  let stage = '';
  let percent = -1;
  return (p) => {
    const now = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 0;
    if (p.stage === stage && now <= percent && p.done !== p.total) return;
    stage = p.stage;
    percent = now;
    post(p);
  };
}
