/**
 * A link that asks to open something (`#p=` or `?url=`), waiting for the user's click. What it holds
 * is described (core/share/link-preview) but nothing is opened, decoded or fetched until then.
 */
import { create } from 'zustand';
import type { LinkPreview } from '../core/program/share/link-preview';

interface IncomingLinkState {
  pending?: LinkPreview;
  setPending(pending: LinkPreview | undefined): void;
}

export const useIncomingLinkStore = create<IncomingLinkState>()((set) => ({
  setPending: (pending) => set({ pending }),
}));
