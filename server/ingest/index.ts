export { ingestFile, REPORTED_REJECTIONS, type BatchReport } from './ingest.ts';
export type { BatchMeta } from './commit.ts';
export { COLUMNS, REQUIRED_COLUMNS } from './format.ts';
