/**
 * An upload kept for its commit is a copy of the user's bill in the temp folder: it is removed when the
 * commit is done, and when the engine closes with the preview never used.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testEngine } from '../helpers/engine';
import { fixture } from './helpers';

/** The temp copies of an upload named `name` (a unique name: other test files upload at the same time). */
function copiesOf(name: string): string[] {
  return readdirSync(tmpdir())
    .filter((d) => d.startsWith('tokenledger-upload-'))
    .map((d) => join(tmpdir(), d))
    .filter((d) => existsSync(join(d, `0-${name}`)));
}

const content = () => readFileSync(fixture('openrouter-activity.csv')).toString('base64');

describe('an uploaded file kept for a preview', () => {
  it('is removed when the engine closes without a commit', async () => {
    const name = `never-committed-${process.pid}-${Date.UTC(2025, 9, 20)}.csv`;
    const { client, engine } = testEngine();
    await client.call('imports.preview', { files: [{ name, contentBase64: content() }] });
    expect(copiesOf(name)).toHaveLength(1);
    engine.close();
    expect(copiesOf(name)).toEqual([]);
  });

  it('is removed as soon as its preview is committed', async () => {
    const name = `committed-${process.pid}.csv`;
    const { client } = testEngine();
    const preview = await client.call('imports.preview', { files: [{ name, contentBase64: content() }] });
    expect(copiesOf(name)).toHaveLength(1);
    const res = await client.call('imports.commit', { previewId: preview.previewId });
    expect(res.counts.new).toBe(16);
    expect(copiesOf(name)).toEqual([]);
  });
});
