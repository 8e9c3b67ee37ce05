import type { DirectoryQuery, DirectorySelector } from '../directory/device-directory.js';
import type { RuleCondition } from '../campaign/target-spec.js';

type Pin = { fact: string; operator: 'equal' | 'contains'; value: string };

/** The undecorated, path-less `equal`/`contains` leaves with a string value directly under a root `all`. */
function pinsOf(conditions: RuleCondition): Pin[] {
  const root = conditions as Record<string, unknown>;
  // json-rules-engine reads `any` before `all` at the root: only a pure `all` root pins anything.
  if (Object.hasOwn(root, 'any') || !Array.isArray(root.all)) return [];
  const pins: Pin[] = [];
  for (const child of root.all as unknown[]) {
    if (typeof child !== 'object' || child === null) continue;
    const leaf = child as Record<string, unknown>;
    if (['all', 'any', 'not', 'condition'].some((key) => Object.hasOwn(leaf, key)) || leaf.path) continue;
    if ((leaf.operator === 'equal' || leaf.operator === 'contains') && typeof leaf.value === 'string') {
      pins.push({ fact: String(leaf.fact), operator: leaf.operator, value: leaf.value });
    }
  }
  return pins;
}

/**
 * A directory query narrower than `Broadcast` that every matching device satisfies, when the rule's top-level
 * `all` pins one: `deviceType equal` (with `manufacturerId`/`model equal` when also pinned), a group
 * (`groupIds`/`groupNames contains`), or `location equal`. Only selectors the directory answers are used.
 * The directory's own fields decide membership: a device whose `deviceType` is only in `facts` is not found.
 */
export function rulesPushdownQuery(
  conditions: RuleCondition,
  selectors: ReadonlySet<DirectorySelector>,
): DirectoryQuery | undefined {
  const pins = pinsOf(conditions);
  const find = (fact: string, operator: Pin['operator']) =>
    pins.find((pin) => pin.fact === fact && pin.operator === operator)?.value;
  const deviceType = find('deviceType', 'equal');
  if (deviceType !== undefined && selectors.has('DeviceType')) {
    const manufacturerId = find('manufacturerId', 'equal');
    const model = find('model', 'equal');
    return {
      type: 'DeviceType',
      deviceType,
      ...(manufacturerId === undefined ? {} : { manufacturerId }),
      ...(model === undefined ? {} : { model }),
    };
  }
  const groupId = find('groupIds', 'contains');
  if (groupId !== undefined && selectors.has('GroupIdList'))
    return { type: 'GroupIdList', groupIds: [groupId] };
  const groupName = find('groupNames', 'contains');
  if (groupName !== undefined && selectors.has('GroupList'))
    return { type: 'GroupList', groupNames: [groupName] };
  const location = find('location', 'equal');
  if (location !== undefined && selectors.has('DeviceArea')) return { type: 'DeviceArea', location };
  return undefined;
}
