/**
 * Jumps between a demo's messages in the Prompt tab and its card in the demo list, both ways. Each
 * jump carries a fresh number so asking twice for the same demo jumps twice.
 */
import { create } from 'zustand';

export interface DemoJump {
  demoIndex: number;
  nonce: number;
}

interface DemoLinkState {
  /** The demo card to show (set from the Prompt tab). */
  toCard?: DemoJump;
  /** The demo's messages to show (set from the demo list's "Back to prompt"). */
  toPrompt?: DemoJump;
  showCard(demoIndex: number): void;
  showInPrompt(demoIndex: number): void;
  /** Forgets the way back (the user went elsewhere). */
  clear(): void;
}

let nonce = 0;

export const useDemoLinkStore = create<DemoLinkState>()((set) => ({
  showCard: (demoIndex) => set({ toCard: { demoIndex, nonce: ++nonce }, toPrompt: undefined }),
  showInPrompt: (demoIndex) => set({ toPrompt: { demoIndex, nonce: ++nonce }, toCard: undefined }),
  clear: () => set({ toCard: undefined, toPrompt: undefined }),
}));
