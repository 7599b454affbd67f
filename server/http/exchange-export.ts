/**
 * GET /api/export/dhis2, /adx and /fhir?<a view, as /api/rollup takes it>: the view's figures in
 * the forms health information systems exchange (a DHIS2 dataValueSet, ADX XML, a FHIR Bundle of
 * MeasureReports). The figures are the rollup's, read within its limits (the cap on figures, the
 * time limit, the reads a client may have under way). DHIS2 and ADX name them through the pack's
 * mapping. Whatever cannot be written is refused, all of it listed in one answer, and then nothing is written.
 * Besides the view: idScheme=uid|code (DHIS2: uid by default, as DHIS2's own; ADX: code, as ADX
 * names things) and, for ADX, dataSet=… written on each group.
 */
import { Router, type Request, type Response } from 'express';
import type { ExchangeMapping, IdScheme } from '../../data/schema/exchange-mapping.ts';
import type { Catalogue } from '../../data/schema/indicator.ts';
import type { Pack } from '../../data/schema/pack.ts';
import { today } from '../../data/schema/period.ts';
import { viewFromQuery, type View } from '../../data/schema/view.ts';
import { exportFigures, type ExportFigure } from '../exchange/export-figures.ts';
import { refusalAnswer, Refusals } from '../exchange/export-refusals.ts';
import { writeAdx } from '../exchange/write-adx.ts';
import { writeDhis2 } from '../exchange/write-dhis2.ts';
import { fhirViews, writeFhir } from '../exchange/write-fhir.ts';
import type { RollupReference } from '../rollup/compile-view.ts';
import { ViewError } from '../rollup/run-view.ts';
import type { Store } from '../store/store.ts';
import { sendError } from './errors.ts';

const ID_SCHEMES: IdScheme[] = ['uid', 'code'];
const DATA_SET = /^[A-Za-z0-9_.-]{1,50}$/;

const badView = (res: Response, errors: string[]) => res.status(400).json({ error: 'bad_view', message: errors.join('; '), errors });

export function exchangeExportRouter(store: Store, pack: Pack, catalogue: Catalogue, reference: RollupReference, mapping: ExchangeMapping | null, timeoutMs: number): Router {
  const router = Router();

  /** The view a request names, once the export's own parameters are taken out; or the answer is sent. */
  function viewOf(req: Request, res: Response, own: string[]): View | null {
    const rest = Object.fromEntries(Object.entries(req.query).filter(([k]) => !own.includes(k)));
    const { view, errors } = viewFromQuery(rest);
    if (!view) badView(res, errors);
    return view ?? null;
  }

  /** The figures of the views (those that are not counts go to the refusals), or null when the views cannot be read (the answer is sent). */
  async function figuresOf(res: Response, views: View[], refusals: Refusals): Promise<ExportFigure[] | null> {
    try {
      return await exportFigures(store, reference, views, today(pack.timezone), timeoutMs, refusals);
    } catch (err) {
      if (!(err instanceof ViewError)) throw err;
      badView(res, err.errors);
      return null;
    }
  }

  /** DHIS2 and ADX: the mapping, the identifier scheme and a calendar grain, or the answer is sent. */
  function mapped(req: Request, res: Response, view: View, defaultScheme: IdScheme): { mapping: ExchangeMapping; scheme: IdScheme } | null {
    const scheme = (req.query.idScheme ?? defaultScheme) as IdScheme;
    if (!ID_SCHEMES.includes(scheme)) badView(res, [`idScheme: uid hoặc code / uid or code`]);
    else if (view.grain === 'range')
      badView(res, ['grain=range: DHIS2 và ADX chỉ có kỳ theo lịch, chọn day, week, month, quarter, half hoặc year / DHIS2 and ADX have calendar periods only: choose day, week, month, quarter, half or year']);
    else if (!mapping)
      sendError(res, 400, 'export_no_mapping', `Bộ dữ liệu tỉnh ${pack.id} không có bảng ánh xạ DHIS2 (dhis2-mapping.yaml). Pack ${pack.id} has no DHIS2 mapping (dhis2-mapping.yaml).`);
    else return { mapping, scheme };
    return null;
  }

  router.get('/dhis2', async (req, res) => {
    const view = viewOf(req, res, ['idScheme']);
    const names = view && mapped(req, res, view, 'uid');
    if (!view || !names) return;
    const refusals = new Refusals();
    const figures = await figuresOf(res, [view], refusals);
    if (!figures) return;
    const document = writeDhis2(figures, names.mapping, names.scheme, refusals);
    if (refusals.size > 0) return res.status(400).json(refusalAnswer(refusals, 'DHIS2'));
    res.json(document);
  });

  router.get('/adx', async (req, res) => {
    const view = viewOf(req, res, ['idScheme', 'dataSet']);
    const names = view && mapped(req, res, view, 'code');
    if (!view || !names) return;
    const dataSet = req.query.dataSet;
    if (dataSet !== undefined && (typeof dataSet !== 'string' || !DATA_SET.test(dataSet)))
      return badView(res, ['dataSet: mã hoặc UID, gồm chữ, số, _ . - / a code or UID: letters, digits, _ . -']);
    const refusals = new Refusals();
    const figures = await figuresOf(res, [view], refusals);
    if (!figures) return;
    const xml = writeAdx(figures, names.mapping, names.scheme, dataSet, new Date(), refusals);
    if (refusals.size > 0) return res.status(400).json(refusalAnswer(refusals, 'ADX'));
    res.type('application/adx+xml; charset=utf-8').send(xml);
  });

  router.get('/fhir', async (req, res) => {
    const view = viewOf(req, res, []);
    if (!view) return;
    const refusals = new Refusals();
    const figures = await figuresOf(res, fhirViews(view, catalogue), refusals);
    if (!figures) return;
    if (refusals.size > 0) return res.status(400).json(refusalAnswer(refusals, 'FHIR'));
    res.type('application/fhir+json; charset=utf-8').send(JSON.stringify(writeFhir(figures, catalogue, new Date(), today(pack.timezone))));
  });

  return router;
}
