// Raw percentiles over every timed sample (nearest rank): no medians of medians.
export interface Percentiles {
  n: number;
  p50_ms: number;
  p99_ms: number;
  p999_ms: number;
  max_ms: number;
  mean_ms: number;
}

export function percentiles(samples: number[]): Percentiles {
  const s = Float64Array.from(samples).sort();
  const at = (q: number) => (s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]! : NaN);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  let sum = 0;
  for (const x of s) sum += x;
  return { n: s.length, p50_ms: round(at(0.5)), p99_ms: round(at(0.99)), p999_ms: round(at(0.999)), max_ms: round(s.length ? s[s.length - 1]! : NaN), mean_ms: round(sum / (s.length || 1)) };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
}
