/**
 * The OpenAPI document against the routes the app really has: every route under /api is
 * documented, every documented one exists (method and path; Express :param is OpenAPI {param}).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

interface Layer {
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** "METHOD /path" of every route in a router stack, mounts followed. */
function routesOf(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    const join = (path: string) => (prefix + (path === '/' ? '' : path)).replace(/\/$/, '') || '/';
    if (layer.route)
      return Object.keys(layer.route.methods)
        .filter((m) => m !== '_all')
        .map((m) => `${m.toUpperCase()} ${join(layer.route!.path)}`);
    if (layer.handle.stack && typeof layer.rawPath === 'string') return routesOf(layer.handle.stack, join(layer.rawPath));
    return [];
  });
}

const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

describe('OpenAPI document', () => {
  it('is served at /api/openapi.json without a token, as OpenAPI 3.1', async () => {
    const res = await fetch(`${server.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const document = (await res.json()) as { openapi: string; paths: object; components: { securitySchemes: object } };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['bearer', 'cookie']);
  });

  it('documents every route the app has under /api, and no route it lacks', async () => {
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const stack = (server.app as unknown as { router: { stack: Layer[] } }).router.stack;
    const real = [...new Set(routesOf(stack).filter((r) => / \/api(\/|$)/.test(r)).map(openApiPath))].sort();
    const documented = Object.entries(document.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(real.length).toBeGreaterThan(30);
    expect(documented).toEqual(real);
  });

  it('says who may call each operation: writes need a role, reads follow IOC_READS', async () => {
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { security: Record<string, string[]>[]; responses: Record<string, unknown> }>>;
    };
    const upload = document.paths['/api/batches']!.post!;
    expect(upload.security).toEqual([{ bearer: ['editor'] }, { cookie: ['editor'] }]);
    expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(['201', '401', '403', '413', '422', '429']));
    expect(document.paths['/api/admin/tokens']!.post!.security).toEqual([{ bearer: ['admin'] }, { cookie: ['admin'] }]);
    // This test server has open reads: a read may go without a token.
    expect(document.paths['/api/rollup']!.get!.security[0]).toEqual({});
    expect(document.paths['/api/health']!.get!.security).toEqual([]);
  });
});
