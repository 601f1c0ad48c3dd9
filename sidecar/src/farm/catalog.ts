/**
 * The farm's software and hardware catalogue: DCC versions and plugins (querySoftwareList,
 * querySoftwareDetail), hardware configurations and platforms, seeded into the DB on first start.
 * Versions are real release numbers of Houdini, Maya and Clarisse, so a check run against the local
 * farm accepts what the sample scenes were saved with.
 */
import type { FarmDb } from './db';

interface SoftwareSeed {
  cgId: number; cgName: string; cgType: string; needProject: number; linux: number;
  versions: string[]; plugins: Record<string, string[]>;
}

const SOFTWARE: SoftwareSeed[] = [
  { cgId: 2000, cgName: 'Maya', cgType: 'ma;mb', needProject: 1, linux: 1,
    versions: ['2016', '2017', '2018', '2019', '2020', '2022', '2023', '2024'],
    plugins: { mtoa: ['2.0.1', '3.1.2.1', '4.2.1', '5.2.1'], vrayformaya: ['3.60.04', '5.00.21', '6.10.01'],
      redshift: ['2.6.41', '3.0.46', '3.5.16'], yeti: ['3.1.10', '4.2.11'], xgen: ['2018', '2023'] } },
  { cgId: 2001, cgName: '3ds Max', cgType: 'max', needProject: 0, linux: 0,
    versions: ['2018', '2019', '2020', '2022'], plugins: { vray: ['3.60.03', '5.00.04'], corona: ['6', '8'] } },
  { cgId: 2004, cgName: 'Houdini', cgType: 'hip;hipnc;hiplc', needProject: 0, linux: 1,
    versions: ['16.5.634', '17.0.352', '17.5.293', '17.5.460', '18.0.348', '18.5.532', '19.0.561', '19.5.605', '20.0.547', '20.5.278'],
    plugins: { redshift: ['3.0.46', '3.5.16'], htoa: ['5.4.0', '6.1.3.1'], vray: ['5.20.00'], octane: ['2020.1.5'] } },
  { cgId: 2005, cgName: 'CINEMA 4D', cgType: 'c4d', needProject: 0, linux: 0,
    versions: ['R21', 'R23', '2023', '2024'], plugins: { redshift: ['3.5.16'], octane: ['2021.1.5'] } },
  { cgId: 2007, cgName: 'Blender', cgType: 'blend', needProject: 0, linux: 1,
    versions: ['2.93', '3.3', '3.6', '4.1'], plugins: {} },
  { cgId: 2013, cgName: 'Clarisse', cgType: 'project', needProject: 0, linux: 1,
    versions: ['clarisse_ifx_4.0_sp3', 'clarisse_ifx_4.0_sp7', 'clarisse_ifx_5.0_sp8', 'clarisse_builder_5.0_sp8'], plugins: {} },
];

/** Hardware configurations (spec/api.md §3.1 HardwareConfig), per platform. */
const HARDWARE = [
  { id: 496, type: 1, model: 'Default', ram: '64GB', gpuNum: null, platform: 2, status: 1 },
  { id: 497, type: 1, model: 'Default', ram: '128GB', gpuNum: null, platform: 2, status: 1 },
  { id: 498, type: 1, model: '28C', ram: '64GB', gpuNum: null, platform: 2, status: 1 },
  { id: 499, type: 1, model: '28C', ram: '128GB', gpuNum: null, platform: 2, status: 1 },
  { id: 500, type: 1, model: '44C', ram: '256GB', gpuNum: null, platform: 2, status: 0 },
  { id: 610, type: 1, model: 'Default', ram: '64GB', gpuNum: null, platform: 62, status: 1 },
  { id: 611, type: 1, model: '28C', ram: '128GB', gpuNum: null, platform: 62, status: 1 },
  { id: 720, type: 2, model: '1080Ti', ram: '64GB', gpuNum: '2*GPU', platform: 21, status: 1,
    notSupportCode: ['15020'], notSupportPluginList: ['(redshift 2\\.5)'] },
  { id: 721, type: 2, model: '2080Ti', ram: '64GB', gpuNum: '2*GPU', platform: 21, status: 1 },
  { id: 722, type: 2, model: '2080Ti', ram: '128GB', gpuNum: '1*GPU', platform: 21, status: 1, notSupportCgId: [2001] },
];

/** Platforms for queryPlatforms. */
export const PLATFORMS = [
  { platform: 2, name: 'query_platform_w2', type: 1, status: 1, taskPrefix: 'W', isShow: 1 },
  { platform: 3, name: 'query_platform_w3', type: 1, status: 2, taskPrefix: 'W', isShow: 1 },
  { platform: 6, name: 'query_platform_w6', type: 1, status: 1, taskPrefix: 'W', isShow: 1 },
  { platform: 21, name: 'query_platform_gpu', type: 0, status: 1, taskPrefix: 'G', isShow: 1 },
  { platform: 62, name: 'query_platform_w3', type: 1, status: 1, taskPrefix: 'W', isShow: 1 },
];

