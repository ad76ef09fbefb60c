/**
 * Reads a description into node groups ("three greenhouse sensors" is one group of three nodes) and
 * threshold rules. Clauses are split at commas and "and"; a clause without a node noun adds to the
 * node before it ("... measuring temperature and humidity"), a counted actuator ("and a fan") joins a
 * single node or becomes its own controller.
 */
import type { BoardNeeds } from "../board-choice";
import type { BoardMention } from "./board-names";
import { readClause, type ClauseInfo, type SensorPick } from "./clauses";
import { findInterval } from "./intervals";
import { findRules, type RuleDraft } from "./thresholds";
import { tokenize, type Token } from "./tokens";
import type { HeadRole } from "./vocabulary";

export interface GroupDraft {
  count: number;
  role?: HeadRole;
  headWord?: string;
  descriptor: string[];
  board?: BoardMention;
  sensors: SensorPick[];
  actuators: Array<{ type: string; count: number }>;
  needs: BoardNeeds;
  contextQuantities: string[];
  intervalMs?: number;
  intervalWords?: string;
  /** The description's words about this group, for its reason. */
  phrases: string[];
}

export interface RuleInText extends RuleDraft {
  /** Groups the sentence of the rule speaks about (the rule's reading is looked up there first). */
  groups: GroupDraft[];
}

export interface ReadDescription {
  groups: GroupDraft[];
  rules: RuleInText[];
}

const SPLIT_WORDS = new Set(["and", "plus", "also", "while"]);

/**
 * `existingFields`: readings the existing design already reports. A rule about one of them alone
 * ("if humidity > 85 % sound an alarm") is added for those nodes instead of making a new node.
 */
export function readDescription(text: string, existingFields: ReadonlySet<string> = new Set()): ReadDescription {
  const groups: GroupDraft[] = [];
  const rules: RuleInText[] = [];
  for (const { tokens, raw } of tokenize(text)) {
    const taken = new Set<number>();
    const sentenceRules = findRules(tokens);
    for (const rule of sentenceRules) for (const t of rule.taken) taken.add(t);
    const aboutExisting =
      sentenceRules.length > 0 &&
      sentenceRules.every((r) => r.quantity !== undefined && existingFields.has(r.quantity));
    // "if humidity > 85 % ...": the existing nodes' reading, not a new node's sensor.
    if (aboutExisting) for (const rule of sentenceRules) for (const t of rule.readingTokens) taken.add(t);
    const intervals = findIntervals(tokens, taken);
    const sentenceGroups: GroupDraft[] = [];
    let attachTo: GroupDraft | undefined;
    let withOpen = false;
    for (const [start, end] of clauseRanges(tokens, taken)) {
      const clause = readClause(tokens, start, end, taken);
      const targets = clauseTargets(clause, {
        all: groups,
        inSentence: sentenceGroups,
        previous: attachTo,
        afterWith: withOpen,
        raw,
      });
      if (targets.length === 0) continue;
      for (const group of targets) addClause(group, clause);
      for (const found of intervals) {
        if (found.start >= start && found.start < end) {
          for (const group of targets) {
            group.intervalMs = found.ms;
            group.intervalWords = found.words;
          }
          found.used = true;
        }
      }
      if (!clause.everyGroup) attachTo = targets[targets.length - 1];
      withOpen = clause.opensWith || (withOpen && !clause.head);
    }
    // An interval in a clause of its own ("Report every 10 seconds.") applies to this sentence's groups or all.
    for (const found of intervals.filter((i) => !i.used)) {
      const targets = sentenceGroups.length > 0 ? sentenceGroups : groups;
      for (const group of targets) {
        group.intervalMs ??= found.ms;
        group.intervalWords ??= found.words;
      }
    }
    for (const rule of sentenceRules) {
      rules.push({ ...rule, groups: sentenceGroups.length > 0 ? sentenceGroups : attachTo ? [attachTo] : [] });
    }
    if (sentenceGroups.length === 0 && sentenceRules.length > 0 && groups.length === 0 && !aboutExisting) {
      // "If temperature > 30 turn on the fan." alone: the rule needs a node to run on.
      const implicit = newGroup(1, raw);
      groups.push(implicit);
      rules.filter((r) => r.groups.length === 0).forEach((r) => r.groups.push(implicit));
    }
  }
  return { groups, rules };
}

