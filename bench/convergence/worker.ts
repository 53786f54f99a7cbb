/**
 * A convergence-bench worker: runs each `SeedTask` it is sent with
 * {@linkcode runSeed} and posts the result back, tagged with the task's id.
 *
 * @module
 */

import { runSeed } from "./seed_run.ts";
import { serveTasks } from "../harness/serve_tasks.ts";

serveTasks(runSeed);
