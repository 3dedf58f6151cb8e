import { useContext } from 'react';
import type { VerdictPart } from '../../model/analysis-types';
import { BaselineContext } from './baseline-context';
import { clipLabel } from '../../lib/truncate';

/** The one line that says where the time went; the spans and services it names are links. */
export function Verdict({
  parts,
  colors,
  onSelectSpan,
}: {
  parts: readonly VerdictPart[];
  colors: ReadonlyMap<string, string>;
  onSelectSpan: (spanIndex: number) => void;
}) {
  // With a baseline, the verdict gains a sentence on the most unusual span.
  const extra = useContext(BaselineContext)?.verdict;
  const last = parts[parts.length - 1];
  const stop: VerdictPart[] =
    last?.kind === 'text' && last.text.trimEnd().endsWith('.') ? [] : [{ kind: 'text', text: '.' }];
  const all = extra && extra.length > 0 ? [...parts, ...stop, ...extra] : parts;
  return (
    <p data-testid="trace-verdict" className="mt-4 border-l-4 border-sky-500 pl-3 text-base leading-relaxed">
      {all.map((part, i) => {
        switch (part.kind) {
          case 'text':
            return <span key={i}>{part.text}</span>;
          case 'span':
            return (
              <button
                key={i}
                type="button"
                onClick={() => onSelectSpan(part.span)}
                className="rounded bg-slate-100 px-1 font-mono break-all text-[0.95em] hover:bg-sky-100 hover:underline dark:bg-slate-800 dark:hover:bg-sky-900"
              >
                {clipLabel(part.text, 80)}
              </button>
            );
          case 'service':
            return (
              // The service colour as a swatch, the name in the body colour: palette colours fail AA as text.
              <span key={i} className="font-semibold">
                <span
                  className="mr-1 inline-block h-2.5 w-2.5 rounded-sm"
                  style={{ backgroundColor: colors.get(part.service) }}
                  aria-hidden
                />
                {clipLabel(part.text, 80)}
              </span>
            );
        }
      })}
    </p>
  );
}
