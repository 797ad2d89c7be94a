/**
 * A notice that only reports what just happened ("Reopened huge.json at version 3.") goes away by
 * itself at the user's next action: the next key press or click anywhere but on the notice. A click,
 * not a pointer press: the notice's row closing between press and release would move what is under
 * the pointer, and the click would land elsewhere. The action that raised the notice is already over
 * when it shows, so it does not count.
 */
import { useEffect, type RefObject } from 'react';

export function useDismissOnNextAction(active: boolean, ref: RefObject<HTMLElement | null>, dismiss: () => void): void {
  useEffect(() => {
    if (!active) return;
    const onAction = (e: Event) => {
      if (ref.current && e.target instanceof Node && ref.current.contains(e.target)) return;
      dismiss();
    };
    window.addEventListener('click', onAction, true);
    window.addEventListener('keydown', onAction, true);
    return () => {
      window.removeEventListener('click', onAction, true);
      window.removeEventListener('keydown', onAction, true);
    };
  }, [active, ref, dismiss]);
}
