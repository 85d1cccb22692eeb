import type { AuditReport } from '../engine/types.ts';
import { renderGithub } from './github.ts';
import { renderJunit } from './junit.ts';
import { renderPrComment } from './pr-comment.ts';
import { renderRdjson } from './rdjson.ts';
import { renderSarif } from './sarif.ts';
import type { Locator } from './locate.ts';
import type { SuggestedEdits } from './suggestions.ts';
import type { Verdict } from './verdict.ts';

/** Formats for CI systems; `markdown` for `check` is the pull-request comment. */
export const CI_FORMATS = ['sarif', 'github', 'junit', 'rdjson'] as const;
export type CiFormat = (typeof CI_FORMATS)[number] | 'pr-comment';

/** `edits` are the safe suggestions as edits, which only rdjson carries (see suggestions.ts). */
export function renderCi(format: CiFormat, report: AuditReport, verdict: Verdict, locator: Locator, edits?: SuggestedEdits): string {
  switch (format) {
    case 'sarif':
      return renderSarif(report, verdict, locator);
    case 'github':
      return renderGithub(report, verdict, locator);
    case 'junit':
      return renderJunit(report, verdict, locator);
    case 'rdjson':
      return renderRdjson(report, verdict, locator, edits);
    case 'pr-comment':
      return renderPrComment(report, verdict, locator);
  }
}