/** Fills the catalogue tables once (a restarted farm keeps them). */
export function seedCatalog(db: FarmDb): void {
  const count = (db.prepare('SELECT COUNT(*) AS n FROM software').get() as { n: number }).n;
  if (count > 0) return;
  const insSoft = db.prepare('INSERT INTO software VALUES (?, ?, ?, ?, ?, 1, ?)');
  const insVer = db.prepare('INSERT INTO software_versions (id, cg_id, cg_version, os) VALUES (?, ?, ?, ?)');
  const insPlug = db.prepare('INSERT INTO plugins VALUES (?, ?, ?, ?, ?)');
  const insHw = db.prepare('INSERT INTO hardware_configs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    let versionId = 1000;
    let pluginId = 2700;
    let cvId = 1;
    for (const s of SOFTWARE) {
      insSoft.run(s.cgId, s.cgName, s.cgType, `/img/soft/${s.cgName.toLowerCase().replace(/\s/g, '')}.png`, s.needProject, s.linux);
      for (const v of s.versions) {
        insVer.run(versionId++, s.cgId, v, 'windows');
        if (s.linux) insVer.run(versionId++, s.cgId, v, 'linux');
      }
      for (const [name, versions] of Object.entries(s.plugins)) {
        for (const v of versions) insPlug.run(pluginId++, cvId, s.cgId, name, v);
        cvId += 1;
      }
    }
    for (const h of HARDWARE) {
      insHw.run(h.id, h.type, h.model, h.ram, h.gpuNum, h.platform, h.status,
        JSON.stringify(h.notSupportCgId ?? []), JSON.stringify(h.notSupportCode ?? []), JSON.stringify(h.notSupportPluginList ?? []));
    }
  })();
}

/** Tip-code details for queryAnalyseErrorDetail (spec/api.md §8.2); type 1 blocks submission. */
export const TIP_CODES: Record<string, { type: 0 | 1; zh: string; en: string }> = {
  '15019': { type: 1, zh: 'CG软件未安装', en: 'The CG software is not installed' },
  '15024': { type: 1, zh: '场景文件不存在', en: 'The scene file does not exist' },
  '15002': { type: 1, zh: '获取场景信息失败', en: 'Failed to get scene information' },
  '15013': { type: 1, zh: '场景与软件版本不匹配', en: 'The scene and software versions do not match' },
  '15004': { type: 1, zh: '不支持的渲染器', en: 'Unsupported renderer' },
  '15006': { type: 1, zh: '没有摄像机', en: 'No camera' },
  '15031': { type: 1, zh: '获取任务失败', en: 'Failed to get the task' },
  '15020': { type: 0, zh: 'V-Ray版本不匹配', en: 'V-Ray version mismatch' },
  '10012': { type: 0, zh: '贴图丢失', en: 'Missing texture' },
  '10018': { type: 0, zh: 'Alembic丢失', en: 'Missing Alembic cache' },
  '10028': { type: 0, zh: 'VDB丢失', en: 'Missing VDB file' },
  '50001': { type: 0, zh: 'Houdini 文件丢失', en: 'Houdini node references a missing file' },
  '25009': { type: 0, zh: '引用文件丢失', en: 'Reference file not found' },
  '25010': { type: 0, zh: '文件不在保存的路径，已按查找规则找到', en: 'A file was not at its saved path and was found by a fallback rule or path map' },
  '10035': { type: 1, zh: '没有激活的摄像机', en: 'No active camera' },
  // The SDK's scene-damage tips (protocol/src/tips.ts): warnings here; the client's check decides.
  '15101': { type: 0, zh: '场景文件被截断 (.hip)', en: 'The .hip scene file is truncated' },
  '15102': { type: 0, zh: '场景文件头损坏 (.hip)', en: 'A cpio header of the .hip file is damaged' },
  '15103': { type: 0, zh: '场景条目无法读取 (.hip)', en: 'An entry of the .hip file could not be read' },
  '15104': { type: 0, zh: '场景文件被截断 (.mb)', en: 'The .mb scene file is truncated' },
  '15105': { type: 0, zh: '场景数据块无法读取 (.mb)', en: 'A chunk of the .mb file could not be read' },
  '15106': { type: 0, zh: '场景文件被截断 (.ma)', en: 'The .ma scene file is truncated' },
  '15107': { type: 0, zh: '工程文件被截断 (.project)', en: 'The .project file is truncated' },
  '15108': { type: 0, zh: '场景文件有已跳过的损坏', en: 'The scene file has damage the reader stepped over' },
};
