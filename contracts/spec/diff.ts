/**
 * What changed between two revisions of a spec: nodes added, removed and changed (field by field, with
 * the values before and after), links and rules added or removed, and the project's own fields.
 * Pure and tolerant: old revisions may not validate any more (a board left the catalogue), so it reads
 * whatever the stored JSON holds instead of parsing it.
 */

export interface FieldChange {
  field: string;
  /** Absent when the field was not set on that side. */
  before?: unknown;
  after?: unknown;
}

export interface NodeSummary {
  id: string;
  name: string;
}

export interface SpecDiff {
  project: FieldChange[];
  nodes: {
    added: NodeSummary[];
    removed: NodeSummary[];
    changed: (NodeSummary & { fields: FieldChange[] })[];
  };
  links: { added: { from: string; to: string }[]; removed: { from: string; to: string }[] };
  rules: { added: { when: string; then: string }[]; removed: { when: string; then: string }[] };
}

type Json = Record<string, unknown>;

const PROJECT_FIELDS = ["name", "description", "network"] as const;

export function diffSpecs(before: unknown, after: unknown): SpecDiff {
  const from = asObject(before);
  const to = asObject(after);
  const fromNodes = byId(from.nodes);
  const toNodes = byId(to.nodes);
  const changed: SpecDiff["nodes"]["changed"] = [];
  for (const [id, node] of toNodes) {
    const old = fromNodes.get(id);
    if (!old) continue;
    const fields = changedFields(
      old,
      node,
      unionKeys(old, node).filter((key) => key !== "id"),
    );
    if (fields.length > 0) changed.push({ ...summary(node), fields });
  }
  return {
    project: changedFields(from, to, [...PROJECT_FIELDS]),
    nodes: {
      added: [...toNodes].filter(([id]) => !fromNodes.has(id)).map(([, node]) => summary(node)),
      removed: [...fromNodes].filter(([id]) => !toNodes.has(id)).map(([, node]) => summary(node)),
      changed,
    },
    links: setDiff(asArray(from.links), asArray(to.links), (link) => ({
      from: String(link.from),
      to: String(link.to),
    })),
    rules: setDiff(asArray(from.rules), asArray(to.rules), (rule) => ({
      when: String(rule.when),
      then: String(rule.then),
    })),
  };
}

export function isEmptyDiff(diff: SpecDiff): boolean {
  return (
    diff.project.length === 0 &&
    diff.nodes.added.length + diff.nodes.removed.length + diff.nodes.changed.length === 0 &&
    diff.links.added.length + diff.links.removed.length === 0 &&
    diff.rules.added.length + diff.rules.removed.length === 0
  );
}

function changedFields(before: Json, after: Json, keys: readonly string[]): FieldChange[] {
  return keys
    .filter((key) => canonical(before[key]) !== canonical(after[key]))
    .map((key) => ({ field: key, before: before[key], after: after[key] }));
}

/** Links and rules have no id: an edited one is the old removed and the new added. */
function setDiff<T>(before: Json[], after: Json[], shape: (item: Json) => T): { added: T[]; removed: T[] } {
  const keysBefore = new Set(before.map((item) => canonical(shape(item))));
  const keysAfter = new Set(after.map((item) => canonical(shape(item))));
  return {
    added: after.map(shape).filter((item) => !keysBefore.has(canonical(item))),
    removed: before.map(shape).filter((item) => !keysAfter.has(canonical(item))),
  };
}

function byId(nodes: unknown): Map<string, Json> {
  return new Map(
    asArray(nodes)
      .filter((node) => typeof node.id === "string")
      .map((node) => [node.id as string, node]),
  );
}

function summary(node: Json): NodeSummary {
  return { id: String(node.id), name: typeof node.name === "string" ? node.name : String(node.id) };
}

function unionKeys(a: Json, b: Json): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])];
}

function asObject(value: unknown): Json {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
}

function asArray(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(asObject) : [];
}

/** JSON with sorted keys, so {a,b} and {b,a} compare equal. */
function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_key, item: unknown) =>
      item && typeof item === "object" && !Array.isArray(item)
        ? Object.fromEntries(Object.entries(item as Json).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : item,
    ) ?? "undefined"
  );
}
