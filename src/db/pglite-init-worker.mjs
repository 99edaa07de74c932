// Creates a new PGlite database directory in a worker thread. PGlite's first set-up grows its
// WebAssembly memory to about 900 MB, which a process never gives back; done in a worker that then
// ends, the server afterwards opens the ready directory at about half that.
import { workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

const db = new PGlite(workerData.dir);
await db.waitReady;
await db.close();
