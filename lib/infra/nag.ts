import { Stack, Validations, type App } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

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

/** cdk-nag's spelling of a policy resource in an IAM5 finding (`<Logical.Arn>/*`), so acknowledgements name exactly one resource. */
export function nagResource(scope: IConstruct, arn: unknown): string {
  const visit = (node: unknown): string => {
    if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (Array.isArray(o['Fn::Join'])) {
        const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
        return items.map(visit).join(delimiter);
      }
      if ('Fn::Sub' in o) return visit(o['Fn::Sub']);
      if (Array.isArray(o['Fn::GetAtt'])) {
        const [resource, attribute] = o['Fn::GetAtt'] as [unknown, unknown];
        return `<${visit(resource)}.${visit(attribute)}>`;
      }
      if ('Ref' in o) return `<${visit(o.Ref)}>`;
    }
    return JSON.stringify(node);
  };
  return visit(Stack.of(scope).resolve(arn));
}

/** Acknowledges an AwsSolutions finding on `scope` with the reason it is acceptable there. */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${id}`, reason });
}

/** Acknowledges the IAM5 wildcard-resource findings of an aws-cdk-lib generated policy, limited to statements whose actions pass `only`. */
export function acknowledgeWildcardResources(policy: IConstruct, only: (actions: string[]) => boolean, reason: string): void {
  const cfn = policy.node.defaultChild;
  if (!(cfn instanceof iam.CfnPolicy)) return;
  const doc = Stack.of(policy).resolve(cfn.policyDocument) as { Statement?: { Action: string | string[]; Resource: unknown }[] };
  for (const statement of doc.Statement ?? []) {
    const actions = [statement.Action].flat();
    if (!only(actions)) continue;
    for (const resource of [statement.Resource].flat()) {
      const flat = nagResource(policy, resource);
      if (flat.includes('*')) acknowledge(policy, `IAM5[Resource::${flat}]`, reason);
    }
  }
}
