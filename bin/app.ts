import { App } from 'aws-cdk-lib';
import { ClarityStack } from '../lib/infra/clarity-stack.ts';
import { applyNag } from '../lib/infra/nag.ts';

// The clarity CDK app: `npx cdk synth` (cdk.json runs this file with tsx).
const app = new App();
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;
new ClarityStack(app, 'Clarity', {
  description: 'clarity: content-clarity auditor for customer-facing documents',
  // Environment-agnostic unless the CLI resolved an account and region.
  ...(account && region ? { env: { account, region } } : {}),
});
applyNag(app);
app.synth();
