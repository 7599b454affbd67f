/**
 * The inset of a map: the archipelagos held by a province drawn on it, each in a small frame with
 * its name (an official map of Vietnam must show Hoàng Sa and Trường Sa). Islands are dots, at
 * their places: at an inset's scale, a few hundred metres of land is smaller than a pixel.
 */
import { forwardRef } from 'react';
import { useT } from '../i18n/index.ts';
import { CONTEXT_COLOURS } from '../print/ink.ts';
import type { MapContext } from './map-context.ts';

const WIDTH = 200;
const rgb = (c: number[]) => `rgb(${c.join(',')})`;

export const ArchipelagoInset = forwardRef<HTMLDivElement, { archipelagos: MapContext['archipelagos'] }>(function ArchipelagoInset(props, ref) {
  const { t } = useT();
  if (props.archipelagos.length === 0) return null;
  return (
    <div className="map-inset" data-testid="map-inset" ref={ref}>
      {props.archipelagos.map((a) => {
        const xs = a.islands.map((p) => p[0]);
        const ys = a.islands.map((p) => p[1]);
        const [west, east, south, north] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        // Equirectangular, a degree of longitude shrunk by the latitude: right for a box this small.
        const xScale = Math.cos((((south + north) / 2) * Math.PI) / 180);
        const pad = 0.06 * (east - west);
        const unit = WIDTH / ((east - west + 2 * pad) * xScale);
        const height = Math.round((north - south + 2 * pad) * unit);
        const label = t('map.archipelago', { name: a.name, province: a.province });
        return (
          <figure key={a.name}>
            <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={label}>
              <rect width={WIDTH} height={height} fill={rgb(CONTEXT_COLOURS.sea)} />
              {a.islands.map(([x, y], i) => (
                <circle key={i} cx={(x - west + pad) * xScale * unit} cy={(north + pad - y) * unit} r={2.4} fill={rgb(CONTEXT_COLOURS.outline)} />
              ))}
            </svg>
            <figcaption>{label}</figcaption>
          </figure>
        );
      })}
    </div>
  );
});
