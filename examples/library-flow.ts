/**
 * The SDK as a plain library, the flow the README shows: log in, analyse a Houdini scene, check,
 * upload, submit, and download the frames as they render. Runs against any farm; the test
 * (test/examples/library-flow.test.ts) runs it against a local one.
 *
 *   npx tsx examples/library-flow.ts <scene.hip> <domain> <accessId> <accessKey> <localPath> [http|https]
 */
import {
  AnalyzeHoudini,
  RayvisionAPI,
  RayvisionCheck,
  RayvisionDownload,
  RayvisionUpload,
  type DownloadReport,
} from '../sidecar/src/index';

export interface LibraryFlowOptions {
  scene: string;
  domain: string;
  accessId: string;
  accessKey: string;
  localPath: string;
  protocol?: 'http' | 'https';
  platform?: string;
  workspace?: string;
  onFile?: (localPath: string) => void;
}

/** Runs the whole job and returns the task id and the download report. */
export async function runLibraryFlow(o: LibraryFlowOptions): Promise<{ taskId: number; download: DownloadReport }> {
  const api = await RayvisionAPI.connect({
    domain: o.domain, platform: o.platform ?? '2', accessId: o.accessId, accessKey: o.accessKey, protocol: o.protocol ?? 'https',
  });
  try {
    const analysis = await new AnalyzeHoudini({ cgFile: o.scene, workspace: o.workspace }).analyse({ mode: 'static' });
    const hardwareConfig = { model: 'Default', ram: '64GB', gpuNum: null };
    const taskId = await new RayvisionCheck(api).execute({
      hardwareConfig, taskJson: analysis.taskJsonPath, uploadJson: analysis.uploadJsonPath, assetJson: analysis.assetJsonPath,
    });
    await new RayvisionUpload({ api }).upload(
      taskId, analysis.taskJsonPath, analysis.tipsJsonPath, analysis.assetJsonPath, analysis.uploadJsonPath,
    );
    await api.submit(taskId);
    const download = await new RayvisionDownload(api).autoDownload({
      taskIds: [taskId], localPath: o.localPath, pollMs: 200, onFile: (f) => o.onFile?.(f.localPath),
    });
    return { taskId, download };
  } finally {
    api.close();
  }
}

const [scene, domain, accessId, accessKey, localPath, protocol] = process.argv.slice(2);
if (import.meta.url === `file://${process.argv[1]}` && scene && domain && accessId && accessKey && localPath) {
  const { taskId, download } = await runLibraryFlow({
    scene, domain, accessId, accessKey, localPath, protocol: protocol === 'http' ? 'http' : 'https', onFile: (p) => console.log(p),
  });
  console.log(`task ${taskId}: ${download.files.length} files in ${localPath}`);
}
