import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { tempoTagNamesQueryOptions, tempoTagValuesQueryOptions } from '../../api/search/source-lists';
import type { BackendSource } from '../../api/sources';
import type { TimeRangeChoice } from '../../api/search/types';

/**
 * Tempo attribute autocomplete: names from /api/v2/search/tags, values for the chosen name
 * from its values endpoint, both offered through datalists; "Add" appends key=value.
 */
export function AttributePicker({
  source,
  range,
  onAdd,
}: {
  source: BackendSource;
  range: TimeRangeChoice;
  onAdd: (key: string, value: string, asString: boolean) => void;
}) {
  const id = useId();
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  // The form's time range, so the lists cover what the search will (Tempo's tag endpoints see only recent data without one).
  const names = useQuery(tempoTagNamesQueryOptions(source, range));
  const known = names.data?.includes(key) ?? false;
  const values = useQuery({ ...tempoTagValuesQueryOptions(source, key, range), enabled: known });
  const input =
    'min-w-0 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-800';
  const add = () => {
    if (!key.trim()) return;
    // A listed string value that looks like a number stays a string (quoted); typed input keeps logfmt's rules.
    onAdd(key.trim(), value, values.data?.find((v) => v.value === value)?.type === 'string');
    setKey('');
    setValue('');
  };
  return (
    <fieldset className="rounded border border-dashed border-slate-300 p-2 dark:border-slate-700">
      <legend className="px-1 text-xs text-slate-500 dark:text-slate-400">
        Add an attribute{' '}
        {names.isError && (
          <span className="text-red-700 dark:text-red-300">(names unavailable: {names.error.message})</span>
        )}
      </legend>
      <div className="grid grid-cols-[1fr_1fr_auto] gap-1">
        <input
          aria-label="Attribute name"
          list={`${id}-names`}
          className={input}
          value={key}
          placeholder="span.http.route"
          onChange={(e) => setKey(e.currentTarget.value)}
        />
        <input
          aria-label="Attribute value"
          list={`${id}-values`}
          className={input}
          value={value}
          placeholder="value"
          onChange={(e) => setValue(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault(); // add the pair instead of submitting the search
              add();
            }
          }}
        />
        <button
          type="button"
          onClick={add}
          className="rounded border border-slate-300 px-2 text-xs dark:border-slate-700"
        >
          Add
        </button>
      </div>
      <datalist id={`${id}-names`}>
        {names.data?.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <datalist id={`${id}-values`}>
        {values.data?.slice(0, 200).map((v) => (
          <option key={v.value} value={v.value} />
        ))}
      </datalist>
    </fieldset>
  );
}
