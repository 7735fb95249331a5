/**
 * Renders resources/icon.svg (the one source of Signet's mark) to the PNG sizes the platforms need:
 * resources/icon.png (1024 px; electron-builder derives the macOS .icns and Windows .ico from it) and
 * resources/icons/NxN.png (Linux desktop entries, the window icon). `--check` renders in memory and fails if a
 * committed PNG differs, so the PNGs can never drift from the SVG.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const resources = fileURLToPath(new URL('../resources/', import.meta.url));
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

export function renderIcon(size, svg = readFileSync(`${resources}icon.svg`, 'utf8')) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
}

export function iconTargets() {
  return [
    ...ICON_SIZES.map((size) => ({ size, path: `${resources}icons/${size}x${size}.png` })),
    { size: 1024, path: `${resources}icon.png` },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  mkdirSync(`${resources}icons`, { recursive: true });
  const stale = [];
  for (const { size, path } of iconTargets()) {
    const png = renderIcon(size);
    if (check) {
      if (!existsSync(path) || !readFileSync(path).equals(png)) stale.push(path);
    } else writeFileSync(path, png);
  }
  if (stale.length > 0) {
    console.error(`icons: out of date with resources/icon.svg (run npm run icons):\n  ${stale.join('\n  ')}`);
    process.exit(1);
  }
  console.log(check ? 'icons: up to date' : `icons: wrote ${iconTargets().length} PNGs`);
}
