/**
 * The demos of one module, virtualized: only the cards in view exist, and only their pages are asked
 * from the worker, so 50,000 demos scroll like 5. A filter asks the worker for matching indexes.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Demo, ModuleInfo } from '../../core/program/model/program';
import { useSelectionStore } from '../../state/selection-store';
import { useEditable } from '../../state/editable';
import { attempt, perform } from '../../state/session/commit';
import { isStale, useWorkerAsk, useWorkerQuery } from '../../state/session/use-worker-query';
import { DemoCard, type DemoActions } from './demo-card';
import { useDemoLinkStore } from '../../state/demo-link-store';
import { useSession } from '../../state/session/session-store';

const PAGE = 40;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

/** What a filter that failed matches (its error is shown above the list). */
const NONE: number[] = [];

export function DemoList({ module, scrollRef }: { module: ModuleInfo; scrollRef: RefObject<HTMLElement | null> }) {
  const ask = useWorkerAsk();
  const revision = useSession((s) => s.revision);
  const filter = useSelectionStore((s) => s.demoFilter);
  const setFilter = useSelectionStore((s) => s.setDemoFilter);
  const checked = useSelectionStore((s) => s.checkedDemos);
  const toggleDemo = useSelectionStore((s) => s.toggleDemo);
  const clearChecked = useSelectionStore((s) => s.clearChecked);
  const editable = useEditable();
  const debouncedFilter = useDebounced(filter.trim(), 150);

  const filtered = useWorkerQuery('filterDemos', debouncedFilter ? { moduleId: module.id, text: debouncedFilter } : undefined);
  const indexes = !debouncedFilter ? undefined : filtered.status === 'error' ? NONE : filtered.status === 'idle' ? undefined : filtered.data?.indexes;
  const [pageError, setPageError] = useState<string>();

  const count = indexes ? indexes.length : module.demoCount;
  // The list scrolls with the module panel; its offset inside the panel moves as sections open and close.
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  // The panel's ref is attached after this child's layout effects have run (React commits children
  // first), so the first layout pass sees no scroll element and nothing would ever render: pick the
  // panel up once mounted, which also re-renders the virtualizer with it.
  const [panel, setPanel] = useState<HTMLElement | null>(null);
  useEffect(() => setPanel(scrollRef.current), [scrollRef]);
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list || !panel) return;
    const measure = () => setScrollMargin(list.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop);
    measure();
    const observer = new ResizeObserver(measure);
    for (const child of Array.from(panel.children)) if (child !== list.parentElement) observer.observe(child);
    return () => observer.disconnect();
  }, [panel]);
  // Pages belong to one view (module and filter); a new view forgets them. After an edit the pages on
  // screen stay until their fresh copies arrive, so an edit never flashes the list blank.
  const [pages, setPages] = useState<{ key: string; map: Map<number, { revision: number; demos: Demo[] }> }>({ key: '', map: new Map() });
  const viewKey = `${module.id}\u0000${indexes ? debouncedFilter : ''}\u0000${indexes?.length ?? ''}`;
  const pageMap = pages.key === viewKey ? pages.map : undefined;
  /** Pages asked for and not yet answered, so a re-render does not ask again. */
  const inFlight = useRef(new Set<string>());
  const viewKeyRef = useRef(viewKey);
  useLayoutEffect(() => {
    viewKeyRef.current = viewKey;
  }, [viewKey]);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => panel,
    estimateSize: () => 150,
    scrollMargin,
    overscan: 4,
  });
  const items = virtualizer.getVirtualItems();
  const firstPage = items.length ? Math.floor(items[0]!.index / PAGE) : 0;
  const lastPage = items.length ? Math.floor(items[items.length - 1]!.index / PAGE) : -1;

  useEffect(() => {
    for (let page = firstPage; page <= lastPage; page++) {
      if (pageMap?.get(page)?.revision === revision) continue;
      const request = `${viewKey}\u0000${revision}\u0000${page}`;
      if (inFlight.current.has(request)) continue;
      inFlight.current.add(request);
      const offset = page * PAGE;
      const slice = indexes?.slice(offset, offset + PAGE);
      ask('demos', { moduleId: module.id, offset, count: PAGE, ...(slice ? { indexes: slice } : {}) })
        .then(({ demos }) => {
          // An answer for a view the list has left is dropped; a newer revision's copy is never replaced by an older one.
          setPages((prev) => {
            if (viewKeyRef.current !== viewKey) return prev;
            const map = new Map(prev.key === viewKey ? prev.map : undefined);
            if ((map.get(page)?.revision ?? -1) > revision) return prev;
            map.set(page, { revision, demos });
            return { key: viewKey, map };
          });
        })
        // A stale page is asked again for the new revision; anything else is shown above the list.
        .catch((e: unknown) => isStale(e) || setPageError(e instanceof Error ? e.message : String(e)))
        .finally(() => inFlight.current.delete(request));
    }
  }, [ask, module.id, firstPage, lastPage, pageMap, indexes, viewKey, revision]);

  // A jump from the Prompt tab: show the demo's card (positions are demo indexes once no filter is on).
  const toCard = useDemoLinkStore((s) => s.toCard);
  const handledJump = useRef(0);
  // A jump belongs to the module it was made in.
  useEffect(() => () => useDemoLinkStore.getState().clear(), [module.id]);
  useEffect(() => {
    if (!toCard || handledJump.current === toCard.nonce) return;
    if (filter !== '') {
      setFilter('');
      return;
    }
    if (indexes) return;
    handledJump.current = toCard.nonce;
    virtualizer.scrollToIndex(toCard.demoIndex, { align: 'start' });
    let frames = 0;
    const focus = () => {
      const card = document.querySelector<HTMLElement>(`[aria-label="Demo ${toCard.demoIndex + 1}"]`);
      if (card) card.focus({ preventScroll: false });
      else if (frames++ < 60) requestAnimationFrame(focus);
    };
    requestAnimationFrame(focus);
  }, [toCard, filter, setFilter, indexes, virtualizer]);

  const actions: DemoActions = useMemo(
    () => ({
      editField: async (demoIndex, field, change) => {
        const request = 'json' in change ? { json: change.json } : { value: change.text };
        const result = await attempt({ kind: 'demo-field', moduleId: module.id, demoIndex, field, ...request });
        return 'error' in result ? result.error.message : undefined;
      },
      duplicate: (demoIndex) => void perform({ kind: 'duplicate-demo', moduleId: module.id, demoIndex }),
      remove: (demoIndex) => {
        clearChecked();
        void perform({ kind: 'remove-demos', moduleId: module.id, demoIndexes: [demoIndex] });
      },
      move: (from, to) => {
        clearChecked();
        void perform({ kind: 'move-demo', moduleId: module.id, from, to }).then(() =>
          // Keyboard reordering keeps the focus on the moved card.
          requestAnimationFrame(() => document.querySelector<HTMLElement>(`[aria-label="Demo ${to + 1}"]`)?.focus()),
        );
      },
      toggle: (demoIndex, on) => toggleDemo(demoIndex, on),
    }),
    [module.id, clearChecked, toggleDemo],
  );

  const addDemo = () => {
    void perform({ kind: 'add-demo', moduleId: module.id }).then(() =>
      requestAnimationFrame(() => virtualizer.scrollToIndex(module.demoCount, { align: 'end' })),
    );
  };
  const removeChecked = () => {
    const demoIndexes = [...checked].sort((a, b) => a - b);
    clearChecked();
    void perform({ kind: 'remove-demos', moduleId: module.id, demoIndexes });
  };

  return (
    <section className="demos" aria-label="Demos">
      {pageError || filtered.status === 'error' ? (
        <div className="error-text" role="alert">
          {filtered.status === 'error' ? `The filter could not be applied: ${filtered.error.message}` : `Demos could not be read: ${pageError}`}
        </div>
      ) : null}
      <div className="demos-toolbar">
        <h3>
          Demos{' '}
          <span className="muted">
            {indexes ? `${count.toLocaleString('en-US')} of ${module.demoCount.toLocaleString('en-US')}` : module.demoCount.toLocaleString('en-US')}
          </span>
        </h3>
        <input
          className="search"
          type="search"
          placeholder="Filter demos"
          aria-label="Filter demos"
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
        />
        {checked.size > 0 && (
          <button type="button" className="button small danger" onClick={removeChecked}>
            Delete {checked.size} selected
          </button>
        )}
        {toCard && (
          <button type="button" className="button small" onClick={() => useDemoLinkStore.getState().showInPrompt(toCard.demoIndex)}>
            Back to prompt
          </button>
        )}
        <button type="button" className="button small" onClick={addDemo} disabled={!editable || module.demosPointer === undefined}>
          Add demo
        </button>
      </div>
      <div className="demo-scroll" ref={listRef} data-testid="demo-scroll">
        {count === 0 && <p className="muted section-empty">{indexes ? 'No demo matches the filter.' : 'No demos.'}</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const demo = pageMap?.get(Math.floor(item.index / PAGE))?.demos[item.index % PAGE];
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className={toCard?.demoIndex === item.index && !indexes ? 'demo-slot linked' : 'demo-slot'}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start - scrollMargin}px)` }}
              >
                {demo ? (
                  <DemoCard
                    demo={demo}
                    position={item.index}
                    total={module.demoCount}
                    checked={checked.has(demo.index)}
                    actions={actions}
                    editable={editable}
                  />
                ) : (
                  <div className="demo-card loading" aria-hidden="true" />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
