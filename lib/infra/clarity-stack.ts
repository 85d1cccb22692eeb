import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ClarityAuditor, type ClarityAuditorProps } from './clarity-auditor.ts';

export interface ClarityStackProps extends StackProps, ClarityAuditorProps {}

/** The deployable clarity stack: one ClarityAuditor plus the outputs operators need. */
export class ClarityStack extends Stack {
  public readonly auditor: ClarityAuditor;

  constructor(scope: Construct, id: string, props: ClarityStackProps = {}) {
    super(scope, id, props);
    this.auditor = new ClarityAuditor(this, 'Auditor', props);
    new CfnOutput(this, 'AssetsBucketName', { value: this.auditor.assetsBucket.bucketName, description: 'Upload assets here' });
    new CfnOutput(this, 'ReportsBucketName', { value: this.auditor.reportsBucket.bucketName, description: 'Audit reports (JSON and HTML)' });
    new CfnOutput(this, 'GlossariesTableName', { value: this.auditor.glossariesTable.tableName, description: 'clarity terms push --table <this>' });
    new CfnOutput(this, 'ApiUrl', { value: this.auditor.reportApiUrl.url, description: 'Report API function URL (IAM auth)' });
    new CfnOutput(this, 'ReauditStateMachineArn', {
      value: this.auditor.reauditStateMachine.stateMachineArn,
      description: 'Start an execution (any input) to re-audit every asset',
    });
  }
}
