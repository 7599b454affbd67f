/**
 * Read-only reference API: the unit tree with its socio-economic overview (QĐ 828), facilities,
 * indicators with their calculation guides, and targets.
 */
import { Router } from 'express';
import type { Catalogue } from '../../data/schema/indicator.ts';
import type { FacilityKind, Pack, UnitOverview } from '../../data/schema/pack.ts';
import { unitPopulations } from '../../data/schema/population.ts';
import { sendError } from './errors.ts';

/**
 * A unit's population in the overview (QĐ 828): its own figure, else the sum over the nearest level
 * below whose units all have one of a single source and year; a document of the department wins
 * over the list of communes, and a figure never mixes two sources (data/schema/population.ts).
 * Each carries the sources it did not use, so the overview says which it used.
 */
export function unitOverviews(pack: Pack): UnitOverview[] {
  const under = (code: string): string[] => pack.units.filter((u) => u.parentCode === code).flatMap((u) => [u.code, ...under(u.code)]);
  const populations = unitPopulations(pack);
  return pack.units.map((u) => {
    const population = populations.get(u.code) ?? null;
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
