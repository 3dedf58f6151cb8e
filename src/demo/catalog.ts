/** The demo list and demo trace ids, for code that only lists demos (the generator lives in generate.ts). */
export { demoCatalog, demoTraceId, demoFromTraceId, type DemoInfo } from './generate';
