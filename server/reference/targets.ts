/**
 * Targets an administrator sets over the API (a new plan, a new document), kept in the store and
 * laid over the catalogue file's: every part that reads targets (the rollup's status, the guide,
 * /api/targets) then sees both, the API's marked with who set them. Setting or withdrawing one is
 * audited in its own transaction, and the live views recompute their status at once.
 */
import { targetSchema, type Catalogue, type Target } from '../../data/schema/indicator.ts';
import type { Pack } from '../../data/schema/pack.ts';
import type { RollupReference } from '../rollup/compile-view.ts';
import { auditIn } from '../store/audit.ts';
import { inTransaction, type Store } from '../store/store.ts';

export interface SetTarget extends Target {
  id: number;
  indicator: string;
  set_by: string;
}

export class TargetError extends Error {}

export class Targets {
  /** The catalogue file's own targets, per indicator, before any set over the API. */
  private readonly fromFile = new Map<string, Target[]>();

  constructor(
    private readonly store: Store,
    private readonly pack: Pack,
    private readonly catalogue: Catalogue,
    private readonly reference: RollupReference,
  ) {
    for (const i of catalogue.indicators) this.fromFile.set(i.code, i.targets);
  }

  async list(): Promise<SetTarget[]> {
    const rows = await this.store.query<{ id: number; indicator: string; target: string; set_by: string }>(
      'SELECT id, indicator, target::VARCHAR AS target, set_by FROM targets_set WHERE withdrawn_at IS NULL ORDER BY id',
    );
    return rows.map((r) => ({ id: r.id, indicator: r.indicator, set_by: r.set_by, ...(JSON.parse(r.target) as Target) }));
  }

  /** Lays the targets set over the API over the file's, everywhere targets are read. */
  async apply(): Promise<void> {
    const set = await this.list();
    for (const indicator of this.catalogue.indicators) {
      const targets = [...this.fromFile.get(indicator.code)!, ...set.filter((t) => t.indicator === indicator.code).map(({ id: _i, indicator: _c, set_by: _b, ...t }) => t)];
      indicator.targets = targets;
      this.reference.indicators.get(indicator.code)!.targets = targets;
    }
  }

  async set(indicator: string, body: unknown, actor: string): Promise<SetTarget> {
    if (!this.fromFile.has(indicator)) throw new TargetError(`no indicator "${indicator}"`);
    const parsed = targetSchema.safeParse(body);
    if (!parsed.success) throw new TargetError(parsed.error.issues.map((i) => `${i.path.join('.') || 'target'}: ${i.message}`).join('; '));
    const target = parsed.data;
    if ('unit' in target.scope && !this.pack.units.some((u) => u.code === (target.scope as { unit: string }).unit))
      throw new TargetError(`scope.unit: "${target.scope.unit}" is not a unit of the pack`);
    const id = await this.store.exclusive((c) =>
      inTransaction(c, async () => {
        const reader = await c.runAndReadAll('INSERT INTO targets_set (indicator, target, set_by) VALUES ($1, $2::JSON, $3) RETURNING id', [indicator, JSON.stringify(target), actor]);
        const made = Number(reader.getRows()[0]![0]);
        await auditIn(c, actor, 'target_set', indicator, { id: made, ...target });
        return made;
      }),
    );
    await this.changed(indicator);
    return { id, indicator, set_by: actor, ...target };
  }

  /** Withdraws a target set over the API; false when there is no such one. */
  async withdraw(id: number, actor: string): Promise<boolean> {
    const indicator = await this.store.exclusive((c) =>
      inTransaction(c, async () => {
        const reader = await c.runAndReadAll('UPDATE targets_set SET withdrawn_at = current_timestamp WHERE id = $1 AND withdrawn_at IS NULL RETURNING indicator', [id]);
        const code = reader.getRows()[0]?.[0] as string | undefined;
        if (code) await auditIn(c, actor, 'target_withdrawn', code, { id });
        return code ?? null;
      }),
    );
    if (indicator) await this.changed(indicator);
    return indicator !== null;
  }

  /** Re-applies, and has the live views of the indicator recompute (their status may change), at the current version. */
  private async changed(indicator: string): Promise<void> {
    await this.apply();
    const [latest] = await this.store.query<{ id: number }>('SELECT COALESCE(max(id), 0)::INTEGER AS id FROM batches');
    this.store.notifyCommit({
      batchId: latest!.id,
      committedAt: Date.now(),
      indicators: [indicator],
      unitCodes: this.pack.units.map((u) => u.code),
      from: '0001-01-01',
      to: '9999-12-31',
      cause: 'targets',
    });
  }
}
