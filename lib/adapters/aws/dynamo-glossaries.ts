import { DeleteItemCommand, paginateQuery, paginateScan, PutItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { glossaryHash } from '../../glossary/hash.ts';
import type { Glossary } from '../../glossary/types.ts';
import { parseGlossary } from '../../glossary/validate.ts';
import { fail, ok, type Result } from '../../engine/types.ts';
import { GLOSSARIES_TABLE } from '../../pipeline/contract.ts';
import type { GlossaryStore, StoredGlossary } from '../../pipeline/ports.ts';
import { isAwsError } from './error-name.ts';

const { partitionKey: TEAM, sortKey: NAME } = GLOSSARIES_TABLE;

/**
 * Team glossaries as items `{ team, name, glossary: <JSON>, hash, updatedAt }`, validated with the glossary schema
 * on every read (as on every push): an item edited by hand into something the engine cannot take is an error that
 * names it, never a half-read glossary. The hash is recomputed from what was read, so it always names the content.
 */
export class DynamoGlossaryStore implements GlossaryStore {
  constructor(
    private readonly db: DynamoDBClient,
    private readonly table: string,
  ) {}

  async list(team?: string): Promise<Result<StoredGlossary[]>> {
    const pages =
      team === undefined
        ? paginateScan({ client: this.db }, { TableName: this.table })
        : paginateQuery({ client: this.db }, { TableName: this.table, KeyConditionExpression: '#t = :t', ExpressionAttributeNames: { '#t': TEAM }, ExpressionAttributeValues: { ':t': { S: team } } });
    const found: StoredGlossary[] = [];
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const read = this.fromItem(item);
        if (!read.ok) return read;
        found.push(read.value);
      }
    }
    return ok(found.sort((a, b) => (a.team === b.team ? compare(a.name, b.name) : compare(a.team, b.team))));
  }

  async put(team: string, glossary: Glossary): Promise<'written' | 'unchanged'> {
    const name = glossary.name ?? '';
    const hash = glossaryHash(glossary);
    try {
      await this.db.send(
        new PutItemCommand({
          TableName: this.table,
          Item: { [TEAM]: { S: team }, [NAME]: { S: name }, glossary: { S: JSON.stringify(glossary) }, hash: { S: hash }, updatedAt: { S: new Date().toISOString() } },
          // The same content again is no change: its updatedAt stays, and nothing that reads it sees a new version.
          ConditionExpression: 'attribute_not_exists(#t) OR #h <> :h',
          ExpressionAttributeNames: { '#t': TEAM, '#h': 'hash' },
          ExpressionAttributeValues: { ':h': { S: hash } },
        }),
      );
      return 'written';
    } catch (error) {
      if (isAwsError(error, 'ConditionalCheckFailedException')) return 'unchanged';
      throw error;
    }
  }

  async remove(team: string, name: string): Promise<'removed' | 'absent'> {
    const { Attributes } = await this.db.send(new DeleteItemCommand({ TableName: this.table, Key: { [TEAM]: { S: team }, [NAME]: { S: name } }, ReturnValues: 'ALL_OLD' }));
    return Attributes ? 'removed' : 'absent';
  }

  private fromItem(item: Record<string, AttributeValue>): Result<StoredGlossary> {
    const team = item[TEAM]?.S ?? '(no team)';
    const name = item[NAME]?.S ?? '(no name)';
    const where = `glossary "${name}" of team ${team} in table ${this.table}`;
    let data: unknown;
    try {
      data = JSON.parse(item.glossary?.S ?? '');
    } catch {
      return fail('invalid-glossary', `${where} is not valid JSON; push it again (clarity terms push)`);
    }
    const glossary = parseGlossary(data, where, name);
    if (!glossary.ok) return fail(glossary.error.code, `${glossary.error.message}; fix it and push it again (clarity terms push)`);
    return ok({ team, name, hash: glossaryHash(glossary.value), updatedAt: item.updatedAt?.S ?? '', glossary: glossary.value });
  }
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
