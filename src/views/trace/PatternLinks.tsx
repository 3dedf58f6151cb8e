/** Links made from the deployment's link patterns (model/link-patterns.ts); text only, never HTML. */
import type { ResolvedLink } from '../../model/link-patterns';

export function PatternLinks({ links, className = '' }: { links: readonly ResolvedLink[]; className?: string }) {
  if (links.length === 0) return null;
  return (
    <span className={`flex flex-wrap gap-x-3 gap-y-0.5 ${className}`}>
      {links.map((l, i) => (
        <a
          key={i}
          data-testid="link-pattern"
          href={l.url}
          target="_blank"
          rel="noopener noreferrer"
          className="font-sans text-sky-700 underline hover:text-sky-900 focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-300 dark:hover:text-sky-100"
        >
          {l.text}
          <span aria-hidden> ↗</span>
        </a>
      ))}
    </span>
  );
}

/** Why some link patterns were skipped: shown once, so a typo in config.json is not silent. */
export function LinkPatternProblems({ problems }: { problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return (
    <div role="status">
      <details className="mt-2 text-xs text-amber-800 dark:text-amber-300">
        <summary className="cursor-pointer">
          {problems.length} link pattern{problems.length === 1 ? '' : 's'} in config.json skipped
        </summary>
        <ul className="mt-1 list-disc pl-5">
          {problems.slice(0, 50).map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}
