/**
 * GET /api/openapi.json: the HTTP API as an OpenAPI 3.1 document, built as data. Query parameters
 * of the views come from the same zod schemas that check them, so the two cannot drift; a test
 * walks the app's real routes against `paths` (tests/http/openapi.test.ts).
 */
import { z } from 'zod';
import { forecastSchema } from '../../data/schema/forecast.ts';
import { qualitySchema } from '../../data/schema/quality.ts';
import { surveillanceSchema } from '../../data/schema/surveillance.ts';
import { viewSchema } from '../../data/schema/view.ts';
import { ROLES, type Role } from '../access/access.ts';
import { LOGIN_FAILURES } from './access.ts';
import { PNG_SIZES } from '../briefing/render-page.ts';
import { REFUSAL_REASONS } from '../exchange/export-refusals.ts';
import { MAX_VIEWS, PUSH_FORMATS } from '../push/receivers.ts';
import { SIGNATURE_HEADER } from '../push/sign.ts';

type Json = Record<string, unknown>;

export interface ApiLimits {
  /** IOC_READS=open: reads need no token. */
  openReads: boolean;
  ingestPerMinute: number;
  maxUpload: string | number;
  queryTimeoutMs: number;
  /** Heavy reads one client may have under way at once, and waiting. */
  readsPerClient: { max: number; queue: number };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, description: string) => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json(ref('Error'), description);
const text = { type: 'string' };

const pathParameter = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: text });
const query = (name: string, description: string, schema: Json = text, required = false) => ({ name, in: 'query', required, description, schema });

/**
 * The query parameters a zod object schema checks: one per property, its JSON Schema as the
 * schema; a list is written comma-separated (indicators=a,b), as the parsers read it.
 */
function queryOf(schema: z.ZodType, descriptions: Record<string, string> = {}): Json[] {
  const shape = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, Json>; required?: string[] };
  return Object.entries(shape.properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: shape.required?.includes(name) ?? false,
    ...(descriptions[name] ? { description: descriptions[name] } : {}),
    // Numbers come as text in a URL; the parsers read them as the schema says.
    schema: property,
    ...(property.type === 'array' ? { style: 'form', explode: false } : {}),
  }));
}

interface Operation {
  summary: string;
  description?: string;
  /** Who may call it: a role, or null for anyone (no token). */
  role: Role | 'read' | null;
  parameters?: Json[];
  requestBody?: Json;
  responses: Record<string, Json>;
}

