/// <reference lib="webworker" />
/** The document worker entry: serves a DocumentHost through the worker kit, progress throttled. */
import { DocumentHost } from './document-host';
import type { ServeScope } from './kit/endpoint';
import { serve } from './kit/serve';
import type { WorkerMethods } from './protocol';
import { throttleProgress } from './throttle-progress';

serve<WorkerMethods>(self as unknown as ServeScope, new DocumentHost(), { progress: throttleProgress });
