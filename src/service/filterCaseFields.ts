/** Which dotted paths a purpose allows, as a tree of path segments. */
export interface FieldMatcher {
  /** Everything below this node is allowed. */
  isAllowed: boolean;
  children: ReadonlyMap<string, FieldMatcher>;
}

/**
 * Builds the tree once per purpose. Walking it beside the case costs one map lookup per field;
 * matching each field's dotted path against a list cost more than scoring the case did.
 */
export function fieldMatcher(fields: readonly string[]): FieldMatcher {
  const root = { isAllowed: false, children: new Map<string, FieldMatcher>() };
  for (const field of fields) {
    let node = root;
    for (const segment of field.split('.')) {
      let child = node.children.get(segment) as typeof root | undefined;
      if (child === undefined) {
        child = { isAllowed: false, children: new Map() };
        node.children.set(segment, child);
      }
      node = child;
    }
    node.isAllowed = true;
  }
  return root;
}

/** Whether a dotted path is allowed: the field itself or one of its parents is listed. */
export function allowsPath(matcher: FieldMatcher, path: string): boolean {
  let node: FieldMatcher | undefined = matcher;
  for (const segment of path.split('.')) {
    node = node.children.get(segment);
    if (node === undefined) return false;
    if (node.isAllowed) return true;
  }
  return false;
}

/**
 * Keeps only the fields a purpose allows (data minimisation, GDPR art. 5(1)(c)) and lists the
 * dotted paths of what it dropped, so the caller learns what was not used. Unknown fields are
 * dropped the same way; values are never copied into the list. Array entries share their
 * parent's path: `history.durationHours` stands for that field in every history entry.
 */
export function filterCaseFields(
  value: unknown,
  matcher: FieldMatcher,
  dropped: Set<string>,
): unknown {
  return filterNode(value, '', matcher, { dropped, paths: new Map() });
}

interface Walk {
  dropped: Set<string>;
  /**
   * Dotted paths of this call, each built once: every history entry repeats the same fields,
   * and building their paths anew per entry cost more than the rest of the filter. Kept for
   * one call only, as the keys come from the caller.
   */
  paths: Map<string, Map<string, string>>;
}

function filterNode(value: unknown, path: string, matcher: FieldMatcher, walk: Walk): unknown {
  if (Array.isArray(value)) {
    const result = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) result[i] = filterNode(value[i], path, matcher, walk);
    return result;
  }
  if (value === null || typeof value !== 'object') return value;

  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const inner = (value as Record<string, unknown>)[key];
    const child = matcher.children.get(key);
    if (child?.isAllowed === true) {
      result[key] = inner;
    } else if (child !== undefined) {
      result[key] = filterNode(inner, joinPath(walk, path, key), child, walk);
    } else {
      addLeaves(inner, joinPath(walk, path, key), walk);
    }
  }
  return result;
}

/** Lists a dropped object by its leaves, so `episode.medical.diagnosisCode` is named in full. */
function addLeaves(value: unknown, path: string, walk: Walk): void {
  if (Array.isArray(value) && value.length > 0) {
    for (const item of value) addLeaves(item, path, walk);
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) walk.dropped.add(path);
    for (const key of keys) {
      addLeaves((value as Record<string, unknown>)[key], joinPath(walk, path, key), walk);
    }
  } else {
    walk.dropped.add(path);
  }
}

function joinPath(walk: Walk, path: string, key: string): string {
  if (path === '') return key;
  let byKey = walk.paths.get(path);
  if (byKey === undefined) {
    byKey = new Map();
    walk.paths.set(path, byKey);
  }
  let joined = byKey.get(key);
  if (joined === undefined) {
    joined = `${path}.${key}`;
    byKey.set(key, joined);
  }
  return joined;
}
