/** Live updates on the wall's HTTP server: Socket.IO at /socket.io, served by the app itself. */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Pack } from '../../data/schema/pack.ts';
import type { RollupReference } from '../rollup/compile-view.ts';
import type { Store } from '../store/store.ts';
import { startLiveHub, type LiveHub } from './live-hub.ts';

export { COALESCE, type LiveHub } from './live-hub.ts';

export interface Live {
  io: Server;
  hub: LiveHub;
  close(): Promise<void>;
}

/**
 * `admit` decides whether a connection may watch views, from its handshake (the same token as
 * HTTP: the wall's cookie, or `auth.token` for API clients); by default everyone.
 */
export function attachLive(
  http: HttpServer,
  wall: { store: Store; pack: Pack; reference: RollupReference },
  admit: (handshake: IncomingMessage, token: string | undefined) => boolean = () => true,
): Live {
  const io = new Server(http, { serveClient: false });
  io.use((socket, next) => {
    const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
    next(admit(socket.request, token) ? undefined : new Error('unauthenticated: a viewer token is needed'));
  });
  const hub = startLiveHub(io, wall.store, wall.pack, wall.reference);
  return {
    io,
    hub,
    close: async () => {
      hub.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
