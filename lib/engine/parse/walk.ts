/** A list of sibling nodes and how far a walk has read it. */
export interface Frame<N> {
  nodes: readonly N[];
  next: number;
}

/**
 * Visits a tree depth-first in document order with a stack of its own rather than recursion, so a deep tree cannot
 * overflow the call stack. `visit` may `descend` into a node's children (a frame, which may carry more); `leave` is
 * told when a frame's nodes are done.
 */
export function walkFrames<N, F extends Frame<N>>(root: F, visit: (node: N, frame: F, descend: (frame: F) => void) => void, leave?: (frame: F) => void): void {
  const stack: F[] = [root];
  const descend = (frame: F) => void stack.push(frame);
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as F;
    const node = top.nodes[top.next++];
    if (node === undefined) {
      stack.pop();
      leave?.(top);
    } else visit(node, top, descend);
  }
}
