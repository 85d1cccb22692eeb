import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AUDITS_TABLE, GLOSSARIES_TABLE, PERSONAS_TABLE } from '../pipeline/contract.ts';
import { isAwsError } from '../adapters/aws/error-name.ts';

export interface LocalResources {
  assetsBucket: string;
  reportsBucket: string;
  auditsTable: string;
  personasTable: string;
  glossariesTable: string;
}

export const LOCAL_RESOURCES: LocalResources = {
  assetsBucket: 'clarity-assets',
  reportsBucket: 'clarity-reports',
  auditsTable: 'clarity-audits',
  personasTable: 'clarity-personas',
  glossariesTable: 'clarity-glossaries',
};

/**
 * Creates the buckets and tables the stack would, with the same keys and indexes (contract.ts); idempotent.
 * Resolves once every table and index is ACTIVE: DynamoDB (and dynalite) answer CreateTable while the table is
 * still CREATING, and a write to it then fails with ResourceNotFoundException.
 */
export async function provision(s3: S3Client, db: DynamoDBClient, r: LocalResources = LOCAL_RESOURCES, options: { activeTimeoutMs?: number } = {}): Promise<void> {
  for (const bucket of [r.assetsBucket, r.reportsBucket]) {
    try {
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    } catch (error) {
      if (!isAwsError(error, 'BucketAlreadyExists', 'BucketAlreadyOwnedByYou')) throw error;
    }
  }
  const { partitionKey, sortKey, byPersonaScore, byRecent } = AUDITS_TABLE;
  const gsi = (g: { indexName: string; partitionKey: string; sortKey: string }) => ({
    IndexName: g.indexName,
    KeySchema: [
      { AttributeName: g.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: g.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  });
  await createTable(db, {
    TableName: r.auditsTable,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [partitionKey, sortKey, byPersonaScore.partitionKey, byPersonaScore.sortKey, byRecent.partitionKey, byRecent.sortKey].map((a) => ({ AttributeName: a, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' },
      { AttributeName: sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [gsi(byPersonaScore), gsi(byRecent)],
  });
  await createTable(db, {
    TableName: r.personasTable,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: PERSONAS_TABLE.partitionKey, AttributeType: 'S' }],
    KeySchema: [{ AttributeName: PERSONAS_TABLE.partitionKey, KeyType: 'HASH' }],
  });
  await createTable(db, {
    TableName: r.glossariesTable,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [GLOSSARIES_TABLE.partitionKey, GLOSSARIES_TABLE.sortKey].map((a) => ({ AttributeName: a, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: GLOSSARIES_TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: GLOSSARIES_TABLE.sortKey, KeyType: 'RANGE' },
    ],
  });
  const timeoutMs = options.activeTimeoutMs ?? 60_000;
  await Promise.all([r.auditsTable, r.personasTable, r.glossariesTable].map((table) => waitUntilActive(db, table, timeoutMs)));
}

/** Polls DescribeTable until the table and its global secondary indexes are ACTIVE, for at most `timeoutMs`. */
export async function waitUntilActive(db: DynamoDBClient, table: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
    const { Table } = await db.send(new DescribeTableCommand({ TableName: table }));
    const waiting = [
      ...(Table?.TableStatus === 'ACTIVE' ? [] : [`the table is ${Table?.TableStatus ?? 'missing'}`]),
      ...(Table?.GlobalSecondaryIndexes ?? []).filter((g) => g.IndexStatus !== 'ACTIVE').map((g) => `index ${g.IndexName} is ${g.IndexStatus}`),
    ];
    if (waiting.length === 0) return;
    if (Date.now() + delay > until) {
      throw new Error(`DynamoDB table ${table} is not ACTIVE after ${Math.round(timeoutMs / 1000)} s (${waiting.join(', ')}). If its data was left half-made by an earlier run, delete the emulator's dynamodb folder or start with --fresh.`);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

async function createTable(db: DynamoDBClient, input: ConstructorParameters<typeof CreateTableCommand>[0]): Promise<void> {
  try {
    await db.send(new DescribeTableCommand({ TableName: input.TableName }));
  } catch (error) {
    if (!isAwsError(error, 'ResourceNotFoundException')) throw error;
    await db.send(new CreateTableCommand(input));
  }
}
