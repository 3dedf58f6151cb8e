import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { compileTraceQL } from '../../api/search/build-queries';
import { operationsQueryOptions, servicesQueryOptions } from '../../api/search/source-lists';
import type { SearchState } from '../../api/search/types';
import { buildSearchRequest } from './url-state';
import { clientFor } from '../../api/client';
import { DEMO_SOURCE, type BackendSource } from '../../api/sources';
import { AttributePicker } from './AttributePicker';
import { formatPair } from '../../api/search/logfmt';
import { SourceOptions } from '../../components/SourceOptions';
import { Field, fieldClass as field } from './FormField';
import { RangeFields } from './RangeFields';

/**
 * The search form. Edits are a draft until submitted (Enter or the button); submitting puts
 * every field into the URL, which runs the search.
 */
export function SearchForm({
  initial,
  backends,
  onSubmit,
}: {
  initial: SearchState;
  backends: readonly BackendSource[];
  onSubmit: (s: SearchState) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<{ field: string; message: string } | undefined>(undefined);
  const source = draft.source === DEMO_SOURCE.id ? DEMO_SOURCE : backends.find((b) => b.id === draft.source);
  const capabilities = source ? clientFor(source).capabilities : undefined;
  const set = (patch: Partial<SearchState>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setError(undefined);
  };
  const services = useQuery(servicesQueryOptions(source, draft.range));
  const operations = useQuery(operationsQueryOptions(source, draft.service, draft.range));

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const built = buildSearchRequest(draft, Date.now());
    if (!built.ok) return setError({ field: built.field, message: built.error });
    onSubmit(draft);
  };
  const traceql = capabilities?.traceql === true;
  const serviceList = services.data ?? [];
  // Keep a value from the URL selectable even if the list does not (or not yet) have it.
  const serviceOptions =
    draft.service && !serviceList.includes(draft.service) ? [draft.service, ...serviceList] : serviceList;
  const opList = operations.data ?? [];
  const opOptions = draft.operation && !opList.includes(draft.operation) ? [draft.operation, ...opList] : opList;
  const errorFor = (f: string) => (error?.field === f ? error.message : undefined);

  const toTraceQL = () => {
    const built = buildSearchRequest({ ...draft, mode: 'form' }, Date.now());
    set({ mode: 'traceql', q: draft.q.trim() || (built.ok ? compileTraceQL(built.request) : '{}') });
  };

  return (
    <form
      onSubmit={submit}
      onKeyDown={(e) => {
        // Enter in a text field submits natively; make it do the same in the drop-downs.
        if (e.key === 'Enter' && e.target instanceof HTMLSelectElement) {
          e.preventDefault();
          submit();
        }
      }}
      className="flex flex-col gap-3"
      aria-label="Search traces"
      noValidate
    >
      <Field label="Source" htmlFor={`${id}-source`}>
        <select
          id={`${id}-source`}
          className={field}
          value={draft.source ?? ''}
          onChange={(e) => set({ source: e.currentTarget.value, service: '', operation: '', mode: 'form' })}
        >
          <SourceOptions backends={backends} withDemo />
        </select>
      </Field>

      {traceql && (
        <div
          role="radiogroup"
          aria-label="Query mode"
          className="flex rounded border border-slate-300 text-sm dark:border-slate-700"
        >
          {(['form', 'traceql'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={draft.mode === m}
              onClick={() => (m === 'traceql' ? toTraceQL() : set({ mode: 'form' }))}
              className={`flex-1 px-2 py-1 ${draft.mode === m ? 'bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900' : ''}`}
            >
              {m === 'form' ? 'Form' : 'TraceQL'}
            </button>
          ))}
        </div>
      )}

      {draft.mode === 'traceql' && traceql ? (
        <Field label="TraceQL" htmlFor={`${id}-q`} hint="Enter runs the search; Shift+Enter adds a line.">
          <textarea
            id={`${id}-q`}
            className={`${field} h-28 font-mono`}
            value={draft.q}
            spellCheck={false}
            aria-invalid={errorFor('q') !== undefined}
            onChange={(e) => set({ q: e.currentTarget.value })}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                submit();
              }
            }}
            placeholder='{ resource.service.name = "frontend" && duration > 500ms }'
          />
        </Field>
      ) : (
        <>
          <Field
            label="Service"
            htmlFor={`${id}-service`}
            hint={
              services.isLoading
                ? 'Loading services…'
                : services.isError
                  ? `Could not list services: ${services.error.message}`
                  : serviceList.length === 0 && services.isSuccess
                    ? `${source?.name ?? 'The source'} has no services yet.`
                    : undefined
            }
          >
            <select
              id={`${id}-service`}
              className={field}
              value={draft.service}
              onChange={(e) => set({ service: e.currentTarget.value, operation: '' })}
            >
              <option value="">All services</option>
              {serviceOptions.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label="Operation"
            htmlFor={`${id}-operation`}
            hint={operations.isError ? `Could not list operations: ${operations.error.message}` : undefined}
          >
            <select
              id={`${id}-operation`}
              className={field}
              value={draft.operation}
              disabled={!draft.service}
              onChange={(e) => set({ operation: e.currentTarget.value })}
            >
              <option value="">{draft.service ? 'All operations' : 'Pick a service first'}</option>
              {opOptions.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label="Attributes"
            htmlFor={`${id}-tags`}
            hint={
              errorFor('tags') ?? (
                <>
                  key=value pairs; quote values with spaces: <code>http.route=&quot;/a b&quot;</code>
                </>
              )
            }
          >
            <input
              id={`${id}-tags`}
              className={`${field} font-mono`}
              value={draft.tags}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={errorFor('tags') !== undefined}
              placeholder="customer_id=123 error=true"
              onChange={(e) => set({ tags: e.currentTarget.value })}
            />
          </Field>
          {traceql && source?.kind === 'backend' && (
            <AttributePicker
              source={source}
              range={draft.range}
              onAdd={(k, v, asString) => set({ tags: `${draft.tags.trim()} ${formatPair(k, v, asString)}`.trim() })}
            />
          )}
          <div className="grid grid-cols-2 gap-2">
            <Field label="Min duration" htmlFor={`${id}-min`}>
              <input
                id={`${id}-min`}
                className={field}
                value={draft.minDuration}
                placeholder="e.g. 500ms"
                aria-invalid={errorFor('minDuration') !== undefined}
                onChange={(e) => set({ minDuration: e.currentTarget.value })}
              />
            </Field>
            <Field label="Max duration" htmlFor={`${id}-max`}>
              <input
                id={`${id}-max`}
                className={field}
                value={draft.maxDuration}
                placeholder="e.g. 1.2s"
                aria-invalid={errorFor('maxDuration') !== undefined}
                onChange={(e) => set({ maxDuration: e.currentTarget.value })}
              />
            </Field>
          </div>
        </>
      )}

      <RangeFields id={id} draft={draft} set={set} />

      {error && (
        <p
          role="alert"
          className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          {error.message}
        </p>
      )}
      <button
        type="submit"
        className="rounded bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700"
      >
        Search
      </button>
    </form>
  );
}
