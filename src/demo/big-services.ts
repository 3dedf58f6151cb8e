/**
 * The cast of the big synthetic trace: ~30 services in tiers (a service calls services of
 * its own tier or deeper), each with a protocol, an optional database and the operations
 * it exposes. Names and attribute shapes follow OpenTelemetry semantic conventions.
 */

export type Protocol = 'http' | 'grpc';
export type DbSystem = 'postgresql' | 'mysql' | 'redis' | 'mongodb' | 'cassandra';

export interface BigService {
  readonly name: string;
  readonly lang: 'go' | 'java' | 'nodejs' | 'python' | 'dotnet' | 'rust';
  readonly protocol: Protocol;
  readonly tier: 0 | 1 | 2 | 3;
  readonly db?: DbSystem;
  /** the entity the service owns: routes, rpc methods and tables are named after it */
  readonly entity: string;
}

export const BIG_SERVICES: readonly BigService[] = [
  { name: 'api-gateway', lang: 'go', protocol: 'http', tier: 0, entity: 'export' },
  { name: 'web-bff', lang: 'nodejs', protocol: 'http', tier: 1, entity: 'page' },
  { name: 'mobile-bff', lang: 'nodejs', protocol: 'http', tier: 1, entity: 'screen' },
  { name: 'order-service', lang: 'java', protocol: 'http', tier: 1, db: 'postgresql', entity: 'order' },
  { name: 'report-service', lang: 'python', protocol: 'http', tier: 1, db: 'postgresql', entity: 'report' },
  { name: 'catalog', lang: 'java', protocol: 'grpc', tier: 2, db: 'postgresql', entity: 'product' },
  { name: 'search', lang: 'java', protocol: 'http', tier: 2, db: 'redis', entity: 'query' },
  { name: 'recommendation', lang: 'python', protocol: 'grpc', tier: 2, db: 'redis', entity: 'recommendation' },
  { name: 'pricing', lang: 'go', protocol: 'grpc', tier: 2, db: 'postgresql', entity: 'price' },
  { name: 'inventory', lang: 'go', protocol: 'grpc', tier: 2, db: 'mysql', entity: 'stock' },
  { name: 'cart', lang: 'go', protocol: 'grpc', tier: 2, db: 'redis', entity: 'cart' },
  { name: 'checkout', lang: 'java', protocol: 'http', tier: 2, db: 'postgresql', entity: 'checkout' },
  { name: 'payment', lang: 'java', protocol: 'grpc', tier: 2, db: 'postgresql', entity: 'payment' },
  { name: 'fraud-detection', lang: 'python', protocol: 'http', tier: 2, db: 'cassandra', entity: 'score' },
  { name: 'shipping', lang: 'go', protocol: 'grpc', tier: 2, db: 'postgresql', entity: 'shipment' },
  { name: 'reviews', lang: 'python', protocol: 'http', tier: 2, db: 'mongodb', entity: 'review' },
  { name: 'loyalty', lang: 'dotnet', protocol: 'http', tier: 2, db: 'mysql', entity: 'points' },
  { name: 'promotions', lang: 'rust', protocol: 'grpc', tier: 2, db: 'redis', entity: 'promotion' },
  { name: 'tax', lang: 'dotnet', protocol: 'http', tier: 3, entity: 'rate' },
  { name: 'currency', lang: 'nodejs', protocol: 'grpc', tier: 3, entity: 'conversion' },
  { name: 'auth', lang: 'go', protocol: 'grpc', tier: 3, db: 'redis', entity: 'token' },
  { name: 'user-profile', lang: 'java', protocol: 'grpc', tier: 3, db: 'postgresql', entity: 'user' },
  { name: 'feature-flags', lang: 'go', protocol: 'grpc', tier: 3, db: 'redis', entity: 'flag' },
  { name: 'geo', lang: 'rust', protocol: 'grpc', tier: 3, entity: 'location' },
  { name: 'ledger', lang: 'java', protocol: 'grpc', tier: 3, db: 'postgresql', entity: 'entry' },
  { name: 'notification', lang: 'nodejs', protocol: 'grpc', tier: 3, db: 'mongodb', entity: 'notification' },
  { name: 'media', lang: 'go', protocol: 'http', tier: 3, db: 'cassandra', entity: 'asset' },
  { name: 'audit-log', lang: 'go', protocol: 'grpc', tier: 3, db: 'cassandra', entity: 'event' },
  { name: 'config', lang: 'go', protocol: 'grpc', tier: 3, entity: 'setting' },
  { name: 'warehouse', lang: 'java', protocol: 'grpc', tier: 3, db: 'mysql', entity: 'slot' },
];

/** The Kubernetes namespace (its team's) each service runs in, so the service map has groups. */
const NAMESPACES: Readonly<Record<string, readonly string[]>> = {
  edge: ['api-gateway', 'web-bff', 'mobile-bff'],
  orders: ['order-service', 'cart', 'checkout', 'payment', 'fraud-detection', 'ledger', 'tax', 'currency'],
  catalog: ['catalog', 'search', 'recommendation', 'pricing', 'promotions', 'reviews', 'media'],
  fulfilment: ['inventory', 'shipping', 'warehouse', 'geo'],
  customers: ['loyalty', 'user-profile', 'auth', 'notification'],
  platform: ['report-service', 'feature-flags', 'config', 'audit-log'],
};

export function namespaceOf(s: BigService): string {
  for (const [ns, names] of Object.entries(NAMESPACES)) if (names.includes(s.name)) return ns;
  return 'default';
}

/** HTTP routes / gRPC methods a service exposes, built from its entity. */
export function operationsOf(
  s: BigService,
): readonly { readonly method: string; readonly path: string; readonly rpc: string }[] {
  const e = s.entity;
  const plural = e.endsWith('s') ? e : `${e}s`;
  const cap = e.charAt(0).toUpperCase() + e.slice(1);
  return [
    { method: 'GET', path: `/api/v1/${plural}/{id}`, rpc: `Get${cap}` },
    { method: 'GET', path: `/api/v1/${plural}`, rpc: `List${cap}s` },
    { method: 'POST', path: `/api/v1/${plural}`, rpc: `Create${cap}` },
    { method: 'PUT', path: `/api/v1/${plural}/{id}`, rpc: `Update${cap}` },
    { method: 'POST', path: `/api/v1/${plural}:batchGet`, rpc: `BatchGet${cap}s` },
  ];
}

export const INTERNAL_OPS: readonly string[] = [
  'validate',
  'serialize',
  'deserialize',
  'authorize',
  'applyRules',
  'buildResponse',
  'mergeResults',
  'computeTotals',
  'renderTemplate',
  'loadConfig',
  'cache.lookup',
  'map.toDto',
  'checkPermissions',
];

export const CHAIN_OPS: readonly string[] = ['resolveNode', 'expandDependency', 'walkCategoryTree', 'evaluateRule'];

export const ERROR_MESSAGES = {
  http: ['503 Service Unavailable', '504 Gateway Timeout', '500 Internal Server Error'],
  grpc: ['DEADLINE_EXCEEDED: context deadline exceeded', 'UNAVAILABLE: connection refused', 'INTERNAL: unexpected EOF'],
  db: ['deadlock detected', 'canceling statement due to statement timeout', 'connection reset by peer'],
} as const;
