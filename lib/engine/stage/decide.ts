import type { Channel, Stage, StageDecision, Unit } from '../types.ts';
import { checkDeclared, stageFromFrontMatter, stageFromPath, type Declared } from './declared.ts';
import type { StageGlobMatch } from './config-globs.ts';

/** Under this, a stage is shown as a guess to check ("low confidence"). */
export const LOW_STAGE_CONFIDENCE = 0.5;

/** The metadata the pipeline reads the declared stage from (ASSET_METADATA.stage in lib/pipeline/contract.ts). */
const metadataCue = (value: string): string => `S3 metadata x-amz-meta-clarity-stage: ${value}`;

/**
 * What each channel usually does, tried before reading the content: the first stage is the default, the others are
 * what the content may show it to be instead (a sales script that closes with a call to action activates).
 */
const CHANNEL_DEFAULTS: Partial<Record<Channel, { what: string; stages: readonly Stage[] }>> = {
  'support-macro': { what: "a support macro's reply", stages: ['reciprocate'] },
  'sales-script': { what: 'a sales script', stages: ['entice', 'activate'] },
  'help-article': { what: 'a help article', stages: ['inform'] },
};
const CHANNEL_CONFIDENCE = 0.7;
/** A channel default the content clearly contradicts (an inference at least this sure of another stage)… */
const CONTRADICTED_FROM = 0.6;
/** …is kept, but shown as a guess. */
const CONTRADICTED_CONFIDENCE = 0.4;

/** The stages declared for an object by its S3 metadata and by its key or path, in priority order. */
function byMetadataAndKey(metadataStage: string | undefined, path: string): (Declared | undefined)[] {
  return [metadataStage !== undefined ? checkDeclared(metadataStage, 'metadata', metadataCue) : undefined, stageFromPath(path)];
}

/** The first valid declaration, after the cues of those passed over (a value that is no stage). */
function firstDeclared(declarations: readonly (Declared | undefined)[]): { decision?: StageDecision; ignored: string[] } {
  const ignored: string[] = [];
  for (const d of declarations) {
    if (d?.ok) return { decision: { stage: d.stage, source: d.source, confidence: 1, cues: [...ignored, d.cue] }, ignored };
    if (d) ignored.push(d.cue);
  }
  return { ignored };
}

/**
 * A unit's stage: the first declared one (S3 metadata, a stages/<stage>/ folder, front matter `stage:`, the config's
 * globs), else its channel's default, else what its text reads as (`infer`, called only then).
 */
export function decideStage(unit: Unit, config: StageGlobMatch, infer: () => StageDecision): StageDecision {
  const { decision, ignored } = firstDeclared([
    ...byMetadataAndKey(unit.metadataStage, unit.path),
    unit.format === 'markdown' ? stageFromFrontMatter(unit.source) : undefined,
    config && { ok: true, stage: config.stage, source: 'config', cue: `clarity.config.json stages: "${config.glob}" → ${config.stage}` },
  ]);
  if (decision) return decision;
  const inferred = infer();
  const byChannel = CHANNEL_DEFAULTS[unit.channel];
  if (!byChannel) return { ...inferred, cues: [...ignored, ...inferred.cues] };
  const [first] = byChannel.stages as [Stage];
  const defaultCue = `${byChannel.what}: ${byChannel.stages.join(' or ')} by default`;
  if (byChannel.stages.includes(inferred.stage)) {
    const shown = inferred.stage === first ? [] : [`${inferred.stage} from its text: ${inferred.cues.join('; ')}`];
    return { stage: inferred.stage, source: 'channel-default', confidence: Math.max(CHANNEL_CONFIDENCE, inferred.confidence), cues: [...ignored, defaultCue, ...shown] };
  }
  // Inform is what a text with no other cue reads as: it never contradicts a channel.
  if (inferred.stage !== 'inform' && inferred.confidence >= CONTRADICTED_FROM) {
    return { stage: first, source: 'channel-default', confidence: CONTRADICTED_CONFIDENCE, cues: [...ignored, defaultCue, `but its text reads as ${inferred.stage}: ${inferred.cues[0] ?? ''}; declare its stage if that is its job`] };
  }
  return { stage: first, source: 'channel-default', confidence: CHANNEL_CONFIDENCE, cues: [...ignored, defaultCue] };
}

/**
 * The stage an object's S3 metadata or key declares, known before it is read: the pipeline records it even for an
 * audit that never reads the object (too large, gone), as it does the channel.
 */
export function declaredBeforeReading(key: string, metadataStage: string | undefined): StageDecision | undefined {
  return firstDeclared(byMetadataAndKey(metadataStage, key)).decision;
}
