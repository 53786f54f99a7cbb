/**
 * Just enough of the Chrome DevTools protocol to drive Debian's `chromium` from
 * the browser tests: launch it headless on a loopback debugging port, open one
 * page, evaluate expressions, upload files, take screenshots, and collect
 * console errors and uncaught exceptions.
 *
 * @module
 */

/** Where the tests look for Chromium (Debian's `chromium` package). */
export const CHROMIUM = "/usr/bin/chromium";

/** Whether Chromium is installed. */
export function hasChromium(): boolean {
  try {
    return Deno.statSync(CHROMIUM).isFile;
  } catch {
    return false;
  }
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string };

/** A headless Chromium with one page, driven over the DevTools protocol. */
export class BrowserPage {
  /** Console errors and uncaught exceptions seen so far (page and workers). */
  readonly errors: string[] = [];
  /** The URL of every request the page and its workers made. */
  readonly requests: string[] = [];
  readonly #process: Deno.ChildProcess;
  readonly #profile: string;
  readonly #socket: WebSocket;
  readonly #pending = new Map<number, Pending>();
  #next = 1;

  private constructor(process: Deno.ChildProcess, profile: string, socket: WebSocket) {
    this.#process = process;
    this.#profile = profile;
    this.#socket = socket;
    socket.onmessage = (event) => this.#receive(JSON.parse(event.data));
  }

  /** Starts Chromium with an empty profile and connects to its first page. */
  static async launch(): Promise<BrowserPage> {
    const profile = await Deno.makeTempDir({ prefix: "playground-chromium-" });
    const process = new Deno.Command(CHROMIUM, {
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0",
        `--user-data-dir=${profile}`,
        "about:blank",
      ],
      stdout: "null",
      stderr: "piped",
    }).spawn();
    const endpoint = await devToolsEndpoint(process.stderr);
    const port = new URL(endpoint).port;
    let target: { type: string; webSocketDebuggerUrl: string } | undefined;
    for (let i = 0; i < 50 && target === undefined; i++) {
      const list = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
      target = list.find((t: { type: string }) => t.type === "page");
      if (target === undefined) await new Promise((r) => setTimeout(r, 100));
    }
    if (target === undefined) throw new Error("chromium opened no page");
    const socket = new WebSocket(target.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = () => reject(new Error("cannot connect to chromium's DevTools"));
    });
    const page = new BrowserPage(process, profile, socket);
    await page.send("Runtime.enable");
    await page.send("Page.enable");
    await page.send("Log.enable");
    await page.send("Network.enable");
    // Workers: attach to them too, so their console errors and exceptions are seen.
    await page.send("Target.setAutoAttach", {
      autoAttach: true,
      waitForDebuggerOnStart: false,
      flatten: true,
    });
    return page;
  }

  #receive(message: {
    id?: number;
    result?: unknown;
    error?: { message: string };
    method?: string;
    params?: Record<string, unknown>;
    sessionId?: string;
  }): void {
    if (message.id !== undefined) {
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.error) pending?.reject(new Error(`${pending.method}: ${message.error.message}`));
      else pending?.resolve(message.result);
      return;
    }
    const p = message.params ?? {};
    if (message.method === "Target.attachedToTarget") {
      const sessionId = p.sessionId as string;
      this.send("Runtime.enable", {}, sessionId).catch(() => {});
      this.send("Network.enable", {}, sessionId).catch(() => {});
    } else if (message.method === "Network.requestWillBeSent") {
      this.requests.push((p.request as { url: string }).url);
    } else if (message.method === "Runtime.consoleAPICalled" && p.type === "error") {
      const args = p.args as { value?: unknown; description?: string }[];
      this.errors.push(`console.error: ${args.map((a) => a.value ?? a.description).join(" ")}`);
    } else if (message.method === "Runtime.exceptionThrown") {
      const details = p.exceptionDetails as { text: string; exception?: { description?: string } };
      this.errors.push(`exception: ${details.exception?.description ?? details.text}`);
    } else if (message.method === "Log.entryAdded") {
      const entry = p.entry as { level: string; text: string; url?: string };
      if (entry.level === "error") this.errors.push(`log: ${entry.text} ${entry.url ?? ""}`);
    }
  }

  /** Sends one protocol command and returns its result. */
  send<T = Record<string, unknown>>(
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string,
  ): Promise<T> {
    const id = this.#next++;
    const promise = new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method });
    });
    this.#socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return promise;
  }

  /** Evaluates `expression` in the page (awaiting a promise) and returns its value. */
  async evaluate<T = unknown>(expression: string): Promise<T> {
    const r = await this.send<{ result: { value: T }; exceptionDetails?: { text: string } }>(
      "Runtime.evaluate",
      { expression, awaitPromise: true, returnByValue: true },
    );
    if (r.exceptionDetails) throw new Error(`${expression}: ${r.exceptionDetails.text}`);
    return r.result.value;
  }

  /** Loads `url` and waits for its load event. */
  async goto(url: string): Promise<void> {
    await this.send("Page.navigate", { url });
    await this.waitFor("document.readyState === 'complete'");
  }

  /** Polls `expression` until it is truthy; returns its value. */
  async waitFor<T = unknown>(expression: string, timeoutMs = 20_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    while (true) {
      const value = await this.evaluate<T>(expression).catch(() => undefined);
      if (value) return value;
      if (Date.now() > end) throw new Error(`timed out waiting for: ${expression}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Clicks the element with this id (as a user would, through its click handler). */
  async click(id: string): Promise<void> {
    await this.evaluate(`document.getElementById(${JSON.stringify(id)}).click()`);
  }

  /** Gives a file input these files, as choosing them in the dialog would. */
  async setInputFiles(selector: string, files: string[]): Promise<void> {
    const { root } = await this.send<{ root: { nodeId: number } }>("DOM.getDocument");
    const { nodeId } = await this.send<{ nodeId: number }>("DOM.querySelector", {
      nodeId: root.nodeId,
      selector,
    });
    await this.send("DOM.setFileInputFiles", { nodeId, files });
  }

  /** Sets the viewport, then writes a PNG of it to `path`. */
  async screenshot(path: string, width: number, height: number): Promise<void> {
    await this.send("Emulation.setDeviceMetricsOverride", {
      width,
      height,
      deviceScaleFactor: 1,
      mobile: width < 600,
    });
    await new Promise((r) => setTimeout(r, 300));
    const { data } = await this.send<{ data: string }>("Page.captureScreenshot", { format: "png" });
    await Deno.writeFile(path, Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
  }

  /** Closes Chromium and removes its profile. */
  async close(): Promise<void> {
    this.#socket.close();
    try {
      this.#process.kill("SIGTERM");
    } catch {
      // already gone
    }
    await this.#process.status;
    await Deno.remove(this.#profile, { recursive: true }).catch(() => {});
  }
}

async function devToolsEndpoint(stderr: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stderr.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const timeout = setTimeout(() => reader.cancel(), 20_000);
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`chromium did not start its DevTools server:\n${text}`);
      text += decoder.decode(value, { stream: true });
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(text);
      if (match) {
        // Keep draining stderr so that Chromium never blocks on a full pipe.
        (async () => {
          try {
            while (!(await reader.read()).done) { /* discard */ }
          } catch { /* closed */ }
        })();
        return match[1];
      }
    }
  } finally {
    clearTimeout(timeout);
  }
}
