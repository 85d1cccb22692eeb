import { createHash } from 'node:crypto';
import { AspectPriority, Aspects, CfnElement, Stack } from 'aws-cdk-lib';
import { Construct, type IConstruct } from 'constructs';

/** Scopes whose rooms add no level to logical IDs (ClarityAuditor marks itself). */
const flatScopes = new WeakSet<IConstruct>();
/** Elements already given their logical ID: a stack takes one rename per ID. */
const kept = new WeakSet<CfnElement>();

/**
 * One part of ClarityAuditor (its queue, its stores, one function…): a construct of its own, usable alone.
 * Composed by a scope marked with `composeFlat`, a room adds nothing to its resources' logical IDs, so they are
 * the IDs they had when ClarityAuditor created every resource itself: a changed logical ID makes CloudFormation
 * replace the resource, and the retained buckets and tables of a deployed stack would be orphaned for empty ones.
 */
export abstract class Room extends Construct {}

/** Rooms created in `scope` from now on keep the logical IDs their resources would have as direct children of it. */
export function composeFlat(scope: IConstruct): void {
  flatScopes.add(scope);
  // Before synthesis, for what is added to the rooms' resources after they are built (a subscription to the topic,
  // the notifications IngestQueue adds under the assets bucket).
  Aspects.of(scope).add(
    {
      visit: (node) => {
        if (node === scope) keepLogicalIds(scope);
      },
    },
    { priority: AspectPriority.MUTATING },
  );
}

/**
 * Gives each CloudFormation element under `root` that sits in a flat-composed room the logical ID it would have
 * without that room in its path. A stack rename, not an override, so `Stack.getLogicalId` agrees and the stack
 * rejects two elements given one ID. Idempotent. Each room calls it on itself at the end of its constructor, before
 * anything resolves those IDs (an acknowledgement that names a resource does).
 */
export function keepLogicalIds(root: IConstruct): void {
  for (const element of root.node.findAll()) {
    if (!(element instanceof CfnElement) || kept.has(element)) continue;
    const stack = Stack.of(element);
    const scopes = element.node.scopes.slice(element.node.scopes.indexOf(stack) + 1);
    const flat = withoutFlatRooms(scopes);
    if (flat.length === scopes.length) continue;
    stack.renameLogicalId(stack.getLogicalId(element), uniqueId(flat));
    kept.add(element);
  }
}

/** `Names.nodeUniqueId(construct.node)` as it would be without flat-composed rooms in the path. */
export function flatNodeUniqueId(construct: IConstruct): string {
  return uniqueId(withoutFlatRooms(construct.node.scopes.slice(1)));
}

function withoutFlatRooms(scopes: IConstruct[]): string[] {
  return scopes.filter((s) => !(s instanceof Room && s.node.scope && flatScopes.has(s.node.scope))).map((s) => s.node.id);
}

/**
 * aws-cdk-lib's logical ID of a path (core/lib/private/uniqueid.ts, not exported): the path without `Default`
 * components, its alphanumerics without `Resource` and repeated suffixes, and 8 hex digits of its MD5. The pinned
 * templates in test/fixtures/infra/ fail if this ever drifts from aws-cdk-lib's.
 */
function uniqueId(components: string[]): string {
  const path = components.filter((c) => c !== 'Default');
  const alphanumeric = (s: string): string => s.replace(/[^A-Za-z0-9]/g, '');
  if (path.length === 1) return alphanumeric(path[0]!);
  const hash = createHash('md5').update(path.join('/')).digest('hex').slice(0, 8).toUpperCase();
  const human: string[] = [];
  for (const c of path) if (human.length === 0 || !human[human.length - 1]!.endsWith(c)) human.push(c);
  return human.filter((c) => c !== 'Resource').map(alphanumeric).join('').slice(0, 240) + hash;
}
