/// <reference lib="webworker" />
/** The series worker entry: serves a SeriesHost through the worker kit. */
import type { ServeScope } from './kit/endpoint';
import { serve } from './kit/serve';
import { SeriesHost, type SeriesMethods } from './series-host';

serve<SeriesMethods>(self as unknown as ServeScope, new SeriesHost());
