/** A trace opened from a file has no server behind its link: say so, and point at the download. */
export function FileNotice({ fileName }: { fileName: string }) {
  return (
    <p
      role="status"
      className="mt-3 flex flex-wrap items-center gap-2 rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100"
    >
      This trace came from the file {fileName}, which never left your browser: its link works only where the file is
      open. Share the file with the link (Download JSON above saves it again).
    </p>
  );
}
