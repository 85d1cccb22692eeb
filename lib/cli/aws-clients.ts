import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';

/** An S3 client for `--endpoint` (clarity dev's emulator, or another), else the SDK's defaults. */
export function s3Client(endpoint: string | undefined): S3Client {
  return new S3Client({ ...localCredentials(endpoint), ...(endpoint ? { endpoint, forcePathStyle: true, region: 'us-east-1' } : {}), requestChecksumCalculation: 'WHEN_REQUIRED' });
}

/** A DynamoDB client for `--endpoint` (clarity dev's emulator, or another), else the SDK's defaults. */
export function dynamoClient(endpoint: string | undefined): DynamoDBClient {
  return new DynamoDBClient({ ...localCredentials(endpoint), ...(endpoint ? { endpoint, region: 'us-east-1' } : {}) });
}

/** The emulators accept s3rver's default key pair; real endpoints use the normal credential chain. */
function localCredentials(endpoint: string | undefined): { credentials?: { accessKeyId: string; secretAccessKey: string } } {
  return endpoint && /\/\/(127\.0\.0\.1|localhost)[:/]/.test(endpoint) && !process.env.AWS_ACCESS_KEY_ID ? { credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } } : {};
}
