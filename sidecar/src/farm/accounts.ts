/**
 * Farm accounts: the access id/key pair a client signs with, the user's storages (bids) and the
 * profile/setting objects of spec/api.md §3.1. One account is created when a farm starts fresh.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { FarmDb } from './db';

export interface Account {
  userId: number;
  accessId: string;
  accessKey: string;
  userName: string;
  inputBid: string;
  configBid: string;
  outputBid: string;
  parentInputBid: string;
  /** Basic-auth account of the HTTP storage engine (docs/storage-protocol.md). */
  storageName: string;
  storagePassword: string;
  profile: Record<string, unknown>;
  setting: Record<string, unknown>;
}

interface AccountRow {
  user_id: number; access_id: string; access_key: string; user_name: string; input_bid: string;
  config_bid: string; output_bid: string; parent_input_bid: string; storage_name: string;
  storage_password: string; profile: string; setting: string;
}

function fromRow(r: AccountRow): Account {
  return {
    userId: r.user_id, accessId: r.access_id, accessKey: r.access_key, userName: r.user_name,
    inputBid: r.input_bid, configBid: r.config_bid, outputBid: r.output_bid, parentInputBid: r.parent_input_bid,
    storageName: r.storage_name, storagePassword: r.storage_password,
    profile: JSON.parse(r.profile) as Record<string, unknown>, setting: JSON.parse(r.setting) as Record<string, unknown>,
  };
}

function profileFor(userId: number, userName: string, platform: number): Record<string, unknown> {
  return {
    userId, userName, platform, phone: '', email: `${userName}@localhost`, company: '', companySite: '',
    name: userName, job: '', communicationNumber: '', softType: 1, softStatus: 1, businessType: 1, status: 1,
    infoStatus: 0, accountType: 1, userType: 1, mainUserId: 0, level: 49, pictureLever: 0, zone: 1,
    rmbbalance: 1000.0, usdbalance: 0.0, rmbCumulative: 0.0, usdCumulative: 0.0, credit: 0, coupon: 0.0,
    description: 'local farm account', country: '', city: '', address: '', cpuPrice: 0.067, gpuPrice: 2.0,
    gpuSingleDiscount: 1.0, extraRamRate: 0.0, shareMainCapital: 0, subDeleteTask: 0, subDeleteCapital: 0,
    useMainBalance: 0, hideBalance: 0, hideJobCharge: 0, useLevelDirectory: 1, downloadDisable: 0,
    displaySubaccount: 1, subaccountLimits: 5, houdiniFlag: 1, c4dFlag: 1, blenderFlag: 1, keyshotFlag: 1,
    studentEndTime: null, commonCoupon: 0.0, qyCoupon: 0.0, commonCouponCount: 0, qyCouponCount: 0,
    exportFrameConsume: 0, availableCredit: 0.0, totalCredit: 0.0, inviterId: null, inviterName: null,
    enableNodeDetails: 1, taskNodeLimitPermission: 0,
  };
}

function defaultSetting(): Record<string, unknown> {
  return {
    infoStatus: 0, accountType: 1, shareMainCapital: 0, subDeleteTask: 0, useMainBalance: 0,
    singleNodeRenderFrames: '1', maxIgnoreMapFlag: '0', autoCommit: '2', separateAccountFlag: 0,
    mifileSwitchFlag: 0, assfileSwitchFlag: 0, manuallyStartAnalysisFlag: 0, downloadDisable: 0,
    taskOverTime: 12, taskOverTimeSec: 43200, ignoreMapFlag: 0, isVrayLicense: 0,
    justUploadConfigFlag: 0, justUploadCgFlag: 0, mandatoryAnalyseAllAgent: 0, downloadLimit: 0,
  };
}

/** Creates an account with random credentials and bids; returns it (the key only lives in the DB). */
export function createAccount(db: FarmDb, opts: { userName?: string; platform?: number } = {}): Account {
  const max = (db.prepare('SELECT MAX(user_id) AS m FROM accounts').get() as { m: number | null }).m;
  const userId = (max ?? 100093087) + 1;
  const userName = opts.userName ?? `local_user_${userId}`;
  const base = randomInt(10000, 90000);
  const account: Account = {
    userId, userName,
    accessId: `LF${randomBytes(15).toString('hex')}`,
    accessKey: randomBytes(24).toString('base64url'),
    inputBid: String(base + 1), configBid: String(base + 2), outputBid: String(base + 3),
    parentInputBid: String(base + 1),
    storageName: `storage_${userId}`, storagePassword: randomBytes(18).toString('base64url'),
    profile: profileFor(userId, userName, opts.platform ?? 2), setting: defaultSetting(),
  };
  db.prepare(`INSERT INTO accounts VALUES (@userId, @accessId, @accessKey, @userName, @inputBid, @configBid,
    @outputBid, @parentInputBid, @storageName, @storagePassword, @profile, @setting)`).run({
    ...account, profile: JSON.stringify(account.profile), setting: JSON.stringify(account.setting),
  });
  return account;
}

/** The account signing with `accessId`, or undefined. */
export function findByAccessId(db: FarmDb, accessId: string): Account | undefined {
  const row = db.prepare('SELECT * FROM accounts WHERE access_id = ?').get(accessId) as AccountRow | undefined;
  return row && fromRow(row);
}

/** The account owning the storage login `name`, or undefined. */
export function findByStorageName(db: FarmDb, name: string): Account | undefined {
  const row = db.prepare('SELECT * FROM accounts WHERE storage_name = ?').get(name) as AccountRow | undefined;
  return row && fromRow(row);
}

/** The account with this user id, or undefined. */
export function findByUserId(db: FarmDb, userId: number): Account | undefined {
  const row = db.prepare('SELECT * FROM accounts WHERE user_id = ?').get(userId) as AccountRow | undefined;
  return row && fromRow(row);
}

/** The first account (the one a fresh farm created), if any. */
export function firstAccount(db: FarmDb): Account | undefined {
  const row = db.prepare('SELECT * FROM accounts ORDER BY user_id LIMIT 1').get() as AccountRow | undefined;
  return row && fromRow(row);
}

/** Rewrites the user's setting object (updateUserSetting). */
export function saveSetting(db: FarmDb, userId: number, setting: Record<string, unknown>): void {
  db.prepare('UPDATE accounts SET setting = ? WHERE user_id = ?').run(JSON.stringify(setting), userId);
}