export function openApiDocument(limits: ApiLimits): Json {
  const { openReads, ingestPerMinute, maxUpload, queryTimeoutMs, readsPerClient } = limits;
  const tokenNeeded = (role: Role) => [{ bearer: [role] }, { cookie: [role] }];
  const security = (role: Operation['role']) =>
    role === null ? [] : role === 'read' ? (openReads ? [{}, ...tokenNeeded('viewer')] : tokenNeeded('viewer')) : tokenNeeded(role);
  const refusals = (role: Operation['role']): Record<string, Json> =>
    role === null || (role === 'read' && openReads)
      ? {}
      : {
          '401': error('Không có hoặc sai mã truy cập. No token, or an unknown or revoked one.'),
          ...(role === 'read' || role === 'viewer' ? {} : { '403': error(`Mã truy cập không đủ quyền (cần ${role}). The token's role is below ${role}.`) }),
        };
  const busy = {
    '429': error(`Quá nhiều yêu cầu đọc cùng lúc (tối đa ${readsPerClient.max} đang chạy, ${readsPerClient.queue} chờ). More than ${readsPerClient.max} heavy reads under way and ${readsPerClient.queue} waiting for this client; Retry-After says when to try again.`),
    '503': error(`Đọc quá ${queryTimeoutMs} ms nên bị dừng. The read ran past ${queryTimeoutMs} ms (IOC_QUERY_TIMEOUT_MS) and was stopped; Retry-After says when to try again.`),
  };
  const badRequest = error('Tham số sai, nêu rõ từng tham số. A bad parameter: `errors` names each one.');
  const notFound = error('Không tìm thấy. Not found.');
  const answer = (description: string) => json({ type: 'object' }, description);

  const operation = (op: Operation) => ({
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: security(op.role),
    ...(op.parameters ? { parameters: op.parameters } : {}),
    ...(op.requestBody ? { requestBody: op.requestBody } : {}),
    responses: { ...op.responses, ...refusals(op.role), '500': error('Lỗi máy chủ (chi tiết trong nhật ký). The server failed; the detail is in its log, never in the answer.') },
  });

  const read = (summary: string, parameters: Json[] = [], extra: Record<string, Json> = {}, description?: string) =>
    operation({ summary, description, role: 'read', parameters, responses: { '200': answer(summary), ...extra } });
  const view = (summary: string, parameters: Json[], description?: string) =>
    read(summary, parameters, { '400': badRequest, ...busy }, description);

  const viewParameters = queryOf(viewSchema, {
    indicators: 'Indicator codes, comma-separated (at most 40)',
    level: 'province, area, commune or facility',
    from: "A period in the grain's notation (2025-01, 2025-Q3; dates for day and range)",
    last: 'The last N buckets up to `to` (instead of from)',
  });
  const idScheme = (byDefault: string) => query('idScheme', 'Name data elements, org units and combos by their DHIS2 UID or code', { enum: ['uid', 'code'], default: byDefault });
  const exchangeExport = (summary: string, description: string, type: string, parameters: Json[]) =>
    operation({
      summary,
      description:
        `${description} The figures are the rollup's for the view (the same parameters as /api/rollup): a ratio as Σnumerator and Σdenominator, never a mean of rates; a count, stock or level as its value. ` +
        'Within the rollup’s limits (the cap on figures, IOC_QUERY_TIMEOUT_MS, the reads a client may have under way). A figure that cannot be written is never left out: the export is refused (400 export_refused) listing each.',
      role: 'read',
      parameters: [...viewParameters, ...parameters],
      responses: {
        '200': { description: 'The export', content: { [type]: {} } },
        '400': json(ref('ExportRefused'), 'A bad view or parameter (bad_view, errors naming each), no DHIS2 mapping in the pack (export_no_mapping), or figures that cannot be written (export_refused, each listed)'),
        ...busy,
      },
    });

  const paths: Record<string, Record<string, Json>> = {
    '/api/health': {
      get: operation({ summary: 'Trạng thái máy chủ. Status, pack, facts stored, the last batch (answered from memory).', role: null, responses: { '200': answer('Running') } }),
    },
    '/api/openapi.json': {
      get: operation({ summary: 'Tài liệu này. This document.', role: null, responses: { '200': answer('The OpenAPI 3.1 document') } }),
    },
    '/api/session': {
      post: operation({
        summary: 'Đăng nhập bằng mã truy cập: trả cookie HttpOnly. Trade a token for the HttpOnly cookie a browser keeps.',
        description: `At most ${LOGIN_FAILURES.max} failed logins a minute per client, then 429.`,
        role: null,
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['token'], properties: { token: text } } } } },
        responses: { '200': answer('The holder and role'), '401': error('Unknown or revoked token'), '429': error('Too many failed logins') },
      }),
      delete: operation({ summary: 'Đăng xuất: xoá cookie. Clear the cookie.', role: null, responses: { '204': { description: 'Cleared' } } }),
    },
    '/api/admin/tokens': {
      get: operation({ summary: 'Các mã truy cập (không có mã, chỉ có tên và vai trò). Credentials (never the tokens).', role: 'admin', responses: { '200': answer('Credentials') } }),
      post: operation({
        summary: 'Tạo mã truy cập; mã chỉ hiện một lần. Make a token, shown this once.',
        role: 'admin',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object', required: ['name', 'role'], properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, role: { enum: [...ROLES] } } } } },
        },
        responses: { '201': answer('The credential and its token'), '400': badRequest },
      }),
    },
    '/api/admin/tokens/{id}': {
      delete: operation({ summary: 'Thu hồi mã truy cập. Revoke a token; its live connections are closed.', role: 'admin', parameters: [pathParameter('id', 'Credential id')], responses: { '204': { description: 'Revoked' }, '404': notFound } }),
    },
    '/api/admin/targets': {
      get: operation({ summary: 'Chỉ tiêu đặt qua API. Targets set over the API.', role: 'admin', responses: { '200': answer('Targets') } }),
      post: operation({
        summary: 'Đặt chỉ tiêu, kèm văn bản quy định. Set a target with the document that set it.',
        role: 'admin',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['indicator'], properties: { indicator: text } } } } },
        responses: { '201': answer('The target'), '400': error('A bad target, said why') },
      }),
    },
    '/api/admin/targets/{id}': {
      delete: operation({ summary: 'Rút chỉ tiêu đặt qua API. Withdraw a target set over the API.', role: 'admin', parameters: [pathParameter('id', 'Target id')], responses: { '204': { description: 'Withdrawn' }, '404': notFound } }),
    },
    '/api/admin/audit': { get: operation({ summary: 'Nhật ký thao tác. The audit log.', role: 'admin', responses: { '200': answer('Audit entries') } }) },
    '/api/admin/security': { get: operation({ summary: 'Nhật ký an ninh (từ chối, đăng nhập sai). Refused and failed access.', role: 'admin', responses: { '200': answer('Security events') } }) },
    '/api/admin/backup': { post: operation({ summary: 'Sao lưu cơ sở dữ liệu. Back the database up into IOC_BACKUP_DIR.', role: 'admin', responses: { '201': answer('The backup made') } }) },
    '/api/admin/receivers': {
      get: operation({ summary: 'Nơi nhận số liệu đẩy đi (không có khoá chung). Receivers the server pushes figures to (never their secrets).', role: 'admin', responses: { '200': answer('Receivers') } }),
      post: operation({
        summary: 'Đăng ký nơi nhận (IOC tỉnh, LGSP). Register a receiver of pushed figures.',
        description:
          `After each batch that touches its views, the changed figures are POSTed in its format, signed (${SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256 of the body with the secret>) with an Idempotency-Key, ` +
          'from an outbox in the database, retried with backoff. https only, except plain http to 127.0.0.1 or localhost.',
        role: 'admin',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['name', 'url', 'format', 'views', 'secret'],
                properties: {
                  name: { type: 'string', minLength: 1, maxLength: 100 },
                  url: { type: 'string', format: 'uri' },
                  format: { enum: [...PUSH_FORMATS] },
                  views: { type: 'array', minItems: 1, maxItems: MAX_VIEWS, items: z.toJSONSchema(viewSchema, { io: 'input', unrepresentable: 'any' }) },
                  secret: { type: 'string', minLength: 16, maxLength: 256 },
                },
              },
            },
          },
        },
        responses: { '201': answer('The receiver (without its secret)'), '400': badRequest },
      }),
    },
    '/api/admin/receivers/{id}': {
      delete: operation({ summary: 'Gỡ nơi nhận; phần chưa gửi thành lỗi. Remove a receiver; what it has not received is marked failed.', role: 'admin', parameters: [pathParameter('id', 'Receiver id')], responses: { '204': { description: 'Removed' }, '404': notFound } }),
    },
    '/api/admin/outbox': {
      get: operation({ summary: 'Hộp thư đi và từng lần gửi. The outbox (newest 200 entries) with every delivery attempt.', role: 'admin', responses: { '200': answer('Outbox entries with their attempts') } }),
    },
    '/api/pack': { get: read('Bộ dữ liệu tỉnh: cấp, tên, sắp xếp đơn vị. The pack: levels, names, reorganisation, unplaced former communes.') },
    '/api/boundaries': { get: read('Ranh giới (TopoJSON). The pack topology and its map context.') },
    '/api/units': { get: read('Cây đơn vị hành chính với tổng quan QĐ 828. The unit tree with the QĐ 828 overview.') },
    '/api/units/{code}': { get: read('Một đơn vị. One unit.', [pathParameter('code', 'Unit code (GSO)')], { '404': notFound }) },
    '/api/facilities': { get: read('Cơ sở y tế. Facilities with kind, tier and unit.') },
    '/api/indicators': { get: read('Danh mục chỉ số. The indicator catalogue.') },
    '/api/indicators/{code}': { get: read('Một chỉ số. One indicator.', [pathParameter('code', 'Indicator code')], { '404': notFound }) },
    '/api/indicators/{code}/guide': {
      get: read('Cách tính chỉ số và ví dụ. How it is calculated, with a live example.', [pathParameter('code', 'Indicator code')], { '404': notFound }),
    },
    '/api/targets': { get: read('Mọi chỉ tiêu kèm văn bản. Every target with its document.') },
    '/api/rollup': {
      get: view('Kết quả một khung nhìn. The answer to a view (one SQL statement, bound parameters).', viewParameters),
    },
    '/api/export/dhis2': {
      get: exchangeExport(
        'Xuất khung nhìn thành DHIS2 dataValueSet (JSON). A view as a DHIS2 dataValueSet.',
        'Through the pack’s DHIS2 mapping read backwards: each part of a figure to its data element (of a grain it takes), the unit or facility to its org unit, the subgroup to its category option combo; the total with the default combo. grain=range is refused: DHIS2 periods are calendar periods.',
        'application/json',
        [idScheme('uid')],
      ),
    },
    '/api/export/adx': {
      get: exchangeExport(
        'Xuất khung nhìn thành ADX (XML). A view as ADX XML.',
        'Through the pack’s mapping read backwards, as for DHIS2; the subgroup as the mapped ADX category and option; periods as 2024-05-01/P1M. grain=range is refused.',
        'application/adx+xml',
        [idScheme('code'), query('dataSet', 'A data set code or UID to write on each group (the mapping has none)')],
      ),
    },
    '/api/export/fhir': {
      get: exchangeExport(
        'Xuất khung nhìn thành FHIR R4 MeasureReport. A view as a FHIR R4 Bundle of MeasureReports (summary).',
        'One MeasureReport per indicator, unit or facility and period: numerator and denominator populations (measure-population codes), a count as initial-population, the measure score, and subgroups as stratifiers (IHE mADX style): the view’s subgroup, or without one every subgroup the indicator declares. Our own codes (urn:ioc:…): no mapping is needed.',
        'application/fhir+json',
        [],
      ),
    },
    '/api/sources': {
      get: view('Nguồn số liệu của khung nhìn (cho trang in). The sources of figures, for printed pages.', [
        query('indicators', 'Indicator codes, comma-separated', text, true),
        query('from', 'First day, YYYY-MM-DD', { type: 'string', format: 'date' }, true),
        query('to', 'Last day, YYYY-MM-DD', { type: 'string', format: 'date' }, true),
        query('unit', 'Only figures rolling up to this unit'),
      ]),
    },
    '/api/export': {
      get: operation({
        summary: 'Xuất màn hình thành PNG hoặc PDF. A screen as PNG or PDF, rendered by the server.',
        role: 'read',
        parameters: [
          query('page', 'The screen, a path of this site (/explore?…)', text, true),
          query('format', 'png or pdf', { enum: ['png', 'pdf'] }, true),
          query('size', 'PNG size', { enum: Object.keys(PNG_SIZES), default: '1920x1080' }),
        ],
        responses: {
          '200': { description: 'The file', content: { 'image/png': {}, 'application/pdf': {} } },
          '400': badRequest,
          '422': error('The screen did not finish drawing within 30 s; says what it waited for'),
          '429': error('The render queue is full, or this client has a render under way'),
        },
      }),
    },
    '/api/briefings': {
      get: read('Danh mục bản tin giao ban tuần. The index of weekly briefings.'),
      post: operation({
        summary: 'Làm bản tin của tuần ngay. Make the week’s briefing now.',
        role: 'editor',
        parameters: [query('day', 'A day of the week wanted, YYYY-MM-DD (default: today)', { type: 'string', format: 'date' })],
        responses: { '201': answer('The briefing written'), '400': badRequest, '422': error('A screen did not finish drawing'), '429': error('The render queue is full') },
      }),
    },
    '/api/briefings/{week}/{file}': {
      get: operation({
        summary: 'Một tệp của bản tin. A briefing file.',
        role: 'read',
        parameters: [pathParameter('week', 'YYYY-Www'), pathParameter('file', 'A file of that week')],
        responses: { '200': { description: 'The file', content: { 'application/pdf': {}, 'image/png': {}, 'application/json': {} } }, '404': notFound },
      }),
    },
    '/api/quality': { get: view('Chất lượng số liệu: đầy đủ, đúng hạn, cờ. Completeness, timeliness and flags.', queryOf(qualitySchema, { from: 'YYYY-MM', to: 'YYYY-MM' })) },
    '/api/surveillance': { get: view('Ca bệnh theo tuần so với ngưỡng dịch. Weekly counts against their epidemic threshold.', queryOf(surveillanceSchema, { to: 'YYYY-Www' })) },
    '/api/forecast': { get: view('Dự báo đến mốc chỉ tiêu. A monthly series forecast to a month.', queryOf(forecastSchema)) },
    '/api/scores': {
      get: view(
        'Điểm tổng hợp, thứ hạng và giả định. Scores, ranks, how sure, what-ifs.',
        [
          query('level', 'A level of the pack', text),
          query('parent', 'Only units under this one'),
          query('period', 'One month, quarter, half-year or year (default: the last complete month)'),
          query('method', 'arithmetic or geometric', { enum: ['arithmetic', 'geometric'] }),
          query('set', 'What-if INDICATOR:UNIT:VALUE (up to 20, repeated)', { type: 'array', items: text }),
          query('el', 'Elasticity FROM:TO:COEFFICIENT (repeated)', { type: 'array', items: text }),
          query('draws', '0, or 1,000 to 5,000', { type: 'integer' }),
          query('concentration', 'Dirichlet concentration', { type: 'number' }),
          query('seed', 'Seed of the draws', { type: 'integer' }),
        ],
        'Also w.<component or indicator>=WEIGHT (0 leaves it out) and g.<indicator>=minmax:MIN:MAX or target:FLOOR, any number of them.',
      ),
    },
    '/api/attention': { get: read('Cần chú ý, nặng nhất trước. What needs action, most severe first.', [], busy) },
    '/api/batches': {
      get: read('Nhật ký lô nhập (200 lô gần nhất). The batch log, latest 200.'),
      post: operation({
        summary: 'Tải lên một tệp số liệu. Upload a file of figures: all of it lands, or none.',
        description:
          `The body is the file. Our CSV, XLSX or JSON rows (README, "Loading your own figures"); DHIS2 dataValueSets as JSON ({"dataValues": …}) or CSV (a dataElement column); ADX XML (.xml). ` +
          `At most ${typeof maxUpload === 'number' ? `${maxUpload} bytes` : maxUpload} (IOC_MAX_UPLOAD) and ${ingestPerMinute} uploads a minute per client (IOC_INGEST_PER_MINUTE).`,
        role: 'editor',
        parameters: [
          query('file', 'The file name; its extension says the format (.csv, .xlsx, .json, .xml)', text, true),
          query('partial', 'true: land the good rows only', { enum: ['true', '1', 'false', '0'] }),
          query('sheet', 'The sheet of a workbook to read'),
          query('by', 'On whose behalf (recorded with the token holder)'),
          query('source', 'Where the figures come from'),
        ],
        requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
        responses: {
          '201': json(ref('BatchReport'), 'Landed'),
          '400': error('No file name, or an empty body'),
          '413': json(ref('BatchReport'), 'Larger than IOC_MAX_UPLOAD: refused unread, on record as a rejected batch'),
          '422': json(ref('BatchReport'), 'Rejected: every fault with its row, column and reason in Vietnamese and English; nothing landed'),
          '429': error('Too many uploads this minute; Retry-After says when to try again'),
        },
      }),
    },
    '/api/batches/{id}': {
      get: read('Một lô, các dòng bị từ chối và số liệu bị thay. A batch, its rejected rows and what it replaced.', [pathParameter('id', 'Batch id')], {
        '400': badRequest,
        '404': notFound,
      }),
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Trung tâm điều hành y tế — Health operations wall API',
      version: '0.1.0',
      description:
        'Mọi câu trả lời là JSON; lỗi là {"error": mã, "message": câu giải thích} với mã trạng thái 4xx, không có vết lỗi. ' +
        'All answers are JSON; errors are {"error": code, "message": sentence} with a 4xx status, never a stack trace. ' +
        'Roles, each including the one before: viewer (reads), editor (uploads, briefings), admin (tokens, targets, logs, backups, push receivers and their outbox). ' +
        (openReads ? 'This server answers reads without a token (IOC_READS=open); writes need one.' : 'Every request below /api needs a token except where security is empty.'),
    },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <token> (API clients, the CLI). Roles: ' + ROLES.join(', ') },
        cookie: { type: 'apiKey', in: 'cookie', name: 'ioc_token', description: 'Set by opening any screen once with ?token=… or by POST /api/session' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error', 'message'],
          properties: { error: { type: 'string', description: 'A code: bad_request, bad_view, not_found, unauthenticated, forbidden, too_many_requests, busy, too_large, …' }, message: text, errors: { type: 'array', items: text } },
        },
        Rejection: {
          type: 'object',
          required: ['row', 'column', 'value', 'code', 'params', 'message'],
          properties: {
            row: { type: ['integer', 'null'], description: 'The row (or line) in the file as sent; null for a fault of the whole file' },
            column: { type: ['string', 'null'], description: 'The column or field, in the file’s own words' },
            value: { type: ['string', 'null'] },
            code: text,
            params: { type: 'object' },
            message: { type: 'object', required: ['vi', 'en'], properties: { vi: text, en: text } },
          },
        },
        ExportRefused: {
          type: 'object',
          required: ['error', 'message'],
          properties: {
            error: { enum: ['bad_view', 'export_no_mapping', 'export_refused'] },
            message: text,
            errors: { type: 'array', items: text },
            refused: {
              type: 'array',
              description: 'What cannot be written, each once, with the figures it stops and the first of them',
              items: {
                type: 'object',
                required: ['reason', 'what', 'vi', 'en', 'figures', 'example'],
                properties: { reason: { enum: [...REFUSAL_REASONS] }, what: text, vi: text, en: text, figures: { type: 'integer' }, example: text },
              },
            },
          },
        },
        BatchReport: {
          type: 'object',
          required: ['id', 'status', 'fileName', 'rowsTotal', 'rowsAccepted', 'rowsRejected', 'rejections'],
          properties: {
            id: { type: 'integer' },
            status: { enum: ['committed', 'rejected'] },
            fileName: text,
            rowsTotal: { type: 'integer' },
            rowsAccepted: { type: 'integer' },
            rowsRejected: { type: 'integer' },
            rowsReplaced: { type: 'integer' },
            rowsSkipped: { type: 'integer' },
            rejections: { type: 'array', items: ref('Rejection'), description: 'The first 200; GET /api/batches/{id} has them all' },
          },
        },
      },
    },
  };
}
