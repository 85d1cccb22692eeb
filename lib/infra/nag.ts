import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * Runs the cdk-nag AwsSolutions pack at synthesis, as bin/app.ts and the tests do.
 *
 * cdk-nag 3 is a CDK policy-validation plugin, not an Aspect: any unacknowledged finding (error or
 * warning) fails `app.synth()` / `cdk synth` and is written to cdk.out/validation-report.json.
 * Findings are acknowledged next to their resources with
 * `Validations.of(construct).acknowledge({ id: 'AwsSolutions-XYZ[finding]', reason })`;
 * `writeSuppressionsToCloudFormation` copies those reasons into each resource's template Metadata
 * (`cdk_nag.rules_to_suppress`) as an audit trail.
 */
export function applyNag(app: App, options: { verbose?: boolean } = {}): AwsSolutionsChecks {
  const checks = new AwsSolutionsChecks(app, { verbose: options.verbose ?? false, writeSuppressionsToCloudFormation: true });
  Validations.of(app).addPlugins(checks);
  return checks;
}
