// Regenerates manifest/color.png and manifest/outline.png (npm run icons). The PNGs are committed;
// run this only when the drawing in src/manifest/icons.ts changes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawColorIcon, drawOutlineIcon } from '../manifest/icons';
import { encodePng } from '../manifest/png';

const dir = join(__dirname, '..', '..', 'manifest');
writeFileSync(join(dir, 'color.png'), encodePng(drawColorIcon()));
writeFileSync(join(dir, 'outline.png'), encodePng(drawOutlineIcon()));
console.log(`wrote ${join(dir, 'color.png')} and ${join(dir, 'outline.png')}`);
