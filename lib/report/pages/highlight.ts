/** A stretch of text some findings cover: offsets into that text. */
export interface Span {
  offset: number;
  length: number;
}

export interface Segment<T extends Span = Span> {
  start: number;
  end: number;
  /** Spans covering this stretch, longest first (empty for plain text). */
  findings: T[];
}

/**
 * Cuts a text into stretches at every finding boundary, so overlapping
 * findings can be highlighted without nesting: each stretch lists the
 * findings that cover it.
 */
export function segmentsOf<T extends Span>(source: string, findings: readonly T[]): Segment<T>[] {
  const cuts = new Set<number>([0, source.length]);
  for (const f of findings) {
    cuts.add(Math.max(0, Math.min(source.length, f.offset)));
    cuts.add(Math.max(0, Math.min(source.length, f.offset + f.length)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const byStart = [...findings].sort((a, b) => a.offset - b.offset);
  const segments: Segment<T>[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    if (end <= start) continue;
    const covering = byStart.filter((f) => f.offset <= start && f.offset + f.length >= end).sort((a, b) => b.length - a.length);
    const last = segments[segments.length - 1];
    // Merge neighbouring plain stretches, and neighbours covered by exactly the same findings.
    if (last && sameFindings(last.findings, covering)) last.end = end;
    else segments.push({ start, end, findings: covering });
  }
  return segments;
}

function sameFindings<T>(a: T[], b: T[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i]);
}
