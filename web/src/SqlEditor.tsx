// CodeMirror 6 with SQL highlighting, completion of databases, tables and OCSF column paths, and Mod-Enter to run.
import { autocompletion, type CompletionContext } from '@codemirror/autocomplete';
import { StandardSQL, sql } from '@codemirror/lang-sql';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { Tables } from './api.ts';

export interface EditorHandle {
  view: EditorView | null;
}

function completions(tables: Tables | null) {
  const names = new Set<string>();
  const paths = new Set<string>();
  for (const table of tables?.tables ?? []) {
    names.add(table.name);
    names.add(`${table.database}.${table.name}`);
    for (const path of table.paths) paths.add(path);
  }
  for (const database of tables?.databases ?? []) names.add(database);
  const options = [
    ...[...names].map((label) => ({ label, type: 'type' })),
    ...[...paths].map((label) => ({ label, type: 'property' })),
  ];
  return (context: CompletionContext) => {
    const word = context.matchBefore(/[\w.]+/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    return { from: word.from, options, validFor: /^[\w.]*$/ };
  };
}

const completion = (tables: Tables | null) => autocompletion({ override: [completions(tables)] });

export function SqlEditor(props: {
  value: string;
  tables: Tables | null;
  onChange: (sql: string) => void;
  onRun: () => void;
  handle: EditorHandle;
}) {
  const host = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;
  // The schema arrives after the editor is shown: its completion is swapped in place, so that what the user
  // typed meanwhile, and the cursor, stay.
  const schema = useRef(new Compartment()).current;
  // biome-ignore lint/correctness/useExhaustiveDependencies: one editor for the component's life
  useEffect(() => {
    const view = new EditorView({
      parent: host.current ?? undefined,
      state: EditorState.create({
        doc: latest.current.value,
        extensions: [
          Prec.highest(
            keymap.of([
              {
                key: 'Mod-Enter',
                run: () => {
                  latest.current.onRun();
                  return true;
                },
              },
            ]),
          ),
          basicSetup,
          sql({ dialect: StandardSQL, upperCaseKeywords: true }),
          schema.of(completion(latest.current.tables)),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    props.handle.view = view;
    return () => {
      view.destroy();
      props.handle.view = null;
    };
  }, []);
  // In the commit that clears aria-busy, so that completion knows the lake once the page says it is ready.
  useLayoutEffect(() => {
    props.handle.view?.dispatch({ effects: schema.reconfigure(completion(props.tables)) });
  }, [props.tables, props.handle, schema]);
  useEffect(() => {
    const view = props.handle.view;
    if (view && view.state.doc.toString() !== props.value) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: props.value } });
    }
  }, [props.value, props.handle]);
  return <div className="editor" ref={host} data-testid="editor" aria-busy={props.tables === null} />;
}
