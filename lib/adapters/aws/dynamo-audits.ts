import { GetItemCommand, paginateQuery, PutItemCommand, QueryCommand, UpdateItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { worstOf } from '../../engine/scoring.ts';
import { comparableSequencer } from '../../pipeline/asset-ref.ts';
import { AUDITS_TABLE } from '../../pipeline/contract.ts';
import { BadPageTokenError, type AuditRecord, type AuditStore, type LatestAudit, type ListQuery } from '../../pipeline/ports.ts';
import { isAwsError } from './error-name.ts';

const { byPersonaScore, byRecent } = AUDITS_TABLE;
/** Table bookkeeping that is not part of an audit record. */
const KEY_ATTRIBUTES = [AUDITS_TABLE.partitionKey, AUDITS_TABLE.sortKey, byPersonaScore.partitionKey, byPersonaScore.sortKey, byRecent.partitionKey, byRecent.sortKey, 'seq', 'eventClaim', 'eventClaimBy'];
/** How many days back "recent audits" looks when the newest days hold fewer than asked for. */
const RECENT_DAYS = 30;

/**
 * An audit's optional fields. A pointer moved to a newer audit loses those the newer one lacks (the glossaries an
 * older audit used, its failure reason). A record over every optional key, so a new one cannot be forgotten here.
 */
type OptionalKey<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
const OPTIONAL_FIELDS = Object.keys({
  sequencer: 1, team: 1, glossaries: 1, glossariesHash: 1, code: 1, reason: 1, channel: 1, stage: 1, title: 1, reportJsonKey: 1, reportHtmlKey: 1, goals: 1, previous: 1,
} satisfies Record<OptionalKey<AuditRecord>, 1>);

const assetPk = (bucket: string, key: string): string => `ASSET#${bucket}/${key}`;
const PORTFOLIO = 'PORTFOLIO';
/** Scores sort as text: 42.3 → "0423". */
export const scoreKey = (score: number): string => String(Math.round(score * 10)).padStart(4, '0');

/**
 * The audits table. Per asset (pk = ASSET#<bucket>/<key>):
 * - VERSION#<version>: one audit per version, written once (conditional put);
 * - LATEST and LATEST#<persona>: pointers to the newest version's audit, moved
 *   forward only (S3 sequencers decide which version is newer), indexed for
 *   worst-first listing per persona.
 * Version items are also indexed by day for "most recent audits".
 */
export class DynamoAuditStore implements AuditStore {
  constructor(
    private readonly db: DynamoDBClient,
    private readonly table: string,
  ) {}

  async putAudit(record: AuditRecord): Promise<'written' | 'duplicate'> {
    const item = {
      ...record,
      pk: assetPk(record.bucket, record.key),
      sk: `VERSION#${record.version}`,
      [byRecent.partitionKey]: `AUDIT#${record.auditedAt.slice(0, 10)}`,
      [byRecent.sortKey]: `${record.auditedAt}#${record.bucket}/${record.key}`,
      eventSent: false,
    };
    try {
      // A re-audit replaces the whole item, so its announcement starts unclaimed.
      await this.db.send(
        new PutItemCommand({
          TableName: this.table,
          Item: marshall(item, { removeUndefinedValues: true }),
          // A re-delivered event finds its audit; only a change of personas or glossaries audits the same version
          // again (an item from before glossaries has no glossariesHash: it is re-audited only once one applies).
          ConditionExpression: `attribute_not_exists(pk) OR personasHash <> :h OR ${record.glossariesHash ? 'NOT (glossariesHash = :g)' : 'attribute_exists(glossariesHash)'}`,
          ExpressionAttributeValues: { ':h': { S: record.personasHash }, ...(record.glossariesHash ? { ':g': { S: record.glossariesHash } } : {}) },
        }),
      );
      return 'written';
    } catch (error) {
      if (isAwsError(error, 'ConditionalCheckFailedException')) return 'duplicate';
      throw error;
    }
  }

  async promoteLatest(record: AuditRecord): Promise<'promoted' | 'stale'> {
    const pk = assetPk(record.bucket, record.key);
    const worst = worstOf(Object.values(record.scores));
    const targets: { sk: string; extra: Record<string, unknown> }[] = [
      // The asset's own latest pointer is indexed too, under PORTFOLIO, for the portfolio page.
      { sk: 'LATEST', extra: { [byPersonaScore.partitionKey]: PORTFOLIO, [byPersonaScore.sortKey]: `${scoreKey(record.status === 'audited' ? worst : 0)}#${record.bucket}/${record.key}` } },
      ...Object.entries(record.scores).map(([personaId, score]) => ({
        sk: `LATEST#${personaId}`,
        extra: { personaId, score, [byPersonaScore.partitionKey]: `PERSONA#${personaId}`, [byPersonaScore.sortKey]: `${scoreKey(score)}#${record.bucket}/${record.key}` },
      })),
    ];
    let outcome: 'promoted' | 'stale' = 'promoted';
    for (const { sk, extra } of targets) {
      // eventSent belongs to the version item; older pointers that copied it have it removed.
      const { eventSent: _sent, ...audit } = record as AuditRecord & { eventSent?: boolean };
      const fields = { ...audit, ...extra, ...(record.sequencer ? { seq: comparableSequencer(record.sequencer) } : {}) };
      const names: Record<string, string> = {};
      const values: Record<string, AttributeValue> = {};
      const set = marshall(fields, { removeUndefinedValues: true });
      const sets = Object.entries(set).map(([k, v], i) => {
        names[`#f${i}`] = k;
        values[`:f${i}`] = v;
        return `#f${i} = :f${i}`;
      });
      const removes = ['eventSent', ...OPTIONAL_FIELDS.filter((k) => !(k in set)).map((k, i) => {
        names[`#r${i}`] = k;
        return `#r${i}`;
      })];
      // Newer versions only: an older version that finishes late never takes the pointer back.
      const condition = record.sequencer
        ? 'attribute_not_exists(pk) OR attribute_not_exists(seq) OR seq <= :seq'
        : 'attribute_not_exists(pk) OR version = :version';
      if (record.sequencer) values[':seq'] = { S: comparableSequencer(record.sequencer) };
      else values[':version'] = { S: record.version };
      try {
        await this.db.send(
          new UpdateItemCommand({
            TableName: this.table,
            Key: { pk: { S: pk }, sk: { S: sk } },
            UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}`,
            ConditionExpression: condition,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        );
      } catch (error) {
        if (!isAwsError(error, 'ConditionalCheckFailedException')) throw error;
        outcome = 'stale';
      }
    }
    return outcome;
  }

  async claimEvent(record: AuditRecord, owner: string, now: Date, staleMs: number): Promise<'claimed' | 'sent' | 'busy'> {
    try {
      await this.db.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: this.versionKey(record),
          UpdateExpression: 'SET eventClaim = :now, eventClaimBy = :me',
          // Our own claim counts as free: the SDK may resend a request whose answer was lost.
          ConditionExpression: 'eventSent = :f AND (attribute_not_exists(eventClaim) OR eventClaim < :stale OR eventClaimBy = :me)',
          ExpressionAttributeValues: { ':now': { N: String(now.getTime()) }, ':stale': { N: String(now.getTime() - staleMs) }, ':f': { BOOL: false }, ':me': { S: owner } },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!isAwsError(error, 'ConditionalCheckFailedException')) throw error;
      return (await this.getAudit(record.bucket, record.key, record.version))?.eventSent ? 'sent' : 'busy';
    }
  }

  async releaseEvent(record: AuditRecord): Promise<void> {
    await this.db.send(new UpdateItemCommand({ TableName: this.table, Key: this.versionKey(record), UpdateExpression: 'REMOVE eventClaim, eventClaimBy' }));
  }

  private versionKey(record: AuditRecord): Record<string, AttributeValue> {
    return { pk: { S: assetPk(record.bucket, record.key) }, sk: { S: `VERSION#${record.version}` } };
  }

  async markEventSent(record: AuditRecord): Promise<void> {
    await this.db.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: this.versionKey(record),
        UpdateExpression: 'SET eventSent = :t',
        ExpressionAttributeValues: { ':t': { BOOL: true } },
      }),
    );
  }

  async getAudit(bucket: string, key: string, version: string): Promise<(AuditRecord & { eventSent?: boolean }) | undefined> {
    const { Item } = await this.db.send(new GetItemCommand({ TableName: this.table, Key: { pk: { S: assetPk(bucket, key) }, sk: { S: `VERSION#${version}` } }, ConsistentRead: true }));
    return Item ? (fromItem(Item) as AuditRecord & { eventSent?: boolean }) : undefined;
  }

  async latest(bucket: string, key: string): Promise<AuditRecord | undefined> {
    const { Item } = await this.db.send(new GetItemCommand({ TableName: this.table, Key: { pk: { S: assetPk(bucket, key) }, sk: { S: 'LATEST' } } }));
    return Item ? fromItem(Item) : undefined;
  }

  async listWorst(personaId: string, query: ListQuery): Promise<LatestAudit[]> {
    const low = scoreKey(query.minScore ?? 0);
    const high = `${scoreKey(query.maxScore ?? 100)}#\uffff`;
    const items = await this.queryAll(
      {
        IndexName: byPersonaScore.indexName,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :low AND :high',
        ExpressionAttributeNames: { '#pk': byPersonaScore.partitionKey, '#sk': byPersonaScore.sortKey },
        ExpressionAttributeValues: { ':pk': { S: `PERSONA#${personaId}` }, ':low': { S: low }, ':high': { S: high } },
        ScanIndexForward: true,
      },
      query,
    );
    return items.map((i) => fromItem(i) as LatestAudit);
  }

  async listPortfolio(limit: number, next?: string): Promise<{ audits: AuditRecord[]; next?: string }> {
    const page = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: byPersonaScore.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': byPersonaScore.partitionKey },
        ExpressionAttributeValues: { ':pk': { S: PORTFOLIO } },
        ScanIndexForward: true,
        Limit: limit,
        ...(next ? { ExclusiveStartKey: decodePageToken(next) } : {}),
      }),
    );
    const audits = (page.Items ?? []).map(fromItem);
    return { audits, ...(page.LastEvaluatedKey ? { next: encodePageToken(page.LastEvaluatedKey) } : {}) };
  }

  async listRecent(query: ListQuery): Promise<AuditRecord[]> {
    const found: AuditRecord[] = [];
    const today = new Date();
    for (let day = 0; day < RECENT_DAYS && found.length < query.limit; day++) {
      const date = new Date(today.getTime() - day * 86_400_000).toISOString().slice(0, 10);
      const items = await this.queryAll(
        {
          IndexName: byRecent.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': byRecent.partitionKey },
          ExpressionAttributeValues: { ':pk': { S: `AUDIT#${date}` } },
          ScanIndexForward: false,
        },
        { ...query, limit: query.limit - found.length },
      );
      found.push(...items.map(fromItem));
    }
    return found;
  }

  /** Pages through a query, applying the channel filter, until `limit` items are found. */
  private async queryAll(input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>, query: ListQuery): Promise<Record<string, AttributeValue>[]> {
    const out: Record<string, AttributeValue>[] = [];
    const pages = paginateQuery(
      { client: this.db },
      {
        ...input,
        TableName: this.table,
        ...(query.channel ? { FilterExpression: 'channel = :channel', ExpressionAttributeValues: { ...input.ExpressionAttributeValues, ':channel': { S: query.channel } } } : {}),
      },
    );
    for await (const page of pages) {
      out.push(...(page.Items ?? []));
      if (out.length >= query.limit) break;
    }
    return out.slice(0, query.limit);
  }
}

