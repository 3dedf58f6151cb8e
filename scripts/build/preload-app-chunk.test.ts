import { describe, expect, it } from 'vitest';
import type { OutputBundle } from 'rolldown';
import { chunkFilesOf } from './preload-app-chunk';

const chunk = (fileName: string, moduleIds: string[], imports: string[] = []) => ({
  type: 'chunk' as const,
  fileName,
  moduleIds,
  imports,
});

describe('chunkFilesOf', () => {
  it("lists the app's chunk and everything it imports statically, once each", () => {
    const bundle = {
      a: chunk('assets/index-1.js', ['/p/src/app/main.ts']),
      b: chunk(
        'assets/start-app-2.js',
        ['/p/src/app/start-app.tsx', '/p/src/app/App.tsx'],
        ['assets/react-3.js', 'assets/x-4.js'],
      ),
      c: chunk('assets/react-3.js', ['/p/node_modules/react/index.js']),
      d: chunk('assets/x-4.js', ['/p/src/x.ts'], ['assets/react-3.js']),
      e: chunk('assets/SearchPage-5.js', ['/p/src/views/search/SearchPage.tsx'], ['assets/start-app-2.js']),
      f: { type: 'asset' as const, fileName: 'assets/index.css' },
    } as unknown as OutputBundle;
    expect(chunkFilesOf(bundle, 'src/app/start-app.tsx').sort()).toEqual([
      'assets/react-3.js',
      'assets/start-app-2.js',
      'assets/x-4.js',
    ]);
    expect(chunkFilesOf(bundle, 'src/app/missing.tsx')).toEqual([]);
  });
});
