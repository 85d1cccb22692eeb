import type { AuditReport, UnitReport } from '../engine/types.ts';
import { DEFAULT_MIN_SCORE } from '../config/defaults.ts';
import { unitLabel } from './build.ts';
import { ASSET_CSS, ASSET_SCRIPT, skippedList, unitSection } from './pages/asset-page.ts';
import { html, joinHtml } from './pages/html.ts';
import { renderPortfolioPage, type PortfolioPersona, type PortfolioRow } from './pages/portfolio-page.ts';

/**
 * The CLI's single-file HTML report: the portfolio of this run's units
 * (sortable, filterable, worst first) with each unit's page below it.
 */
export function renderHtml(report: AuditReport, options: { bars?: Record<string, number> } = {}): string {
  const rows = report.units.map((u, i) => unitRow(u, `#u${i}`));
  const appendix = html`<h2 id="assets">Assets</h2>${joinHtml(
    report.units.map((u, i) => unitSection(u, i, report)),
    '\n',
  )}${skippedList(report)}`;
  return renderPortfolioPage(rows, portfolioPersonas(report, options.bars ?? {}), { title: 'clarity audit report', appendix, css: ASSET_CSS, script: ASSET_SCRIPT });
}

export function unitRow(u: UnitReport, href: string): PortfolioRow {
  return {
    id: `${u.path}#${u.unitId}`,
    title: u.unitId ? u.title : u.title || u.path,
    path: unitLabel(u),
    channel: u.channel,
    status: 'audited',
    scores: Object.fromEntries(u.scores.map((s) => [s.personaId, s.overall])),
    goals: Object.fromEntries(u.scores.map((s) => [s.personaId, Object.fromEntries(s.goals.map((g) => [g.goalId, g.score]))])),
    findings: u.findings.length,
    href,
    stage: u.stage.stage,
    fits: u.stage.fit.pass,
  };
}

/** Personas with their goals (as scored in the report) and their bars. */
export function portfolioPersonas(report: AuditReport, bars: Record<string, number>): PortfolioPersona[] {
  return report.personas.map((p) => {
    const scored = report.units.flatMap((u) => u.scores).find((s) => s.personaId === p.id);
    return { id: p.id, name: p.name, bar: bars[p.id] ?? DEFAULT_MIN_SCORE, goals: scored?.goals.map((g) => ({ id: g.goalId, label: g.label })) ?? [] };
  });
}
