/**
 * A notice that only reports what just happened ("Reopened huge.json at version 3.") goes away by
 * itself at the user's next action: the next press of a key or pointer anywhere but on the notice.
 * The action that raised the notice is already over when it shows, so it does not count.
 */
import { useEffect, type RefObject } from 'react';

export function useDismissOnNextAction(active: boolean, ref: RefObject<HTMLElement | null>, dismiss: () => void): void {
  useEffect(() => {
    if (!active) return;
    const onAction = (e: Event) => {
      if (ref.current && e.target instanceof Node && ref.current.contains(e.target)) return;
      dismiss();
    };
    window.addEventListener('pointerdown', onAction, true);
    window.addEventListener('keydown', onAction, true);
    return () => {
      window.removeEventListener('pointerdown', onAction, true);
      window.removeEventListener('keydown', onAction, true);
    };
  }, [active, ref, dismiss]);
}
