import { useEffect, useState, type ReactNode } from 'react';

/**
 * Drag-and-drop of a trace file anywhere on the page, and paste of JSON text (outside text
 * fields) which opens like a file named "pasted.json". The overlay appears only while a
 * file is dragged over the window.
 */
export function FileDropZone({ onFile, children }: { onFile: (file: File) => void; children: ReactNode }) {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const t = e.target;
      if (t instanceof HTMLElement && (t.isContentEditable || t.tagName === 'INPUT' || t.tagName === 'TEXTAREA'))
        return;
      const file = e.clipboardData?.files[0];
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (file) onFile(file);
      else if (/^\s*[[{]/.test(text)) onFile(new File([text], 'pasted.json', { type: 'application/json' }));
      else return;
      e.preventDefault();
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [onFile]);
  const hasFiles = (e: React.DragEvent) => Array.from(e.dataTransfer.types).includes('Files');
  return (
    <div
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget.contains(e.relatedTarget as Node | null)) return;
        setDragging(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(false);
        const file = e.dataTransfer.files[0];
        if (file) onFile(file);
      }}
    >
      {children}
      {dragging && (
        <div className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-sky-500/15 ring-4 ring-sky-500 ring-inset">
          <p className="rounded-lg bg-white px-6 py-4 text-lg font-medium shadow-lg dark:bg-slate-900">
            Drop the trace file to open it
          </p>
        </div>
      )}
    </div>
  );
}
