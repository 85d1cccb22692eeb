import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyStructuredResultV2, LambdaFunctionURLEvent } from 'aws-lambda';
import { handleApiRequest } from '../lib/api/report-api.ts';
import { clientsFromEnv, glossaryStoreFromEnv, pipelineFromEnv } from '../lib/adapters/aws/pipeline-from-env.ts';

// The support leads' read-only report API, behind a function URL with IAM auth.
const logger = new Logger();
const clients = clientsFromEnv(process.env);
const { audits, personas, reports } = pipelineFromEnv(process.env, clients);
const glossaries = glossaryStoreFromEnv(process.env, clients);

export const handler = async (event: LambdaFunctionURLEvent): Promise<APIGatewayProxyStructuredResultV2> => {
  const query = Object.fromEntries(Object.entries(event.queryStringParameters ?? {}));
  let path: string;
  try {
    path = decodeURIComponent(event.rawPath);
  } catch {
    return { statusCode: 400, body: JSON.stringify({ error: 'bad-path', message: 'the path is not valid URL encoding' }) };
  }
  try {
    const res = await handleApiRequest({ audits, personas, glossaries, reports }, { method: event.requestContext.http.method, path, query });
    return { statusCode: res.status, headers: res.headers, body: res.body };
  } catch (error) {
    logger.error('report API request failed', { path, error: error as Error });
    return { statusCode: 500, body: JSON.stringify({ error: 'internal', message: 'the report API failed; see its logs' }) };
  }
};
