/**
 * A tiny PNG encoder (node:zlib) for the farm's rendered frames: a gradient whose colours and a
 * barcode row derive from the task, the layer and the frame number, so every frame's image differs.
 */
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** Encodes an RGB image; `pixel(x, y)` returns [r, g, b] in 0–255. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number], text?: Record<string, string>): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x += 1) {
      const [r, g, b] = pixel(x, y);
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  const texts = Object.entries(text ?? {}).map(([k, v]) => chunk('tEXt', Buffer.from(`${k}\0${v}`, 'latin1')));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), ...texts, chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The image of one rendered frame: distinct per (task, layer, frame). */
export function frameImage(taskId: number, layer: string, frame: number, width = 64, height = 36): Buffer {
  let seed = taskId;
  for (const c of layer) seed = (seed * 31 + c.charCodeAt(0)) >>> 0;
  const hue = [(seed >> 16) & 0xff, (seed >> 8) & 0xff, seed & 0xff] as const;
  return encodePng(width, height, (x, y) => {
    // Top row: the frame number as a 32-bit barcode, one bit per 2 pixels.
    if (y < 2) return ((frame >>> Math.floor(x / 2)) & 1) === 1 ? [255, 255, 255] : [0, 0, 0];
    const t = (x + frame * 3) % width / width;
    return [Math.round(hue[0] * t) & 0xff, Math.round(hue[1] * (1 - t)) & 0xff, (hue[2] + y * 4 + frame) & 0xff];
  }, { Software: 'rayvision local farm', Title: `task ${taskId} ${layer} frame ${frame}` });
}
