import type { TraceSummary } from './types';

export interface SummarizeRequest {
  readonly id: number;
  readonly text: string;
}
export type SummarizeResponse =
  | { readonly id: number; readonly type: 'done'; readonly summaries: TraceSummary[] }
  | { readonly id: number; readonly type: 'failed'; readonly message: string };
