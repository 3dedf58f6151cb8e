import { navigate } from '../lib/router';

interface Props {
  readonly title: string;
  readonly body: string;
  readonly retry?: (() => void) | undefined;
  /** `page`: the page's only content (a level-1 heading, centred); `panel`: one of several (level 2). */
  readonly size: 'page' | 'panel';
}

/** Why something could not be shown, with "Try again" when that can help and a way back to the start. */
export function ProblemMessage({ title, body, retry, size }: Props) {
  const page = size === 'page';
  const button = page ? 'mt-4 px-3 py-1.5' : 'mt-3 px-3 py-1';
  return (
    <div
      role="alert"
      className={`rounded-lg border border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50 ${page ? 'mx-auto mt-12 max-w-2xl p-6' : 'p-4'}`}
    >
      {page ? <h1 className="text-lg font-semibold">{title}</h1> : <h2 className="font-semibold">{title}</h2>}
      <p className={`whitespace-pre-line break-words ${page ? 'mt-2' : 'mt-1 text-sm'}`}>{body}</p>
      {retry && (
        <button
          type="button"
          className={`${button} mr-2 rounded border border-amber-900 text-sm dark:border-amber-200`}
          onClick={retry}
        >
          Try again
        </button>
      )}
      <button
        type="button"
        className={`${button} rounded bg-amber-900 text-sm text-white dark:bg-amber-200 dark:text-amber-950`}
        onClick={() => navigate('/')}
      >
        Go to the start page
      </button>
    </div>
  );
}
