import { readFileSync } from 'node:fs';

/**
 * The JSON Schema (draft 2020-12) of campaign files, as shipped in `schema/campaign.schema.json` and
 * printed by `fleetcast schema`. Point an editor at it with `"$schema"` in a campaign file.
 */
export const campaignSchema: Readonly<Record<string, unknown>> = JSON.parse(
  readFileSync(new URL('../schema/campaign.schema.json', import.meta.url), 'utf8'),
);