/** DynamoDB's LastEvaluatedKey of a portfolio page as an opaque URL-safe token (it names only the GSI and table keys). */
function encodePageToken(key: Record<string, AttributeValue>): string {
  return Buffer.from(JSON.stringify(unmarshall(key))).toString('base64url');
}

const PAGE_TOKEN_KEYS = [AUDITS_TABLE.partitionKey, AUDITS_TABLE.sortKey, byPersonaScore.partitionKey, byPersonaScore.sortKey].sort();

function decodePageToken(token: string): Record<string, AttributeValue> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new BadPageTokenError('the next token is not one this API handed out');
  }
  const valid =
    typeof key === 'object' && key !== null && !Array.isArray(key) &&
    JSON.stringify(Object.keys(key).sort()) === JSON.stringify(PAGE_TOKEN_KEYS) &&
    Object.values(key).every((v) => typeof v === 'string') &&
    (key as Record<string, string>)[byPersonaScore.partitionKey] === PORTFOLIO;
  if (!valid) throw new BadPageTokenError('the next token is not one this API handed out');
  return marshall(key as Record<string, string>);
}

function fromItem(item: Record<string, AttributeValue>): AuditRecord {
  const data = unmarshall(item);
  for (const key of KEY_ATTRIBUTES) delete data[key];
  return data as AuditRecord;
}
