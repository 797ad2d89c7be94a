/**
 * Monaco's diff editor, disposed in an order Monaco accepts. The React wrapper disposes the two text
 * models before the diff widget when it unmounts, and Monaco reports "TextModel got disposed before
 * DiffEditorWidget model got reset" every time a diff closes. Here the wrapper keeps the models, the
 * widget lets go of them first, the wrapper disposes the bare widget, and the models go last.
 */
import { DiffEditor, type DiffEditorProps, type DiffOnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import type { editor } from 'monaco-editor';

export function ReadOnlyDiff(props: Omit<DiffEditorProps, 'keepCurrentOriginalModel' | 'keepCurrentModifiedModel' | 'onMount'>) {
  // Every model the widget has shown: the wrapper swaps models when a path changes.
  const models = useRef(new Set<editor.ITextModel>());
  const widget = useRef<editor.IStandaloneDiffEditor | null>(null);
  const onMount: DiffOnMount = (diff) => {
    widget.current = diff;
    const track = () => {
      const pair = diff.getModel();
      if (pair) [pair.original, pair.modified].forEach((m) => models.current.add(m));
    };
    track();
    diff.onDidChangeModel(track);
    // Monaco rebuilds each side's options from the latest change only (its first pass, and again when
    // it switches between side by side and inline), dropping their labels and leaving screen readers
    // two nameless text boxes: each side puts its label back whenever it has lost it.
    const keepLabel = (side: editor.ICodeEditor, label: string | undefined) => {
      if (!label) return;
      const restore = () => {
        if (side.getRawOptions().ariaLabel !== label) side.updateOptions({ ariaLabel: label });
      };
      restore();
      side.onDidChangeConfiguration(restore);
    };
    keepLabel(diff.getOriginalEditor(), props.options?.originalAriaLabel);
    keepLabel(diff.getModifiedEditor(), props.options?.modifiedAriaLabel);
  };
  useEffect(
    () => () => {
      const owned = models.current;
      // This cleanup runs before the wrapper's (a parent's before its child's): the widget lets go of its
      // models here, the wrapper then disposes the bare widget, and the models go after this commit.
      widget.current?.setModel(null);
      widget.current = null;
      queueMicrotask(() => owned.forEach((m) => m.isDisposed() || m.dispose()));
      models.current = new Set();
    },
    [],
  );
  return <DiffEditor {...props} keepCurrentOriginalModel keepCurrentModifiedModel onMount={onMount} />;
}
