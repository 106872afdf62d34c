import type { BinnedMatrix } from './binning.ts';
import type { BinTree } from './shard.ts';
import type { TreeNode } from './treeEnsemble.ts';

/** Which bins go left at a new split: the shards partition rows by this table. */
export function leftTableOf(
  node: TreeNode,
  binThreshold: number,
  leftBins: number[] | null,
): Uint8Array {
  const table = new Uint8Array(256);
  if (leftBins === null) for (let b = 1; b <= binThreshold; b++) table[b] = 1;
  else for (const b of leftBins) table[b] = 1;
  table[0] = node.isDefaultLeft ? 1 : 0;
  return table;
}

/** The finished tree in bin terms, for rows the shards did not partition. */
export function binTreeOf(nodes: readonly TreeNode[], binned: BinnedMatrix): BinTree {
  const tree: BinTree = {
    feature: Int32Array.from(nodes, (node) => node.feature),
    left: Int32Array.from(nodes, (node) => node.left),
    right: Int32Array.from(nodes, (node) => node.right),
    value: Float64Array.from(nodes, (node) => node.value),
    leftTables: new Uint8Array(nodes.length * 256),
  };
  nodes.forEach((node, id) => {
    if (node.left < 0) return;
    const base = id * 256;
    if (node.categories !== null) {
      for (const code of node.categories) tree.leftTables[base + code + 1] = 1;
    } else {
      const cuts = binned.cuts[node.feature]!;
      // Bin b holds values up to cuts[b - 1]; the last bin has no upper cut.
      for (let b = 1; b < binned.binCounts[node.feature]!; b++) {
        const upper = b - 1 < cuts.length ? cuts[b - 1]! : Infinity;
        if (upper <= node.threshold) tree.leftTables[base + b] = 1;
      }
    }
    tree.leftTables[base] = node.isDefaultLeft ? 1 : 0;
  });
  return tree;
}
