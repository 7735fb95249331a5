/**
 * Packaging can only run where Electron downloads (the release workflow), so its inputs are checked here:
 * electron-builder.yml against electron-builder's own JSON schema, the targets each OS ships, and the icons
 * rendered from resources/icon.svg being the committed ones.
 */
import { existsSync, readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/testing/vectors';
import { iconTargets, renderIcon } from './render-icons.mjs';

const config = load(readFileSync(`${PROJECT_ROOT}electron-builder.yml`, 'utf8')) as Record<string, Record<string, unknown>>;

describe('electron-builder.yml', () => {
  it('is valid for electron-builder (its own schema)', () => {
    const schema = JSON.parse(readFileSync(`${PROJECT_ROOT}node_modules/app-builder-lib/scheme.json`, 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    // electron-builder's schema uses ajv-keywords' `typeof` for function-valued options.
    ajv.addKeyword({ keyword: 'typeof', validate: (type: string, data: unknown) => typeof data === type });
    const valid = ajv.validate(schema, config);
    expect(ajv.errorsText(ajv.errors, { separator: '\n' }), 'schema errors').toBe('No errors');
    expect(valid).toBe(true);
  });

  it('builds what each OS installs: AppImage + deb, dmg for x64 and arm64, NSIS + portable zip', () => {
    expect(config.linux!.target).toEqual(['AppImage', 'deb']);
    expect(config.linux!.category).toBe('Development');
    expect(config.mac!.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(config.win!.target).toEqual(['nsis', 'zip']);
    for (const os of ['linux', 'mac', 'win']) expect(existsSync(`${PROJECT_ROOT}${config[os]!.icon as string}`), os).toBe(true);
  });
});

describe('icons', () => {
  it('the committed PNGs are exactly what resources/icon.svg renders to (npm run icons)', () => {
    for (const { size, path } of iconTargets() as { size: number; path: string }[]) {
      expect(existsSync(path), path).toBe(true);
      expect(readFileSync(path).equals(renderIcon(size)), `${path} is stale: run npm run icons`).toBe(true);
    }
  });
});
