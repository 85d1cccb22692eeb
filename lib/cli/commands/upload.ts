import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ASSET_METADATA, TEAM_NAME, TEAM_RULE } from '../../pipeline/contract.ts';
import { STAGES } from '../../engine/types.ts';
import { isStage } from '../../engine/stage/declared.ts';
import { LOCAL_RESOURCES } from '../../local/provision.ts';
import { unsafeKeySegment } from '../../local/keys.ts';
import { s3Client } from '../aws-clients.ts';
import { collectFiles } from '../collect.ts';
import { EXIT, UsageError } from '../errors.ts';
import type { Command } from './command.ts';

/** `clarity upload`: puts files into the assets bucket with the metadata the pipeline reads. */
export const upload: Command = {
  name: 'upload',
  options: ['endpoint', 'bucket', 'prefix', 'channel', 'personas', 'stage', 'team'],
  usage: {
    call: ['clarity upload <files|dirs> [--endpoint url] [--bucket b] [--prefix p] [--channel c] [--personas ids] [--stage s] [--team t]'],
    about: ['upload assets (to clarity dev, or to the stack\'s bucket)'],
  },
  async run({ values, operands }, io) {
    if (operands.length === 0) throw new UsageError('upload needs at least one file or directory');
    const [stage, team, prefix = ''] = [values.string('stage'), values.string('team'), values.string('prefix')];
    if (stage !== undefined && !isStage(stage)) throw new UsageError(`--stage must be one of ${STAGES.join(', ')} (got ${JSON.stringify(stage)})`);
    if (team !== undefined && !TEAM_NAME.test(team)) throw new UsageError(`--team must be a team name: ${TEAM_RULE} (got ${JSON.stringify(team)})`);
    const files = await collectFiles(operands, io.cwd, []);
    if (!files.ok) throw new UsageError(files.error.message);
    const s3 = s3Client(values.string('endpoint'));
    const bucket = values.string('bucket') ?? LOCAL_RESOURCES.assetsBucket;
    const [channel, personas] = [values.string('channel'), values.string('personas')];
    const metadata = {
      ...(channel ? { [ASSET_METADATA.channel]: channel } : {}),
      ...(personas ? { [ASSET_METADATA.personas]: personas } : {}),
      ...(stage ? { [ASSET_METADATA.stage]: stage } : {}),
      ...(team ? { [ASSET_METADATA.team]: team } : {}),
    };
    // A key is the file's path from here (with / on every OS), after the prefix. A file outside this folder, or a
    // prefix like ../, would give a key with ".." in it: S3 would keep it as it is, clarity dev's emulator would
    // refuse it, and no one means it. Checked for every file before anything is uploaded.
    const uploads = files.value.map((file) => ({ file, key: `${prefix}${relative(io.cwd, file).split(sep).join('/')}` }));
    const unsafe = uploads.filter((u) => unsafeKeySegment(u.key));
    if (unsafe.length > 0) {
      s3.destroy();
      const named = unsafe.slice(0, 3).map((u) => `"${u.key}" (${relative(io.cwd, u.file) || u.file})`).join(', ');
      throw new UsageError(`upload: the key ${named}${unsafe.length > 3 ? ` and ${unsafe.length - 3} more` : ''} would have a "." or ".." path segment. Keys are each file's path from the current folder, after --prefix: run clarity upload from a folder that contains the files, with a --prefix without "." or ".." parts. Nothing was uploaded.`);
    }
    for (const { file, key } of uploads) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: readFileSync(file), Metadata: metadata }));
      io.stdout(`uploaded s3://${bucket}/${key}\n`);
    }
    s3.destroy();
    return EXIT.ok;
  },
};
