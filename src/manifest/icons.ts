// The app icons, drawn from a few shapes so they can be regenerated (npm run icons) rather than
// kept as opaque binaries: a speech bubble with a health cross. Teams wants a full-bleed 192x192
// colour icon and a 32x32 outline icon that is white on transparent.
import type { RgbaImage } from './png';

type Shape = (x: number, y: number) => boolean;

const BRAND = { r: 0x0e, g: 0x6b, b: 0x70 };
const WHITE = { r: 0xff, g: 0xff, b: 0xff };

function roundedRect(x0: number, y0: number, x1: number, y1: number, radius: number): Shape {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + radius), x1 - radius);
    const cy = Math.min(Math.max(y, y0 + radius), y1 - radius);
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
  };
}

function triangle(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Shape {
  const side = (px: number, py: number, qx: number, qy: number, x: number, y: number) =>
    (qx - px) * (y - py) - (qy - py) * (x - px);
  return (x, y) => {
    const d1 = side(ax, ay, bx, by, x, y);
    const d2 = side(bx, by, cx, cy, x, y);
    const d3 = side(cx, cy, ax, ay, x, y);
    return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
  };
}

function cross(cx: number, cy: number, length: number, thickness: number): Shape {
  const h = length / 2;
  const t = thickness / 2;
  return (x, y) => (Math.abs(x - cx) <= h && Math.abs(y - cy) <= t) || (Math.abs(x - cx) <= t && Math.abs(y - cy) <= h);
}

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && !b(x, y);

/** Fraction of the pixel (px, py) covered by the shape, by 4x4 supersampling in unit coordinates. */
function coverage(shape: Shape, px: number, py: number, size: number): number {
  let hits = 0;
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      if (shape((px + (i + 0.5) / 4) / size, (py + (j + 0.5) / 4) / size)) hits++;
    }
  }
  return hits / 16;
}

const bubble = union(roundedRect(0.16, 0.18, 0.84, 0.7, 0.1), triangle(0.28, 0.66, 0.46, 0.66, 0.26, 0.84));
const healthCross = cross(0.5, 0.44, 0.3, 0.1);

export function drawColorIcon(size = 192): RgbaImage {
  const data = new Uint8Array(size * size * 4);
  const white = minus(bubble, healthCross);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(white, x, y, size);
      const i = (y * size + x) * 4;
      data[i] = Math.round(BRAND.r + (WHITE.r - BRAND.r) * a);
      data[i + 1] = Math.round(BRAND.g + (WHITE.g - BRAND.g) * a);
      data[i + 2] = Math.round(BRAND.b + (WHITE.b - BRAND.b) * a);
      data[i + 3] = 255;
    }
  }
  return { width: size, height: size, data };
}

export function drawOutlineIcon(size = 32): RgbaImage {
  const data = new Uint8Array(size * size * 4);
  const stroke = 2 / size;
  const ring = union(
    minus(
      roundedRect(0.06, 0.1, 0.94, 0.72, 0.14),
      roundedRect(0.06 + stroke, 0.1 + stroke, 0.94 - stroke, 0.72 - stroke, 0.14 - stroke),
    ),
    triangle(0.22, 0.7, 0.44, 0.7, 0.2, 0.92),
  );
  const shape = union(ring, cross(0.5, 0.41, 0.36, 0.12));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      data[i] = data[i + 1] = data[i + 2] = 255;
      data[i + 3] = Math.round(255 * coverage(shape, x, y, size));
    }
  }
  return { width: size, height: size, data };
}
