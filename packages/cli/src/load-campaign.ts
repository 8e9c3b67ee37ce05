import { readCampaignFile } from './read-campaign-file.js';

/**
 * Reads a campaign file for a command. The editor hint `"$schema"` is dropped: it belongs to the file,
 * not to the campaign. Everything else goes to core's validation untouched.
 */
export async function loadCampaign(path: string, cwd: string): Promise<unknown> {
  const value = await readCampaignFile(path, cwd);
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && '$schema' in value) {
    const { $schema: _editorHint, ...campaign } = value as Record<string, unknown>;
    return campaign;
  }
  return value;
}
