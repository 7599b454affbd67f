/**
 * Who may do what. Three roles, each including the one before: viewer (the wall and the tablet,
 * read-only; the long-lived display token of a wall PC), editor (loads figures, makes briefings),
 * admin (manages tokens). A credential is a random bearer token, stored only as its SHA-256:
 * tokens carry 192 bits of randomness, so a fast hash is enough and a stolen database reveals
 * none. Every change to credentials goes to the audit log with who made it, in its transaction.
 */
import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { auditIn } from '../store/audit.ts';
import { inTransaction, type Store } from '../store/store.ts';

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Credential = {
  id: number;
  name: string;
  role: Role;
};

type Listed = Credential & { created_at: string; created_by: string; revoked_at: string | null };

export const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/** Whether `held` is at least `needed`. */
export const allows = (held: Role, needed: Role) => ROLES.indexOf(held) >= ROLES.indexOf(needed);

export class Access {
  private byHash = new Map<string, Credential>();
  private readonly revoked = new EventEmitter();
  /** Credentials of the server's own parts (the briefing renderer): in memory only, gone on restart. */
  private readonly internal = new Map<string, Credential>();

  private constructor(private readonly store: Store) {}

  static async open(store: Store): Promise<Access> {
    const access = new Access(store);
    await access.reload();
    return access;
  }

  /** The credential a token stands for, or null (unknown or revoked). */
  verify(token: string | undefined): Credential | null {
    if (!token) return null;
    const hash = sha256(token);
    return this.byHash.get(hash) ?? this.internal.get(hash) ?? null;
  }

  /** A token for a part of the server itself, never stored: valid until the server stops. */
  internalToken(name: string, role: Role): string {
    const token = `ioc_internal_${randomBytes(24).toString('base64url')}`;
    this.internal.set(sha256(token), { id: 0, name, role });
    return token;
  }

  async list(): Promise<Listed[]> {
    return this.store.query<Listed>(
      'SELECT id, name, role, created_at::VARCHAR AS created_at, created_by, revoked_at::VARCHAR AS revoked_at FROM credentials ORDER BY id',
    );
  }

  /** A new credential; its token is returned this once and never stored. */
  async create(name: string, role: Role, actor: string): Promise<{ credential: Credential; token: string }> {
    const token = `ioc_${role}_${randomBytes(24).toString('base64url')}`;
    const [credential] = await this.store.exclusive((c) =>
      inTransaction(c, async () => {
        const reader = await c.runAndReadAll('INSERT INTO credentials (name, role, token_sha256, created_by) VALUES ($1, $2, $3, $4) RETURNING id, name, role', [
          name,
          role,
          sha256(token),
          actor,
        ]);
        const made = reader.getRowObjectsJS() as unknown as Credential[];
        await auditIn(c, actor, 'token_created', String(made[0]!.id), { name, role });
        return made;
      }),
    );
    await this.reload();
    return { credential: credential!, token };
  }

  /** Revokes a credential; false when there is no such active one. */
  async revoke(id: number, actor: string): Promise<boolean> {
    const revoked = await this.store.exclusive((c) =>
      inTransaction(c, async () => {
        const reader = await c.runAndReadAll('UPDATE credentials SET revoked_at = current_timestamp WHERE id = $1 AND revoked_at IS NULL RETURNING id', [id]);
        if (reader.getRows().length === 0) return false;
        await auditIn(c, actor, 'token_revoked', String(id), {});
        return true;
      }),
    );
    await this.reload();
    if (revoked) this.revoked.emit('revoked', id);
    return revoked;
  }

  /** Calls `listener` with the id of each credential revoked from now on (so open connections can be closed). */
  onRevoke(listener: (id: number) => void): () => void {
    this.revoked.on('revoked', listener);
    return () => this.revoked.off('revoked', listener);
  }

  /** On a first start, an admin credential (and a display one for the wall); their tokens, to be printed once. */
  async firstStart(): Promise<{ admin: string; display: string } | null> {
    const [found] = await this.store.query<{ n: number }>("SELECT count(*)::INTEGER AS n FROM credentials WHERE role = 'admin' AND revoked_at IS NULL");
    if (found!.n > 0) return null;
    const admin = await this.create('admin (first start)', 'admin', 'first start');
    const display = await this.create('wall display (first start)', 'viewer', 'first start');
    return { admin: admin.token, display: display.token };
  }

  private async reload(): Promise<void> {
    const active = await this.store.query<Credential & { token_sha256: string }>('SELECT id, name, role, token_sha256 FROM credentials WHERE revoked_at IS NULL');
    this.byHash = new Map(active.map((c) => [c.token_sha256, { id: c.id, name: c.name, role: c.role }]));
  }
}
