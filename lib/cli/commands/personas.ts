import { DynamoPersonaStore } from '../../adapters/aws/dynamo-personas.ts';
import { LOCAL_RESOURCES } from '../../local/provision.ts';
import { dynamoClient } from '../aws-clients.ts';
import { EXIT } from '../errors.ts';
import { loadedConfig, type Command } from './command.ts';

/** `clarity personas`: the personas the config gives (the built-in ones, with its changes and its own). */
export const personas: Command = {
  name: 'personas',
  options: ['config'],
  usage: { call: ['clarity personas [--config file]'], about: ['list the personas'] },
  run({ values }, io) {
    for (const p of loadedConfig(io, values).personas) io.stdout(`${p.id}\t${p.name}\t(grade ${p.targetGrade}, ${p.maxSentenceLength} words/sentence)\n`);
    return EXIT.ok;
  },
};

/** `clarity personas push`: the built-in and configured personas into the personas table. */
export const personasPush: Command = {
  name: 'personas push',
  options: ['endpoint', 'table', 'config'],
  takesOperands: false,
  usage: { call: ['clarity personas push [--endpoint url] [--table t] [--config file]'], about: ['write the personas to the personas table'] },
  async run({ values }, io) {
    const loaded = loadedConfig(io, values);
    const db = dynamoClient(values.string('endpoint'));
    const table = values.string('table') ?? LOCAL_RESOURCES.personasTable;
    await new DynamoPersonaStore(db, table).put(loaded.personas);
    db.destroy();
    io.stdout(`pushed ${loaded.personas.length} persona(s) to ${table}: ${loaded.personas.map((p) => p.id).join(', ')}\n`);
    return EXIT.ok;
  },
};
