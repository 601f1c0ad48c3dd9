// Bad input is refused with a typed error naming the problem, before anything is sent:
// the scripted server must see no request at all.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  RayvisionAPI,
  RayvisionCredentialsError,
  RayvisionTaskIdError,
  RayvisionValidationError,
} from '../../sidecar/src/api';
import { ok, startScriptServer, type ScriptServer } from './helpers/script-server';

let server: ScriptServer;
let api: RayvisionAPI;

beforeAll(async () => {
  server = await startScriptServer(() => ok(null));
  api = new RayvisionAPI({ domain: server.domain, protocol: 'http', accessId: 'AID', accessKey: 'a-secret', retry: { minDelayMs: 1, maxDelayMs: 2 } });
});
afterAll(async () => {
  api.close();
  await server.close();
});
afterEach(() => {
  expect(server.seen).toHaveLength(0);
});

async function refused(p: Promise<unknown>): Promise<Error> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  if (!error) throw new Error('expected a rejection');
  return error;
}

describe('bad input', () => {
  it('non-integer task ids', async () => {
    for (const bad of ['123', 1.5, null, undefined, -3, true]) {
      const error = await refused(api.submit(bad as unknown as number));
      expect(error).toBeInstanceOf(RayvisionTaskIdError);
      expect(error).toMatchObject({ code: 'ERR_TASK_ID', farmCode: 10006 });
      expect(error.message).toMatch(/task id must be an integer/);
    }
    const list = await refused(api.query.taskInfo(['12' as unknown as number]));
    expect(list).toBeInstanceOf(RayvisionValidationError);
    expect(list).toMatchObject({ field: 'taskIds.0', code: 'ERR_VALIDATION' });
    const float = await refused(api.task.setTaskOvertimeTop([1], 1.5));
    expect(float).toMatchObject({ field: 'overTime' });
    const helper = await refused(api.query.getAllFrames('7' as unknown as number));
    expect(helper).toBeInstanceOf(RayvisionTaskIdError);
    const byData = await refused(api.submitByData({ task_info: { task_id: 'abc' } }));
    expect(byData).toBeInstanceOf(RayvisionTaskIdError);
  });

  it('missing required fields name the field', async () => {
    const { editName: _drop, ...env } = { cgId: 2000, cgName: 'Maya', cgVersion: '2018', editName: 'x', renderSystem: 1, pluginIds: [1] };
    const error = await refused(api.env.addRenderEnv(env as never));
    expect(error).toBeInstanceOf(RayvisionValidationError);
    expect(error).toMatchObject({ field: 'editName' });
    expect(error.message).toContain('"editName" is required but missing');
    expect(error.message).toContain('Nothing was sent');

    expect(await refused(api.task.stopTask(undefined as never))).toMatchObject({ field: 'taskIds' });
    expect(await refused(api.task.stopTask([]))).toMatchObject({ field: 'taskIds' });
    expect(await refused(api.query.errorDetail())).toMatchObject({ field: 'code' });
    expect(await refused(api.query.restartFrame(5, 0))).toMatchObject({ field: 'ids' });
    expect(await refused(api.transmit.uploadJsonContent(5, '{}', 'other.json' as never))).toMatchObject({ field: 'fileName' });
    expect(await refused(api.env.getRenderEnv(null, null, 3 as never))).toMatchObject({ field: 'osName' });
    expect(await refused(api.query.getCustomeFrames(5, []))).toMatchObject({ field: 'frames' });
  });

  it('unknown DCC names', async () => {
    const error = await refused(api.query.supportedPlugin('mayaa'));
    expect(error).toBeInstanceOf(RayvisionValidationError);
    expect(error).toMatchObject({ field: 'name' });
    expect(error.message).toBe('name: the string "mayaa" is not a DCC name the farm knows. Use one of: maya, 3ds max, lightwave, arnold, houdini, '
      + 'cinema4d, softimage, blender, vr_standalone, mr_standalone, sketchup, vue, keyshot, clarisse, octane_render, katana, unreal. Nothing was sent.');
    expect((await refused(api.query.supportedPlugin(7 as never))).message).toMatch(/^name: 7 is not a DCC name/);
    expect(await refused(api.env.getRenderEnv('nuke'))).toMatchObject({ field: 'name' });
    expect(await refused(api.env.getRenderEnv(null, ['maya', 'nuke']))).toMatchObject({ field: 'cgNames' });
  });

  it('client options that cannot work name the option', () => {
    const make = (o: object) => () => new RayvisionAPI({ accessId: 'AID', accessKey: 'k', ...o });
    const cases: Array<[object, string, RegExp]> = [
      [{ protocol: 'ftp' }, 'protocol', /protocol must be "https" or "http", got the string "ftp"/],
      [{ domain: 'https://task.renderbus.com' }, 'domain', /domain must be a host with an optional port .*set http or https with protocol/],
      [{ domain: 'task.renderbus.com/api' }, 'domain', /domain must be a host/],
      [{ platform: 'two' }, 'platform', /platform must be a platform id/],
      [{ timeout: 0 }, 'timeout', /timeout must be a number of seconds above 0, got 0/],
      [{ timeout: Number.NaN }, 'timeout', /timeout must be a number of seconds above 0/],
      [{ retry: { retries: 1.5 } }, 'retry.retries', /retry.retries must be a whole number/],
      [{ retry: { maxDelayMs: -1 } }, 'retry.maxDelayMs', /retry.maxDelayMs must be a number of milliseconds/],
    ];
    for (const [options, field, message] of cases) {
      let error: unknown;
      try {
        make(options)().close();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RayvisionValidationError);
      expect(error).toMatchObject({ field, code: 'ERR_VALIDATION', message: expect.stringMatching(message) });
    }
    // what works keeps working: aliases, host:port, numeric platform, http
    const ok = new RayvisionAPI({ accessId: 'AID', accessKey: 'k', domain: '127.0.0.1:8080', protocol: 'http', platform: 2, timeout: 0.5 });
    expect([ok.domain, ok.protocol, ok.platform]).toEqual(['127.0.0.1:8080', 'http', '2']);
    ok.close();
  });

  it('empty or missing credentials, with env fallbacks', () => {
    const saved = { id: process.env.RAYVISION_API_ACCESS_ID, key: process.env.RAYVISION_API_KEY };
    try {
      delete process.env.RAYVISION_API_ACCESS_ID;
      delete process.env.RAYVISION_API_KEY;
      expect(() => new RayvisionAPI({ accessId: 'id', accessKey: '' })).toThrow(RayvisionCredentialsError);
      expect(() => new RayvisionAPI({ accessId: 'id', accessKey: '   ' })).toThrow(/No access key/);
      expect(() => new RayvisionAPI({ accessId: 'id' })).toThrow(/RAYVISION_API_KEY/);
      expect(() => new RayvisionAPI({ accessKey: 'k' })).toThrow(/No access id/);
      process.env.RAYVISION_API_ACCESS_ID = 'env-id';
      process.env.RAYVISION_API_KEY = 'env-key';
      const fromEnv = new RayvisionAPI({ domain: 'Foreign' });
      expect(fromEnv.accessId).toBe('env-id');
      expect(fromEnv.domain).toBe('jop.foxrenderfarm.com');
      expect(new RayvisionAPI({ domain: 'China' }).domain).toBe('task.renderbus.com');
      expect(new RayvisionAPI({}).domain).toBe('task.renderbus.com');
      fromEnv.close();
    } finally {
      if (saved.id === undefined) delete process.env.RAYVISION_API_ACCESS_ID;
      else process.env.RAYVISION_API_ACCESS_ID = saved.id;
      if (saved.key === undefined) delete process.env.RAYVISION_API_KEY;
      else process.env.RAYVISION_API_KEY = saved.key;
    }
  });
});
