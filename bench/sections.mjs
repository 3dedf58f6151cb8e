// The benchmark sections `npm run bench` knows, in run order. Add a section by writing
// bench/<name>.mjs exporting { name, description, run(ctx) } and listing it here;
// run(ctx) gets { context (Playwright BrowserContext), baseUrl (built bench pages),
// resultsDir, log } and returns { result, report, overBudget }.
export const SECTIONS = [
  { name: 'model', load: () => import('./model.mjs') },
  { name: 'trace-page', load: () => import('./trace-page.mjs') },
  { name: 'graph', load: () => import('./graph.mjs') },
  { name: 'search', load: () => import('./search.mjs') },
  { name: 'compare', load: () => import('./compare.mjs') },
  { name: 'aggregate', load: () => import('./aggregate.mjs') },
  { name: 'million', load: () => import('./million.mjs') },
];
