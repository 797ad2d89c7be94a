/**
 * The module tree's context menu (right-click, the row's "⋯" button, Shift+F10 or the Menu key):
 * "Export module…" and "Import module…". A small ARIA menu: arrows move, Escape closes, focus returns.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useExportStore } from '../../state/export-store';

export interface MenuAnchor {
  moduleId?: string;
  x: number;
  y: number;
}

export function ModuleMenu({ anchor, onClose }: { anchor: MenuAnchor; onClose: (refocus: boolean) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const openDialog = useExportStore((s) => s.openDialog);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus();
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose(false);
    };
    window.addEventListener('mousedown', onDown);
    return () => window.removeEventListener('mousedown', onDown);
  }, [onClose]);

  const onKeyDown = (e: KeyboardEvent) => {
    const items = Array.from(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? []);
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      onClose(true);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    }
  };

  const choose = (action: () => void) => {
    onClose(false);
    action();
  };

  return (
    <div ref={ref} className="module-menu" role="menu" aria-label="Module actions" style={{ left: anchor.x, top: anchor.y }} onKeyDown={onKeyDown}>
      <button
        type="button"
        role="menuitem"
        disabled={anchor.moduleId === undefined}
        onClick={() => anchor.moduleId !== undefined && choose(() => openDialog({ kind: 'module', moduleId: anchor.moduleId as string }))}
      >
        Export module…
      </button>
      <button type="button" role="menuitem" onClick={() => choose(() => openDialog({ kind: 'import' }))}>
        Import module…
      </button>
    </div>
  );
}
