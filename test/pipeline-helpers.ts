import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { LocalPipeline } from '../lib/local/local-pipeline.ts';

/** Every version item the audits table holds for an asset, read consistently and unmarshalled. */
export async function versionItems(p: LocalPipeline, bucket: string, key: string): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await p.dynamodb.send(
    new QueryCommand({
      TableName: p.resources.auditsTable,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
      ExpressionAttributeValues: { ':pk': { S: `ASSET#${bucket}/${key}` }, ':v': { S: 'VERSION#' } },
      ConsistentRead: true,
    }),
  );
  return Items.map((i) => unmarshall(i));
}
