/// <reference lib="webworker" />
/**
 * The weights worker entry: a WeightsHost over the page's File objects, served through the worker
 * kit. Files arrive as Blobs (a handle, not their bytes) and are read by range with FileReaderSync.
 */
import { blobSource } from './blob-source';
import type { ServeScope } from './kit/endpoint';
import { serve } from './kit/serve';
import { WeightsHost, type WeightsMethods } from './weights-host';

const host = new WeightsHost(blobSource);

serve<WeightsMethods>(self as unknown as ServeScope, {
  open: (p) => host.open(p),
  preview: (p) => host.preview(p),
  exportPlan: (p) => host.exportPlan(p),
  checkMetadata: (p) => host.checkMetadata(p),
  pickleReport: (p) => host.pickleReport(p),
});
