// The playground in a real browser: Debian's chromium, driven over the DevTools
// protocol (`_cdp.ts`). Skipped, saying so, only when /usr/bin/chromium is missing
// (`.ci/run` installs it). Set PLAYGROUND_SCREENSHOTS=DIR to keep the screenshots.
import assert from "node:assert/strict";
import {
  loadNamedDataset,
  type ModelWeights,
  parseCsv,
  resolveConfig,
  type ResolvedConfig,
  type TrainConfig,
  validateModel,
} from "@backprop/core";
import { trainManual } from "@backprop/manual";
import { BrowserPage, CHROMIUM, hasChromium } from "./_cdp.ts";
import { buildSite } from "./build.ts";
import { decodeHash, encodeHash } from "./config_hash.ts";
import { serveSite } from "./serve.ts";

// The hand-written engine runs the same float64 arithmetic in Chromium's V8 as in
// Deno's, so the losses must agree to the last bits; 1e-12 leaves room only for
// printing, not for a different computation.
const SAME = 1e-12;

interface Status {
  state: string;
  epoch: number;
  manualLoss: number;
  tfjsEpoch: number;
  tfjsLoss: number;
  text: string;
}

async function status(page: BrowserPage): Promise<Status> {
  const s = await page.evaluate<Record<string, string>>(
    `({ ...document.getElementById("status").dataset,
        text: document.getElementById("status").textContent })`,
  );
  return {
    state: s.state,
    epoch: Number(s.epoch),
    manualLoss: s.manualLoss === "" ? NaN : Number(s.manualLoss),
    tfjsEpoch: Number(s.tfjsEpoch),
    tfjsLoss: s.tfjsLoss === "" ? NaN : Number(s.tfjsLoss),
    text: s.text,
  };
}

function expected(config: ResolvedConfig): Float64Array {
  const data = loadNamedDataset(config.dataset, {
    samples: config.samples,
    noise: config.noise,
    seed: config.seed,
  });
  return trainManual(config, data).lossHistory;
}

function near(actual: number, wanted: number, what: string): void {
  assert.ok(Math.abs(actual - wanted) <= SAME, `${what}: page ${actual}, Deno ${wanted}`);
}

const waitDone = (page: BrowserPage, epochs: number) =>
  page.waitFor(
    `(() => { const d = document.getElementById("status").dataset;
      return d.state === "done" && d.epoch === "${epochs}" && Number(d.tfjsEpoch) >= ${epochs};
    })()`,
    40_000,
  );

