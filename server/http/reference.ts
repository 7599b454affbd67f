/**
 * Read-only reference API: the unit tree with its socio-economic overview (QĐ 828), facilities,
 * indicators with their calculation guides, and targets.
 */
import { Router } from 'express';
import type { Catalogue } from '../../data/schema/indicator.ts';
import type { FacilityKind, Pack, UnitOverview } from '../../data/schema/pack.ts';
import { sendError } from './errors.ts';

/** Population of a unit: its own figure, or the sum of its children's for the same year. */
function populationOf(pack: Pack, code: string): UnitOverview['population'] {
  const own = pack.population.filter((p) => p.unitCode === code).sort((a, b) => b.year - a.year)[0];
  if (own) return { year: own.year, value: own.population, source: own.source };
  const children = pack.units.filter((u) => u.parentCode === code).map((u) => populationOf(pack, u.code));
  if (children.length === 0 || children.some((c) => c === null)) return null;
  const year = children[0]!.year;
  if (children.some((c) => c!.year !== year)) return null;
  return { year, value: children.reduce((s, c) => s + c!.value, 0), source: `Σ ${[...new Set(children.map((c) => c!.source))].join('; ')}` };
}

export function unitOverviews(pack: Pack): UnitOverview[] {
  const under = (code: string): string[] => pack.units.filter((u) => u.parentCode === code).flatMap((u) => [u.code, ...under(u.code)]);
  return pack.units.map((u) => {
    const population = populationOf(pack, u.code);
    const within = new Set([u.code, ...under(u.code)]);
    const facilities: Partial<Record<FacilityKind, number>> = {};
    for (const f of pack.facilities) if (within.has(f.unitCode)) facilities[f.kind] = (facilities[f.kind] ?? 0) + 1;
    return {
      ...u,
      population,
      density: population ? Math.round((population.value / u.areaKm2) * 10) / 10 : null,
      sexRatio: null,
      facilities,
      children: pack.units.filter((c) => c.parentCode === u.code).map((c) => c.code),
    };
  });
}

export function referenceRouter(pack: Pack, catalogue: Catalogue): Router {
  const router = Router();
  const units = unitOverviews(pack);
  router.get('/units', (_req, res) => res.json({ levels: pack.levels, units }));
  router.get('/units/:code', (req, res) => {
    const unit = units.find((u) => u.code === req.params.code);
    return unit ? res.json(unit) : sendError(res, 404, 'not_found', `no unit ${req.params.code}`);
  });
  router.get('/facilities', (_req, res) => res.json(pack.facilities));
  router.get('/indicators', (_req, res) => res.json(catalogue.indicators));
  router.get('/indicators/:code', (req, res) => {
    const indicator = catalogue.indicators.find((i) => i.code === req.params.code);
    return indicator ? res.json(indicator) : sendError(res, 404, 'not_found', `no indicator ${req.params.code}`);
  });
  router.get('/targets', (_req, res) =>
    res.json(catalogue.indicators.flatMap((i) => i.targets.map((t) => ({ indicator: i.code, ...t })))),
  );
  return router;
}
