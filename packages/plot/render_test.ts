// A real-browser check: the SVGs are rendered by headless Chromium through
// tools/render_svg.sh, and the screenshots are decoded and inspected. Runs only
// where /usr/bin/chromium exists (apt-get install -y chromium); elsewhere the
// tests are listed as ignored with "(skipped: chromium not installed)".

import assert from "node:assert/strict";
import { datasetFromRows } from "@backprop/core";
import { boundarySvg } from "./boundary.ts";
import { lossCurveSvg } from "./loss_curve.ts";
import { linearModel } from "./_testing.ts";

const CHROMIUM = "/usr/bin/chromium";
const SCRIPT = new URL("../../tools/render_svg.sh", import.meta.url).pathname;
const WIDTH = 800, HEIGHT = 600;
/**
 * Size of Chromium's 800 × 600 screenshot of an SVG that is only a white
 * rectangle, measured on Debian 12's chromium: 2727 bytes. A blank screenshot
 * compresses to almost nothing (every row is the same filter byte and run), while
 * a plot's text, anti-aliased curves and colour gradients do not; our plots
 * measured 12.8 kB (a one-point chart) to 85 kB. Four times the blank size
 * (10.9 kB) is a floor that a real plot clears and a blank or near-blank page does not.
 */
const BLANK_PNG_BYTES = 2727;

const hasChromium = (() => {
  try {
    return Deno.statSync(CHROMIUM).isFile;
  } catch {
    return false;
  }
})();

function browserTest(name: string, fn: () => Promise<void>): void {
  if (hasChromium) Deno.test({ name, fn });
  else Deno.test({ name: `${name} (skipped: chromium not installed)`, ignore: true, fn });
}

interface Image {
  width: number;
  height: number;
  /** RGB, 3 bytes a pixel, row-major. */
  rgb: Uint8Array;
}

async function inflate(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Decodes an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes) to RGB. */
async function decodePng(png: Uint8Array): Promise<Image> {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  assert.deepEqual([...png.subarray(0, 8)], signature, "PNG signature");
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let width = 0, height = 0, channels = 0;
  const idat: Uint8Array[] = [];
  for (let at = 8; at < png.length;) {
    const length = view.getUint32(at);
    const type = new TextDecoder().decode(png.subarray(at + 4, at + 8));
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      const [depth, colour, , , interlace] = body.subarray(8, 13);
      assert.equal(depth, 8, "8-bit channels");
      assert.ok(colour === 2 || colour === 6, `colour type ${colour}`);
      assert.equal(interlace, 0, "not interlaced");
      channels = colour === 2 ? 3 : 4;
    } else if (type === "IDAT") idat.push(body);
    else if (type === "IEND") break;
    at += 12 + length;
  }
  const joined = new Uint8Array(idat.reduce((n, part) => n + part.length, 0));
  idat.reduce((at, part) => (joined.set(part, at), at + part.length), 0);
  const raw = await inflate(joined);
  const stride = width * channels;
  assert.equal(raw.length, height * (stride + 1), "decompressed size");
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? out[i - channels] : 0, b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      let p = 0;
      if (filter === 1) p = a;
      else if (filter === 2) p = b;
      else if (filter === 3) p = (a + b) >> 1;
      else if (filter === 4) {
        const e = a + b - c, pa = Math.abs(e - a), pb = Math.abs(e - b), pc = Math.abs(e - c);
        p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[i] = (line[i] + p) & 255;
    }
  }
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    rgb.set(pixels.subarray(i * channels, i * channels + 3), i * 3);
  }
  return { width, height, rgb };
}

/** Renders `svg` through the script; returns the PNG's bytes. */
async function render(svg: string): Promise<Uint8Array> {
  const dir = await Deno.makeTempDir({ prefix: "plot-render-" });
  try {
    const input = `${dir}/in.svg`, output = `${dir}/out.png`;
    await Deno.writeTextFile(input, svg);
    const { code, stderr } = await new Deno.Command("bash", {
      args: [SCRIPT, input, output, String(WIDTH), String(HEIGHT)],
      stdout: "null",
      stderr: "piped",
    }).output();
    assert.equal(code, 0, new TextDecoder().decode(stderr));
    const png = await Deno.readFile(output);
    assert.ok(png.length > 4 * BLANK_PNG_BYTES, `${png.length} bytes: more than a blank page`);
    return png;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Pixels matching `test`: how many, their mean x, smallest x and largest x. */
function count(img: Image, test: (r: number, g: number, b: number) => boolean) {
  let n = 0, sumX = 0, minX = Infinity, maxX = -Infinity;
  for (let i = 0; i < img.width * img.height; i++) {
    if (test(img.rgb[i * 3], img.rgb[i * 3 + 1], img.rgb[i * 3 + 2])) {
      const x = i % img.width;
      n++;
      sumX += x;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
    }
  }
  return { n, meanX: n > 0 ? sumX / n : NaN, minX, maxX };
}

const halves = datasetFromRows(
  "h",
  [[-1, 0], [-0.5, 1], [0.5, -1], [1, 0]],
  [[0], [0], [1], [1]],
);
const train = Float64Array.from({ length: 3000 }, (_, i) => 0.25 * Math.exp(-i / 500) + 1e-3);

// Both pictures render at once (one Chromium each) to keep the suite fast.
browserTest("render_svg.sh: Chromium draws the loss curve and the decision surface", async () => {
  const [lossPng, surfacePng] = await Promise.all([
    render(lossCurveSvg([{ label: "train", values: train }], { title: "Loss" })),
    render(boundarySvg(linearModel(10, 0), halves)),
  ]);

  const loss = await decodePng(lossPng);
  assert.equal(loss.width, WIDTH);
  assert.equal(loss.height, HEIGHT);
  // The default first colour, #0877bd, drawn as a curve across the plot.
  const curve = count(loss, (r, g, b) => r < 60 && g > 90 && g < 150 && b > 160);
  assert.ok(curve.n > 400, `${curve.n} curve pixels`);
  assert.ok(curve.maxX - curve.minX > 500, `curve spans x ${curve.minX}..${curve.maxX}`);
  const dark = count(loss, (r, g, b) => r + g + b < 400);
  assert.ok(dark.n > 400, `${dark.n} text and axis pixels`);

  const surface = await decodePng(surfacePng);
  assert.equal(surface.width, WIDTH);
  assert.equal(surface.height, HEIGHT);
  const orange = count(surface, (r, g, b) => r > 230 && g > 140 && g < 215 && b < 170);
  const blue = count(surface, (r, _g, b) => r < 150 && b > 170);
  assert.ok(orange.n > 20_000 && blue.n > 20_000, `orange ${orange.n}, blue ${blue.n}`);
  assert.ok(orange.meanX < blue.meanX, "orange on the left, blue on the right");
});
