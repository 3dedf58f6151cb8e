/**
 * A value that may be huge (a 300 MB attribute, a 5 MB span name): the first `max`
 * characters, then "… (N more characters)" with buttons to show more in bounded steps,
 * copy the full value or save it as a file. The DOM never holds the whole value at once
 * unless the reader asked for it step by step.
 */
import { useState } from 'react';
import { clipText, expandedLength, moreCharacters } from '../lib/truncate';
import { CopyButton } from './CopyButton';
import { formatCount } from '../lib/format';

const button =
  'rounded px-1 font-sans text-sky-800 underline hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-sky-300 dark:hover:bg-slate-700';

function saveAsFile(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function LongText({ text, max, what }: { text: string; max: number; what: string }) {
  const [shownChars, setShownChars] = useState(max);
  const { shown, hiddenChars } = clipText(text, shownChars);
  if (hiddenChars === 0) return <>{shown}</>;
  return (
    <>
      {shown}
      <span className="font-sans text-slate-600 dark:text-slate-300" data-testid="long-text-more">
        {moreCharacters(hiddenChars)}
      </span>{' '}
      <span className="inline-flex flex-wrap gap-1 align-baseline text-xs">
        <button
          type="button"
          className={button}
          onClick={() => setShownChars(expandedLength(shown.length, text.length))}
          aria-label={`Show more of ${what}`}
        >
          show more
        </button>
        <CopyButton text={text} label={`Copy the full ${what} (${formatCount(text.length)} characters)`} />
        <button
          type="button"
          className={button}
          onClick={() => saveAsFile(text, 'value.txt')}
          aria-label={`Save the full ${what} as a file`}
        >
          save
        </button>
      </span>
    </>
  );
}
