import type { BackendSource } from '../api/sources';

/** The <option>s of a source <select>: each configured backend by name and type, then the demo source when asked for. */
export function SourceOptions({ backends, withDemo }: { backends: readonly BackendSource[]; withDemo: boolean }) {
  return (
    <>
      {backends.map((b) => (
        <option key={b.id} value={b.id}>
          {b.name} ({b.type})
        </option>
      ))}
      {withDemo && <option value="demo">Demo traces</option>}
    </>
  );
}