Deno.test({
  name: hasChromium()
    ? "playground in Chromium: run, hash, step, reset, CSV, errors, screenshots"
    : `playground in Chromium — SKIPPED: ${CHROMIUM} is missing (apt-get install -y chromium)`,
  ignore: !hasChromium(),
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const site = await Deno.makeTempDir({ prefix: "playground-site-" });
    const shots = Deno.env.get("PLAYGROUND_SCREENSHOTS") ?? site;
    await buildSite(site);
    const server = serveSite(site, 0);
    const origin = `http://127.0.0.1:${server.addr.port}/`;
    const page = await BrowserPage.launch();
    try {
      await t.step("Run trains both engines; the manual losses are trainManual's", async () => {
        const fields: TrainConfig = { epochs: 300, targetLoss: 0 };
        const config = resolveConfig(fields);
        await page.goto(origin + encodeHash(config, "cpu", false));
        await page.waitFor(`document.getElementById("status").dataset.state === "idle"`);
        await page.click("run");
        await waitDone(page, 300);
        const s = await status(page);
        assert.equal(s.epoch, 300);
        near(s.manualLoss, expected(config)[299], "xor epoch 300");
        assert.equal(s.tfjsEpoch, 300);
        assert.match(
          s.text,
          /^epoch 300 · manual loss [\d.e-]+ · tfjs loss [\d.e-]+ \(epoch 300\)/,
        );
        const verdict = await page.evaluate<string>(`document.getElementById("verdict").className`);
        assert.match(verdict, /\bagree\b/, "the verdict says the engines agree");
        // Exports: the model file (the CLI's format) and the two SVG pictures.
        await page.evaluate(`(() => {
          globalThis.downloads = {};
          HTMLAnchorElement.prototype.click = function () {
            const name = this.download;
            fetch(this.href).then((r) => r.text()).then((text) => globalThis.downloads[name] = text);
          };
        })()`);
        for (const id of ["export-model", "export-loss", "export-surface"]) await page.click(id);
        const files = await page.waitFor<Record<string, string>>(
          `Object.keys(globalThis.downloads).length === 3 && globalThis.downloads`,
        );
        const file = validateModel(JSON.parse(files["model.json"])) as ModelWeights & {
          config: ResolvedConfig;
          training: { epochsRun: number; impl: string };
        };
        const data = loadNamedDataset(config.dataset);
        assert.deepEqual(file.layers, trainManual(config, data).model.layers);
        assert.deepEqual(JSON.parse(files["model.json"]).config, config);
        assert.equal(JSON.parse(files["model.json"]).training.epochsRun, 300);
        assert.deepEqual(JSON.parse(files["model.json"]).state, trainManual(config, data).state);
        assert.match(files["loss.svg"], /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        assert.match(files["surface.svg"], /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        await page.screenshot(`${shots}/playground-1280.png`, 1280, 720);
        await page.screenshot(`${shots}/playground-390.png`, 390, 844);
        await page.send("Emulation.clearDeviceMetricsOverride");
      });

      await t.step("the hash holds the whole config; run=1 starts a spiral", async () => {
        const hash = await page.evaluate<string>("location.hash");
        assert.deepEqual(
          resolveConfig(decodeHash(hash).config),
          resolveConfig({ epochs: 300, targetLoss: 0 }),
        );
        const spiral = resolveConfig({
          dataset: "spiral",
          samples: 500,
          hidden: [8, 8],
          epochs: 60,
          targetLoss: 0,
          seed: 3,
        });
        await page.goto(origin + encodeHash(spiral, "cpu", true));
        await waitDone(page, 60);
        const s = await status(page);
        near(s.manualLoss, expected(spiral)[59], "spiral epoch 60");
        const shown = await page.evaluate<string>("location.hash");
        assert.deepEqual(resolveConfig(decodeHash(shown).config), spiral);
        const units = await page.evaluate<number>(
          `document.querySelectorAll("#units canvas").length`,
        );
        assert.equal(units, 16, "one small surface per hidden unit");
        const lines = await page.evaluate<number>(
          `document.querySelectorAll("#diagram line").length`,
        );
        assert.equal(lines, 2 * 8 + 8 * 8 + 8, "one line per weight");
      });

      await t.step("Step is one batch; Reset starts again from the same weights", async () => {
        const config = resolveConfig({ epochs: 100, targetLoss: 0, seed: 5 });
        const losses = expected(config);
        await page.goto(origin + encodeHash(config, "cpu", false));
        await page.waitFor(`document.getElementById("status").dataset.state === "idle"`);
        for (let i = 1; i <= 3; i++) {
          await page.click("step");
          await page.waitFor(`document.getElementById("status").dataset.epoch === "${i}"`);
        }
        near((await status(page)).manualLoss, losses[2], "after three steps");
        await page.waitFor(`document.getElementById("status").dataset.tfjsEpoch === "3"`);
        await page.click("reset");
        await page.waitFor(`document.getElementById("status").dataset.epoch === "0"`);
        await page.click("step");
        await page.waitFor(`document.getElementById("status").dataset.epoch === "1"`);
        near((await status(page)).manualLoss, losses[0], "the first step after Reset");
        // With two batches an epoch, Step is half an epoch; TF.js follows whole epochs.
        const halves = resolveConfig({ epochs: 100, targetLoss: 0, batchSize: 2, seed: 5 });
        await page.goto(origin + encodeHash(halves, "cpu", false));
        await page.waitFor(`document.getElementById("status").dataset.epoch === "0"`);
        await page.click("step");
        await page.waitFor(
          `document.getElementById("status").textContent.startsWith("epoch 0 (batch 1 of 2)")`,
        );
        await page.click("step");
        await page.waitFor(`document.getElementById("status").dataset.tfjsEpoch === "1"`);
        near((await status(page)).manualLoss, expected(halves)[0], "two half steps");
        // Hover a weight: its value, gradient and last update are shown.
        await page.evaluate(
          `document.querySelector("#diagram line").dispatchEvent(new Event("focus"))`,
        );
        const info = await page.evaluate<string>(
          `document.getElementById("weight-info").textContent`,
        );
        assert.match(
          info,
          /^W1\[1,1\] = -?[\d.e-]+ · ∂L\/∂w = -?[\d.e-]+ .* last update \(one batch\) -?[\d.e-]+$/,
        );
        // From the keyboard: the arrow keys move from weight to weight.
        await page.evaluate(`document.querySelector("#diagram line").focus()`);
        for (const type of ["keyDown", "keyUp"]) {
          await page.send("Input.dispatchKeyEvent", {
            type,
            key: "ArrowRight",
            code: "ArrowRight",
            windowsVirtualKeyCode: 39,
          });
        }
        assert.match(
          await page.evaluate<string>(`document.getElementById("weight-info").textContent`),
          /^W1\[1,2\] = /,
        );
        // Step through backprop: formulas with numbers, one quantity at a time.
        await page.click("explain-start");
        const first = await page.evaluate<string>(
          `document.getElementById("explain-body").textContent`,
        );
        assert.match(first, /forward pass/);
        await page.click("explain-next");
        assert.match(
          await page.evaluate<string>(`document.getElementById("explain-pos").textContent`),
          /^2 \/ \d+$/,
        );
      });

      await t.step("TF.js on the wasm backend, its .wasm files served from the site", async () => {
        const config = resolveConfig({ epochs: 20, targetLoss: 0 });
        await page.goto(origin + encodeHash(config, "wasm", true));
        await waitDone(page, 20);
        const speed = await page.evaluate<string>(`document.getElementById("speed").textContent`);
        assert.match(speed, /tfjs \(wasm\)/);
        const verdict = await page.evaluate<string>(`document.getElementById("verdict").className`);
        assert.match(verdict, /\bagree\b/);
      });

      await t.step("a CSV file chosen from disk trains like trainManual on it", async () => {
        const dir = await Deno.makeTempDir();
        const text = "a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,1\n0.5,0.5,1\n0.2,0.1,0\n";
        await Deno.writeTextFile(`${dir}/or-ish.csv`, text);
        const fields: TrainConfig = { epochs: 50, targetLoss: 0 };
        await page.goto(origin + encodeHash(resolveConfig(fields), "cpu", false));
        await page.evaluate(`(() => { const s = document.getElementById("dataset");
          s.value = "file"; s.dispatchEvent(new Event("change", { bubbles: true })); })()`);
        await page.setInputFiles("#file", [`${dir}/or-ish.csv`]);
        await page.waitFor(`document.getElementById("status").dataset.state === "idle" &&
          location.hash.includes("dataset=or-ish.csv")`);
        await page.click("run");
        await waitDone(page, 50);
        const config = resolveConfig({ ...fields, dataset: "or-ish.csv" });
        const wanted = trainManual(config, parseCsv(text, "or-ish.csv")).lossHistory[49];
        near((await status(page)).manualLoss, wanted, "CSV epoch 50");
        await Deno.remove(dir, { recursive: true });
      });

      await t.step("a bad setting shows resolveConfig's message", async () => {
        await page.evaluate(`(() => { const i = document.getElementById("learningRate");
          i.value = "-1"; i.dispatchEvent(new Event("change", { bubbles: true })); })()`);
        const error = await page.evaluate<string>(`document.getElementById("error").textContent`);
        assert.match(error, /^learningRate: -1 is not allowed/);
        assert.equal(await page.evaluate(`document.getElementById("run").disabled`), true);
        await page.evaluate(`(() => { const i = document.getElementById("epochs");
          i.value = "2000000"; i.dispatchEvent(new Event("change", { bubbles: true })); })()`);
        assert.match(
          await page.evaluate<string>(`document.getElementById("error").textContent`),
          /^learningRate: -1 is not allowed/,
          "the first bad field is named first",
        );
        await page.evaluate(`(() => { const i = document.getElementById("learningRate");
          i.value = "0.05"; i.dispatchEvent(new Event("change", { bubbles: true })); })()`);
        assert.match(
          await page.evaluate<string>(`document.getElementById("error").textContent`),
          /^epochs: 2000000 is not allowed in the page; expected at most 1000000/,
        );
      });

      await t.step("a bad link says what is wrong and falls back to the defaults", async () => {
        await page.goto(origin + "#dataset=spiral&lr=0.1");
        await page.waitFor(`!document.getElementById("error").hidden`);
        const error = await page.evaluate<string>(`document.getElementById("error").textContent`);
        assert.equal(
          error,
          'link: lr: "0.1" is not allowed; expected a config field, backend or run',
        );
        const hash = await page.evaluate<string>("location.hash");
        assert.deepEqual(resolveConfig(decodeHash(hash).config), resolveConfig());
      });

      await t.step("speed, measured (printed, not asserted)", async () => {
        const measure = async (fields: TrainConfig, ms: number) => {
          await page.goto(origin + encodeHash(resolveConfig(fields), "cpu", true));
          await new Promise((r) => setTimeout(r, ms));
          const speed = await page.evaluate<Record<string, string>>(
            `({ ...document.getElementById("speed").dataset })`,
          );
          await page.click("pause");
          return speed;
        };
        const xor = await measure({ epochs: 1_000_000, targetLoss: 0 }, 2500);
        const spiral = await measure({
          dataset: "spiral",
          samples: 500,
          hidden: [8, 8],
          epochs: 1_000_000,
          targetLoss: 0,
        }, 2500);
        console.log(
          `  speed in Chromium: XOR 2-8-1 manual ${xor.manualEps} epochs/s (page ${xor.fps} fps, ` +
            `${xor.drawMs} ms per draw, tfjs ${xor.tfjsEps} epochs/s); spiral 2-8-8-1 × 500 manual ` +
            `${spiral.manualEps} epochs/s (page ${spiral.fps} fps, ${spiral.drawMs} ms per draw, ` +
            `tfjs ${spiral.tfjsEps} epochs/s)`,
        );
      });

      await t.step("no console errors or uncaught exceptions; no request leaves the site", () => {
        assert.deepEqual(page.errors, []);
        assert.ok(page.requests.some((url) => url.endsWith("/tfjs_worker.js")));
        assert.ok(page.requests.some((url) => url.endsWith(".wasm")), "the wasm backend's file");
        const outside = page.requests.filter((url) =>
          !url.startsWith(origin) && !/^(data|blob):/.test(url) && url !== "about:blank"
        );
        assert.deepEqual(outside, []);
      });
    } finally {
      await page.close();
      await server.shutdown();
      await Deno.remove(site, { recursive: true });
    }
  },
});