interface ClauseContext {
  all: GroupDraft[];
  inSentence: GroupDraft[];
  /** The group the previous clause of this sentence spoke about. */
  previous?: GroupDraft;
  afterWith: boolean;
  raw: string;
}

/** The groups a clause speaks about; creates the group when the clause names a new node. */
function clauseTargets(clause: ClauseInfo, ctx: ClauseContext): GroupDraft[] {
  const { all, previous } = ctx;
  if (clause.everyGroup && all.length > 0) return [...all];
  if (clause.definite && clause.head) {
    const named = [...all].reverse().find((g) => g.headWord === clause.head!.word);
    if (named) return [named];
  }
  const counted = clause.count !== undefined;
  const countedThing = counted && (clause.actuators.length > 0 || clause.sensors.length > 0);
  if (clause.head || clause.boardIsNode) return [create(clause, ctx)];
  if (countedThing) {
    // "an Uno with a DHT22 and a buzzer": the buzzer is on the Uno. "three sensors and a fan": a fan controller.
    if (previous && (ctx.afterWith || previous.count === 1)) return [previous];
    return [create(clause, ctx)];
  }
  if (!hasContent(clause)) return [];
  if (previous) return [previous];
  if (all.length > 0) return [all[all.length - 1]!];
  return [create(clause, ctx)];
}

function create(clause: ClauseInfo, ctx: ClauseContext): GroupDraft {
  const group = newGroup(clause.count ?? 1, ctx.raw);
  const actuatorOnly = clause.actuators.length > 0 && clause.sensors.length === 0;
  const role = clause.head?.role ?? (actuatorOnly ? "actuator" : undefined);
  if (role) group.role = role;
  if (clause.head) group.headWord = clause.head.word;
  group.descriptor = clause.head ? clause.descriptor : actuatorOnly ? [clause.actuators[0]!.type] : [];
  ctx.all.push(group);
  ctx.inSentence.push(group);
  return group;
}

function newGroup(count: number, raw: string): GroupDraft {
  return { count, descriptor: [], sensors: [], actuators: [], needs: {}, contextQuantities: [], phrases: [raw] };
}

function hasContent(clause: ClauseInfo): boolean {
  return (
    clause.sensors.length > 0 ||
    clause.actuators.length > 0 ||
    clause.board !== undefined ||
    clause.contextQuantities.length > 0 ||
    Object.keys(clause.needs).length > 0
  );
}

function addClause(group: GroupDraft, clause: ClauseInfo) {
  for (const sensor of clause.sensors) {
    // "a DHT22 ... if humidity > 80": the DHT22 already measures humidity.
    const covered = new Set(group.sensors.flatMap((s) => s.quantities));
    if (sensor.quantities.some((q) => !covered.has(q))) group.sensors.push(sensor);
  }
  for (const actuator of clause.actuators) {
    if (!group.actuators.some((a) => a.type === actuator.type)) group.actuators.push(actuator);
  }
  if (clause.board && !group.board) group.board = clause.board;
  group.needs = { ...clause.needs, ...group.needs };
  group.contextQuantities.push(...clause.contextQuantities.filter((q) => !group.contextQuantities.includes(q)));
}

/** Clause ranges: split at commas and joining words, skipping tokens rules took. */
function clauseRanges(tokens: readonly Token[], taken: ReadonlySet<number>): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  tokens.forEach((t, i) => {
    if (t.kind === "comma" || (t.kind === "word" && SPLIT_WORDS.has(t.text) && !taken.has(i))) {
      if (i > start) ranges.push([start, i]);
      start = i + 1;
    }
  });
  if (start < tokens.length) ranges.push([start, tokens.length]);
  return ranges;
}

function findIntervals(tokens: readonly Token[], taken: Set<number>) {
  const found: Array<{ ms: number; start: number; words: string; used?: boolean }> = [];
  for (let from = 0; ;) {
    const match = findInterval(tokens, from);
    if (!match) return found;
    for (let k = match.start; k < match.end; k++) taken.add(k);
    found.push({ ms: match.ms, start: match.start, words: match.words });
    from = match.end;
  }
}
