/**
 * A classics worker: runs each task it is sent with {@linkcode runClassicsTask}
 * and posts the result back, tagged with its id.
 *
 * @module
 */

import { runClassicsTask } from "./run.ts";
import { serveTasks } from "@backprop/bench/harness/serve_tasks";

serveTasks(runClassicsTask);
