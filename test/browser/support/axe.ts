import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** Axe's serious and critical findings on the page as it is now, printed when there are any. */
export async function seriousAxeViolations(page: Page, screen: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  if (serious.length > 0) {
    const report = serious.map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({
        target: node.target.join(' '),
        summary: node.failureSummary,
      })),
    }));
    console.error(`axe: ${screen}\n${JSON.stringify(report, null, 2)}`);
  }
  return serious.map((violation) => `${screen}: ${violation.id}`);
}
