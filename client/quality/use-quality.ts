/** A React hook: the data-quality answer for a request, read again whenever a batch lands and after a reconnect. */
import type { QualityAnswer, QualityRequest } from '../../data/schema/quality.ts';
import { useRefreshed } from '../live/use-refreshed.ts';

export const useQuality = (request: QualityRequest | null): QualityAnswer | undefined => useRefreshed<QualityAnswer>('/api/quality', request);
