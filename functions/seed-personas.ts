import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import { clientsFromEnv } from '../lib/adapters/aws/pipeline-from-env.ts';
import { DynamoPersonaStore } from '../lib/adapters/aws/dynamo-personas.ts';
import { ENV } from '../lib/pipeline/contract.ts';

// Custom resource (cr.Provider onEvent): writes the built-in personas on create and update.
// Deleting the stack leaves the table's data to the table's own removal policy.
export const handler = async (event: CloudFormationCustomResourceEvent): Promise<{ PhysicalResourceId: string; Data: { count: number } }> => {
  const table = process.env[ENV.personasTable];
  if (!table) throw new Error(`${ENV.personasTable} is not set`);
  if (event.RequestType !== 'Delete') await new DynamoPersonaStore(clientsFromEnv(process.env).dynamodb, table).put(BUILTIN_PERSONAS);
  return { PhysicalResourceId: `clarity-personas-${table}`, Data: { count: BUILTIN_PERSONAS.length } };
};
