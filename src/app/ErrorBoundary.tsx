import { Component, type ErrorInfo, type ReactNode } from 'react';
import { withBase } from '../lib/base-path';

interface Props {
  readonly children: ReactNode;
}
interface State {
  readonly error: Error | undefined;
}

/** The page never goes blank: a render error shows what broke and a way back. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Pathlight view crashed', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div
        role="alert"
        className="mx-auto mt-10 max-w-2xl rounded-lg border border-red-300 bg-red-50 p-6 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
      >
        <h2 className="text-lg font-semibold">This view failed to render</h2>
        <p className="mt-2 font-mono text-sm break-words">{error.message}</p>
        <p className="mt-4 text-sm">
          Other pages still work.{' '}
          <a className="underline" href={withBase('/')} onClick={() => this.setState({ error: undefined })}>
            Back to the start page
          </a>
        </p>
      </div>
    );
  }
}
