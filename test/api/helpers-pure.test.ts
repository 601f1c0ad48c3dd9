// Pure helpers: camelCase → snake_case for userInfo, the userInfo merge, frame selection, region rules.
import { describe, expect, it } from 'vitest';
import { buildUserInfo, errorDetailLanguage, frameSelected, humpToUnderline, languageFlag, platformsZone, transferServerZone } from '../../sidecar/src/api';

describe('humpToUnderline (§4.3)', () => {
  it('converts like the SDK', () => {
    const cases: Record<string, string> = {
      userId: 'user_id',
      UserID: 'user_id',
      cpuPrice: 'cpu_price',
      c4dFlag: 'c4d_flag',
      taskOverTimeSec: 'task_over_time_sec',
      raySyncUserKey: 'ray_sync_user_key',
      config_bid: 'config_bid',
      parent_input_bid: 'parent_input_bid',
    };
    for (const [from, to] of Object.entries(cases)) expect(humpToUnderline(from)).toBe(to);
  });

  it('merges profile, setting, bid (later wins) and keeps the configured platform', () => {
    const info = buildUserInfo(
      { local_os: 'linux', domain: 'd', platform: '2' },
      { userId: 1, userName: 'u', platform: 9, zone: 1 },
      { taskOverTimeSec: 60, zone: 2 },
      { input_bid: 'i', config_bid: 'c', output_bid: 'o' },
    );
    expect(info).toEqual({ local_os: 'linux', domain: 'd', platform: '2', user_id: 1, user_name: 'u', zone: 2, task_over_time_sec: 60, input_bid: 'i', config_bid: 'c', output_bid: 'o' });
  });
});

describe('frameSelected', () => {
  it('matches exact frame indexes and numbers inside range entries', () => {
    const selection = ['6', '7-9[1]', '20-30[5]'];
    expect(frameSelected('6', selection)).toBe(true);
    expect(frameSelected('7-9[1]', selection)).toBe(true);
    expect(frameSelected('8', selection)).toBe(true);
    expect(frameSelected(25, selection)).toBe(true);
    expect(frameSelected('26', selection)).toBe(false);
    expect(frameSelected('10', selection)).toBe(false);
    expect(frameSelected('0-1', selection)).toBe(false);
  });
});

describe('region rules (§9.1)', () => {
  it('reproduces the SDK values', () => {
    const table: Array<[string, string, number, number, string]> = [
      ['task.renderbus.com', '1', 1, 2, '0'],
      ['task.foxrenderfarm.com', '0', 2, 1, '0'],
      ['jop.foxrenderfarm.com', '0', 2, 1, '1'],
    ];
    for (const [domain, flag, zone, serverZone, lang] of table) {
      expect([languageFlag(domain), platformsZone(domain), transferServerZone(domain), errorDetailLanguage(domain)]).toEqual([flag, zone, serverZone, lang]);
    }
  });
});
