import { BatchWriteItemCommand, paginateScan, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parsePersona } from '../../engine/persona/schema.ts';
import { fail, ok, type Persona, type Result } from '../../engine/types.ts';
import type { PersonaStore } from '../../pipeline/ports.ts';

/** Personas as items `{ id, persona: <JSON>, updatedAt }`, validated on every read. */
export class DynamoPersonaStore implements PersonaStore {
  constructor(
    private readonly db: DynamoDBClient,
    private readonly table: string,
  ) {}

  async list(): Promise<Result<Persona[]>> {
    const personas: Persona[] = [];
    for await (const page of paginateScan({ client: this.db }, { TableName: this.table })) {
      for (const item of page.Items ?? []) {
        const id = item.id?.S ?? '(no id)';
        let data: unknown;
        try {
          data = JSON.parse(item.persona?.S ?? '');
        } catch {
          return fail('invalid-persona', `persona "${id}" in table ${this.table} is not valid JSON; push it again (clarity personas push)`);
        }
        const persona = parsePersona(data, `table ${this.table}`);
        if (!persona.ok) return persona;
        personas.push(persona.value);
      }
    }
    return ok(personas.sort((a, b) => (a.id < b.id ? -1 : 1)));
  }

  async put(personas: readonly Persona[]): Promise<void> {
    const updatedAt = new Date().toISOString();
    for (let i = 0; i < personas.length; i += 25) {
      let requests: Record<string, import('@aws-sdk/client-dynamodb').WriteRequest[]> | undefined = {
        [this.table]: personas.slice(i, i + 25).map((p) => ({ PutRequest: { Item: { id: { S: p.id }, persona: { S: JSON.stringify(p) }, updatedAt: { S: updatedAt } } } })),
      };
      // DynamoDB may hand back unprocessed writes under load; send them again until none are left.
      for (let attempt = 0; requests && Object.keys(requests).length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** Math.min(attempt, 6)));
        requests = (await this.db.send(new BatchWriteItemCommand({ RequestItems: requests }))).UnprocessedItems;
      }
    }
  }
}
