import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Resolve one file of the `dejavu-fonts-ttf` npm package to an absolute path. */
function dejavu(file: string): string {
  return require.resolve(`dejavu-fonts-ttf/ttf/${file}`);
}

/** Absolute paths of the DejaVu Sans font files (regular, bold, oblique, bold oblique) shipped through npm. */
export const DEJAVU_SANS_FILES: readonly string[] = [
  dejavu('DejaVuSans.ttf'),
  dejavu('DejaVuSans-Bold.ttf'),
  dejavu('DejaVuSans-Oblique.ttf'),
  dejavu('DejaVuSans-BoldOblique.ttf'),
];
