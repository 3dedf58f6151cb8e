import type { Attribute } from '../../../model/types';
import { LongText } from '../../../components/LongText';
import { clipLabel, DETAIL_CHARS } from '../../../lib/truncate';
import { attrText, httpUrl } from './attribute-value';
import type { ResolvedLink } from '../../../model/link-patterns';
import { PatternLinks } from '../PatternLinks';

const MAX_SHOWN = 200;

/** Key/value rows; a value is a link only when it is an http(s) URL. Long keys and values are clipped. */
export function AttributeTable({
  attributes,
  label,
  linksFor,
}: {
  attributes: readonly Attribute[];
  label: string;
  /** Links from the link patterns to show beside an attribute. */
  linksFor?: ((key: string) => readonly ResolvedLink[]) | undefined;
}) {
  if (attributes.length === 0) return null;
  return (
    <table aria-label={label} className="w-full table-fixed text-xs">
      <tbody>
        {attributes.slice(0, MAX_SHOWN).map((a, i) => {
          const text = attrText(a.value);
          const url = text.length <= DETAIL_CHARS ? httpUrl(a.value) : undefined;
          return (
            <tr key={i} className="border-t border-slate-200 align-top dark:border-slate-700">
              <th
                scope="row"
                className="w-2/5 py-1 pr-2 text-left font-mono font-normal break-words text-slate-600 dark:text-slate-300"
              >
                {clipLabel(a.key)}
              </th>
              <td className="py-1 font-mono break-words whitespace-pre-wrap">
                {url ? (
                  <a
                    href={url}
                    target="_blank"
                    rel="noopener noreferrer"
                    className="text-sky-700 underline dark:text-sky-300"
                  >
                    {text}
                  </a>
                ) : (
                  <LongText text={text} max={DETAIL_CHARS} what={`value of ${clipLabel(a.key, 60)}`} />
                )}
                {linksFor && <PatternLinks links={linksFor(a.key)} className="mt-0.5" />}
              </td>
            </tr>
          );
        })}
        {attributes.length > MAX_SHOWN && (
          <tr>
            <td colSpan={2} className="py-1 text-slate-500">
              …and {attributes.length - MAX_SHOWN} more
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
