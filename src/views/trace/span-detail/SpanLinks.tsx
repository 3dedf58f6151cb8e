import type { SpanLink, Trace } from '../../../model/types';
import { navigate, traceHref, useUrlState } from '../../../lib/router';
import { withBase } from '../../../lib/base-path';
import { traceUrlCodec } from '../url-state';
import { AttributeTable } from './AttributeTable';

/** A link to a span in this trace selects it; a link to another trace opens that trace. */
export function SpanLinks({
  trace,
  links,
  onSelectSpan,
}: {
  trace: Trace;
  links: readonly SpanLink[];
  onSelectSpan: (i: number) => void;
}) {
  const [{ source }] = useUrlState(traceUrlCodec);
  return (
    <ul className="space-y-2 text-xs">
      {links.slice(0, 100).map((link, k) => {
        const here = link.traceId === trace.traceId ? trace.spans.findIndex((s) => s.spanId === link.spanId) : -1;
        const href = traceHref(link.traceId, { source: source === 'file' ? undefined : source, span: link.spanId });
        return (
          <li key={k}>
            <span className="text-slate-500 dark:text-slate-400">{link.refType ?? 'link'} → </span>
            {here >= 0 ? (
              <button
                type="button"
                className="font-mono text-sky-700 underline dark:text-sky-300"
                onClick={() => onSelectSpan(here)}
              >
                span {link.spanId}
              </button>
            ) : (
              <a
                href={withBase(href)}
                className="font-mono break-all text-sky-700 underline dark:text-sky-300"
                onClick={(e) => {
                  e.preventDefault();
                  navigate(href);
                }}
              >
                trace {link.traceId} / span {link.spanId}
              </a>
            )}
            <AttributeTable attributes={link.attributes} label="Link attributes" />
          </li>
        );
      })}
    </ul>
  );
}
