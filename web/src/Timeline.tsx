// A histogram of a result's times; dragging across it selects a range, handed to onBrush.
import { useRef, useState } from 'react';
import { parseTimestamp, timestampText } from './time-predicate.ts';

const WIDTH = 900;
const HEIGHT = 90;
const BINS = 48;

export function Timeline({
  times,
  onBrush,
  children,
}: {
  times: string[];
  onBrush?: (from: string, to: string) => void;
  /** Shown after the title: a button, say. */
  children?: React.ReactNode;
}) {
  const [drag, setDrag] = useState<{ start: number; end: number } | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  const ms = times.map(parseTimestamp).filter((t) => Number.isFinite(t));
  if (ms.length === 0) return null;
  const min = Math.min(...ms);
  const max = Math.max(...ms) + 1;
  const counts = new Array<number>(BINS).fill(0);
  for (const t of ms) {
    const bin = Math.min(BINS - 1, Math.floor(((t - min) / (max - min)) * BINS));
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  const top = Math.max(...counts);
  const x = (event: React.MouseEvent) => {
    const box = svg.current?.getBoundingClientRect();
    return box ? Math.max(0, Math.min(WIDTH, ((event.clientX - box.left) / box.width) * WIDTH)) : 0;
  };
  const timeAt = (px: number) => min + (px / WIDTH) * (max - min);
  const finish = () => {
    if (drag && Math.abs(drag.end - drag.start) > 3 && onBrush) {
      const [a, b] = [drag.start, drag.end].sort((p, q) => p - q) as [number, number];
      onBrush(timestampText(Math.floor(timeAt(a))), timestampText(Math.ceil(timeAt(b))));
    }
    setDrag(null);
  };
  return (
    <div className="panel">
      <h3>
        Timeline: {timestampText(min)} to {timestampText(max - 1)} ({ms.length} events)
        {onBrush ? '; drag to narrow the query' : ''} {children}
      </h3>
      <svg
        ref={svg}
        className="histogram"
        data-testid="histogram"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        height={HEIGHT}
        role="img"
        aria-label="histogram over time"
        onMouseDown={(e) => setDrag({ start: x(e), end: x(e) })}
        onMouseMove={(e) => drag && setDrag({ ...drag, end: x(e) })}
        onMouseUp={finish}
        onMouseLeave={finish}
      >
        {counts.map((count, i) => {
          const h = (count / top) * (HEIGHT - 4);
          return (
            <rect
              // biome-ignore lint/suspicious/noArrayIndexKey: bins are positions
              key={i}
              x={(i * WIDTH) / BINS + 1}
              width={WIDTH / BINS - 2}
              y={HEIGHT - h}
              height={h}
              fill="#4a90d9"
            />
          );
        })}
        {drag && (
          <rect
            x={Math.min(drag.start, drag.end)}
            width={Math.abs(drag.end - drag.start)}
            y={0}
            height={HEIGHT}
            fill="rgba(255,165,0,0.3)"
          />
        )}
      </svg>
    </div>
  );
}
