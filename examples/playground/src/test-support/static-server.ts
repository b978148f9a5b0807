/**
 * A minimal static file server on 127.0.0.1 and a random port, serving a folder under a sub-path
 * (so the test proves the built page works from any folder of a static host, not only from "/").
 */
import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".bin": "application/octet-stream",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

export interface StaticServer {
  /** The page's URL, ending in "/". */
  readonly url: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string, subPath = "/some/folder/"): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    if (!path.startsWith(subPath)) {
      response.writeHead(404).end("not found");
      return;
    }
    const relative = normalize(path.slice(subPath.length) || "index.html");
    if (relative.startsWith("..")) {
      response.writeHead(403).end("forbidden");
      return;
    }
    readFile(join(root, relative)).then(
      (body) => response.writeHead(200, { "content-type": TYPES[extname(relative)] ?? "application/octet-stream" }).end(body),
      () => response.writeHead(404).end("not found"),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the static server has no TCP address");
  return {
    url: `http://127.0.0.1:${address.port}${subPath}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
