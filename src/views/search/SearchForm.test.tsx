// @vitest-environment jsdom
/**
 * The search form against mocked sources: it lists the source's services and operations
 * (asked of the source's client), shows TraceQL only where the source has it, refuses a bad
 * duration with an alert, and submits the draft. The demo source needs no backend at all.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SearchState } from '../../api/search/types';
import type { BackendSource } from '../../api/sources';
import { origin, renderWithProviders } from '../../test/render';
import { SearchForm } from './SearchForm';
import { parseSearchParams } from './url-state';

const jaeger: BackendSource = { kind: 'backend', id: 'jaeger', type: 'jaeger', name: 'Jaeger' };
const tempo: BackendSource = { kind: 'backend', id: 'tempo', type: 'tempo', name: 'Tempo' };
const asked: string[] = [];
const server = setupServer(
  http.get(origin('/proxy/jaeger/api/v3/services'), () => {
    asked.push('services');
    return HttpResponse.json({ services: ['frontend', 'driver'] });
  }),
  http.get(origin('/proxy/jaeger/api/v3/operations'), ({ request }) => {
    asked.push(`operations ${new URL(request.url).searchParams.get('service')}`);
    return HttpResponse.json({ operations: [{ name: 'HTTP GET /dispatch' }, { name: 'HTTP GET /config' }] });
  }),
  http.get(origin('/proxy/tempo/*'), () => HttpResponse.json({ tagValues: [] })),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  asked.length = 0;
});
afterAll(() => server.close());

const initial = (query: string): SearchState => parseSearchParams(new URLSearchParams(query));

describe('SearchForm', () => {
  it('lists services and then operations of the chosen service, and submits the draft', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(
      <SearchForm initial={initial('source=jaeger')} backends={[jaeger, tempo]} onSubmit={onSubmit} />,
    );
    const service = screen.getByLabelText('Service');
    await waitFor(() => expect(within(service).getByRole('option', { name: 'driver' })).toBeDefined(), {
      timeout: 10_000,
    });
    fireEvent.change(service, { target: { value: 'frontend' } });
    const operation = screen.getByLabelText('Operation');
    await waitFor(() => expect(within(operation).getByRole('option', { name: 'HTTP GET /dispatch' })).toBeDefined(), {
      timeout: 10_000,
    });
    fireEvent.change(operation, { target: { value: 'HTTP GET /dispatch' } });
    fireEvent.change(screen.getByLabelText('Min duration'), { target: { value: '250ms' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({
      source: 'jaeger',
      service: 'frontend',
      operation: 'HTTP GET /dispatch',
      minDuration: '250ms',
    });
    expect(asked).toEqual(['services', 'operations frontend']);
    expect(screen.queryByRole('radiogroup', { name: 'Query mode' })).toBeNull(); // no TraceQL on Jaeger
  });

  it('refuses a duration it cannot read, with an alert, and submits nothing', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(<SearchForm initial={initial('source=jaeger')} backends={[jaeger]} onSubmit={onSubmit} />);
    fireEvent.change(screen.getByLabelText('Max duration'), { target: { value: 'soon' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect((await screen.findByRole('alert')).textContent).toContain('"soon" is not a duration');
    expect(screen.getByLabelText('Max duration').getAttribute('aria-invalid')).toBe('true');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('offers TraceQL where the source has it', () => {
    renderWithProviders(
      <SearchForm initial={initial('source=tempo')} backends={[jaeger, tempo]} onSubmit={() => {}} />,
    );
    expect(screen.getByRole('radiogroup', { name: 'Query mode' })).toBeDefined();
  });

  it('searches the demo source with no backend: its services come from the generated traces', async () => {
    renderWithProviders(<SearchForm initial={initial('source=demo')} backends={[]} onSubmit={() => {}} />);
    const service = screen.getByLabelText('Service');
    await waitFor(() => expect(within(service).getByRole('option', { name: 'mysql' })).toBeDefined(), {
      timeout: 10_000,
    });
    expect(within(screen.getByLabelText('Source')).getByRole('option', { name: 'Demo traces' })).toBeDefined();
  });
});
