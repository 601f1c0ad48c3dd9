/** `transfer/*`: uploads through the SDK's RayvisionUpload (jobs) and the shared transfer settings. */
import type { TransferSettings } from '../../../protocol/src/transfer';
import type { PartialHandlers } from './dispatcher';
import { unsupported } from './rpc-errors';

const later = () => {
  throw unsupported('RayvisionUpload');
};

export const transferHandlers: PartialHandlers<
  'transfer/upload' | 'transfer/uploadConfig' | 'transfer/uploadAsset' | 'transfer/getSettings' | 'transfer/setSettings'
> = {
  'transfer/upload': later,
  'transfer/uploadConfig': later,
  'transfer/uploadAsset': later,
  'transfer/getSettings': (_p, { sidecar }) => ({ ...sidecar.settings }),
  'transfer/setSettings': (p, { sidecar }) => {
    const next: Record<string, unknown> = { ...sidecar.settings };
    for (const [k, v] of Object.entries(p)) {
      if (v === null) delete next[k];
      else if (v !== undefined) next[k] = v;
    }
    sidecar.settings = next as TransferSettings;
    return { ...sidecar.settings };
  },
};
