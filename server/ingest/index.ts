export { ingestFile, refuseUpload, type BatchReport } from './ingest.ts';
export type { BatchMeta } from './commit.ts';
export { formatOf } from './format.ts';
