/**
 * Monaco's diff editor, disposed in the right order. The React wrapper disposes the two text models
 * before the diff widget when it unmounts, and Monaco reports "TextModel got disposed before
 * DiffEditorWidget model got reset" every time a diff closes. Here the wrapper keeps the models, it
 * disposes the widget, and the models are disposed after it.
 */
import { DiffEditor, type DiffEditorProps, type DiffOnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import type { editor } from 'monaco-editor';

export function ReadOnlyDiff(props: Omit<DiffEditorProps, 'keepCurrentOriginalModel' | 'keepCurrentModifiedModel' | 'onMount'>) {
  // Every model the widget has shown: the wrapper swaps models when a path changes.
  const models = useRef(new Set<editor.ITextModel>());
  const onMount: DiffOnMount = (diff) => {
    const track = () => {
      const pair = diff.getModel();
      if (pair) [pair.original, pair.modified].forEach((m) => models.current.add(m));
    };
    track();
    diff.onDidChangeModel(track);
  };
  useEffect(
    () => () => {
      const owned = models.current;
      // After this commit's cleanups, the wrapper's included: the widget lets go of the models first.
      queueMicrotask(() => owned.forEach((m) => m.isDisposed() || m.dispose()));
      models.current = new Set();
    },
    [],
  );
  return <DiffEditor {...props} keepCurrentOriginalModel keepCurrentModifiedModel onMount={onMount} />;
}
