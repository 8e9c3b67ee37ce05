/**
 * Which devices a campaign targets. A discriminated union on `type` that covers every selector of both
 * Huawei platforms; see docs/targets.md for which platform answers each natively.
 */
export type TargetSpec =
  | DeviceListTarget
  | DeviceTypeTarget
  | DeviceAreaTarget
  | GroupListTarget
  | GroupIdListTarget
  | BroadcastTarget
  | FilterTarget
  | RulesTarget;

/** The `type` tags of {@link TargetSpec}. */
export type TargetType = TargetSpec['type'];

/** Every target type, in documentation order. */
export const targetTypes = [
  'DeviceList',
  'DeviceType',
  'DeviceArea',
  'GroupList',
  'GroupIdList',
  'Broadcast',
  'Filter',
  'Rules',
] as const satisfies readonly TargetType[];

/** Fields every target may carry. */
export interface TargetBase {
  /** Device IDs never targeted, whatever the selector says. Any exclusion forces expansion to explicit lists. */
  exclude?: string[];
}

/** An explicit list of device IDs (duplicates are dropped, first occurrence kept). */
export interface DeviceListTarget extends TargetBase {
  type: 'DeviceList';
  deviceIds: string[];
}

/** Every device of a device type (profile), optionally narrowed by manufacturer and model. */
export interface DeviceTypeTarget extends TargetBase {
  type: 'DeviceType';
  deviceType: string;
  manufacturerId?: string;
  model?: string;
}

/** Every device at a location (legacy `deviceLocation`). */
export interface DeviceAreaTarget extends TargetBase {
  type: 'DeviceArea';
  location: string;
}

/** Every device in the named groups (legacy `GroupList` takes group names). */
export interface GroupListTarget extends TargetBase {
  type: 'GroupList';
  groupNames: string[];
}

/** Every device in the groups with these IDs (legacy `GroupIdList`). */
export interface GroupIdListTarget extends TargetBase {
  type: 'GroupIdList';
  groupIds: string[];
}

/** Every device of the application. */
export interface BroadcastTarget extends TargetBase {
  type: 'Broadcast';
}

/** v5 `targets_filter` with `group_ids`: the platform selects the members of these groups. */
export interface FilterTarget extends TargetBase {
  type: 'Filter';
  groupIds: string[];
}

/**
 * json-rules-engine condition JSON evaluated over device facts (the record's fields and its `facts`).
 * `conditions` is a top-level condition (`all`, `any`, `not` or a `condition` reference);
 * `namedConditions` supplies the definitions that `{condition: name}` references resolve to.
 */
export interface RulesTarget extends TargetBase {
  type: 'Rules';
  conditions: RuleCondition;
  namedConditions?: Record<string, RuleCondition>;
}

/** One node of a json-rules-engine condition tree, as plain JSON. */
export type RuleCondition =
  | { all: RuleCondition[]; priority?: number }
  | { any: RuleCondition[]; priority?: number }
  | { not: RuleCondition; priority?: number }
  | { condition: string; priority?: number }
  | RuleLeafCondition;

/** A `fact`/`operator`/`value` leaf; `value` may be a fact reference `{fact, path?, params?}`. */
export interface RuleLeafCondition {
  fact: string;
  operator: string;
  value: unknown;
  path?: string;
  params?: Record<string, unknown>;
  priority?: number;
}

/** A target without its exclusions: what a platform can be asked to select natively. */
export type NativeTarget = Exclude<TargetSpec, RulesTarget | DeviceListTarget>;
