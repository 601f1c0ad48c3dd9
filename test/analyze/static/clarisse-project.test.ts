import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readClarisseProject, SceneParseError } from '../../../sidecar/src/analyze/static/clarisse';
import { SceneFacts } from '../../../protocol/src/scene';
import { clarisseFarmVersion } from '../../../sidecar/src/analyze/static/clarisse/farm-version';

const scenes = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'scenes', 'clarisse');

describe('readClarisseProject on spherix_demo.project', () => {
  it('Clarisse 4, one image 0-50 with its spherix layer, camera, renderer; no files (#preferences skipped)', async () => {
    const facts = await readClarisseProject(path.join(scenes, 'spherix_demo.project'));
    expect(SceneFacts.parse(facts)).toEqual(facts);
    expect(facts.software).toEqual({ name: 'Clarisse', version: '4' });
    expect(facts.frameRange).toEqual({ start: 0, end: 50, step: 1 });
    expect(facts.cameras).toEqual([{ node: 'project://scene/camera' }]);
    expect(facts.renderNodes).toEqual([
      {
        node: 'project://scene/image', type: 'Image', category: 'image', renderable: true, settings: {},
        frames: { start: 0, end: 50, step: 1 },
        children: [{
          node: 'project://scene/image.spherix_layer', type: 'SpherixLayer', category: 'layer', renderable: true,
          frames: { start: 0, end: 50, step: 1 }, cameras: ['project://scene/camera'], renderer: 'SpherixRenderer',
          settings: { renderer: 'project://scene/spherix_renderer' },
        }],
      },
    ]);
    // the playblast `filename "$CTEMP\\blast_#####"` lives in #preferences: not an input
    expect(facts.references).toEqual([]);
    // the header says only "4": the farm needs a named release, and the warning says how to give it
    expect(facts.warnings).toEqual([{ code: 'VERSION_NOT_EXACT', message: expect.stringMatching(/only Clarisse 4,.*softwareVersion \(CLI: --software-version\)/) }]);
  });
});

describe('clarisseFarmVersion', () => {
  it('names releases as the farm does, keeps farm names, and gives up on a bare major version', () => {
    expect(clarisseFarmVersion('4.0 SP3')).toBe('clarisse_ifx_4.0_sp3');
    expect(clarisseFarmVersion('5.0 sp8 BUiLDER')).toBe('clarisse_builder_5.0_sp8');
    expect(clarisseFarmVersion('5.0SP8', true)).toBe('clarisse_builder_5.0_sp8');
    expect(clarisseFarmVersion(' clarisse_ifx_4.0_sp7 ')).toBe('clarisse_ifx_4.0_sp7');
    expect(clarisseFarmVersion('4')).toBeUndefined();
    expect(clarisseFarmVersion('4.0')).toBeUndefined();
    expect(clarisseFarmVersion('')).toBeUndefined();
  });
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clarisse-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const PROJECT = `#Isotropix_Serial_Version 1.2

#Isotropix_Clarisse_Version 4.0 SP3
#Isotropix_Clarisse_Project_Version 0.94
Context "shot" {
    #created 1
    CameraPerspective {
        name "cam_main"
    }
    TextureMapFile {
        name "wood"
        filename "$PDIR/textures/wood diffuse.####.exr"
    }
    TextureStreamedMapFile {
        name "skin"
        filename "D:/资产/皮肤/skin.<UDIM>.tx"
    }
    GeometryPolyfile {
        name "rock"
        filename "//nas/geo/rock.obj"
    }
    GeometryAbcMesh {
        name "char_abc"
        filename "D:/cache/char.abc"
    }
    GeometryVolumeFile {
        name "smoke"
        filename {
            value "D:/vdb/smoke.$4F.vdb"
            hidden yes
        }
    }
    TextureMapFile {
        name "driven"
        filename {
            value "D:/tex/driven.png"
            expression "get_string(\\"project://shot/wood.filename\\")"
        }
    }
    SomePluginNode {
        name "custom"
        data_path "D:/data/points.bin"
        label "just text"
        save_as "D:/render/custom_out.exr"
    }
    Context "set" {
        filename "$PDIR/set/city.project"
    }
    Context "trees" {
        #reference "$PDIR/set/trees.abc"
        #created 1
    }
    Image {
        name "beauty"
        first_frame 1001
        last_frame 1100
        frame_step 2
        resolution 1920 1080
        save_as "D:/render/beauty.####.exr"
        format "exr16"
        LUT "linear"
        save_to_disk yes
        layers ".bg" ".fg"
        embedded_objects {
            Layer3d {
                name "bg"
                active_camera "cam_main"
                renderable no
                renderer "project://shot/raytracer"
            }
            Layer3d {
                name "fg"
                first_frame 1001
                last_frame 1010
                active_camera "project://shot/cam_main"
                save_as "D:/render/fg.####.exr"
                enable_deep_output yes
                deep_output_path "D:/render/fg_deep.####.exr"
                save_to_disk no
            }
        }
    }
    RendererRaytracer {
        name "raytracer"
    }
}
#preferences {
    categories {
        playblast {
            filename "$CTEMP\\\\blast_#####.jpg"
        }
    }
}
`;

describe('readClarisseProject on a generated project', () => {
  it('lists the exact files: textures (sequence, UDIM), geometry, alembic, vdb, reference context, generic paths', async () => {
    const file = path.join(dir, 'gen.project');
    await writeFile(file, PROJECT);
    const facts = await readClarisseProject(file);
    expect(facts.software).toEqual({ name: 'Clarisse', version: 'clarisse_ifx_4.0_sp3' });
    expect(facts.references).toEqual([
      { node: 'project://shot/set', parm: 'filename', path: '$PDIR/set/city.project', kind: 'scene_reference' },
      { node: 'project://shot/trees', parm: 'filename', path: '$PDIR/set/trees.abc', kind: 'alembic' },
      { node: 'project://shot/wood', parm: 'filename', path: '$PDIR/textures/wood diffuse.####.exr', kind: 'texture', sequence: true },
      { node: 'project://shot/skin', parm: 'filename', path: 'D:/资产/皮肤/skin.<UDIM>.tx', kind: 'texture' },
      { node: 'project://shot/rock', parm: 'filename', path: '//nas/geo/rock.obj', kind: 'geometry' },
      { node: 'project://shot/char_abc', parm: 'filename', path: 'D:/cache/char.abc', kind: 'alembic' },
      { node: 'project://shot/smoke', parm: 'filename', path: 'D:/vdb/smoke.$4F.vdb', kind: 'vdb', sequence: true },
      { node: 'project://shot/driven', parm: 'filename', path: 'D:/tex/driven.png', kind: 'texture', needsDcc: true },
      { node: 'project://shot/custom', parm: 'data_path', path: 'D:/data/points.bin', kind: 'other' },
    ]);
    expect(facts.cameras).toEqual([{ node: 'project://shot/cam_main' }]);
    expect(facts.frameRange).toEqual({ start: 1001, end: 1100, step: 2 });
    const [image] = facts.renderNodes;
    expect(image).toMatchObject({
      node: 'project://shot/beauty', category: 'image', frames: { start: 1001, end: 1100, step: 2 },
      output: 'D:/render/beauty.####.exr', width: 1920, height: 1080,
      settings: { format: 'exr16', LUT: 'linear', save_to_disk: '1' },
    });
    expect(image!.children).toEqual([
      {
        node: 'project://shot/beauty.bg', type: 'Layer3d', category: 'layer', renderable: false,
        frames: { start: 1001, end: 1100, step: 2 }, cameras: ['project://shot/cam_main'],
        renderer: 'RendererRaytracer', settings: { renderer: 'project://shot/raytracer' },
      },
      {
        node: 'project://shot/beauty.fg', type: 'Layer3d', category: 'layer', renderable: true,
        frames: { start: 1001, end: 1010, step: 2 }, cameras: ['project://shot/cam_main'], output: 'D:/render/fg.####.exr',
        settings: { save_to_disk: '0', enable_deep_output: '1', enable_deep_output_path: 'D:/render/fg_deep.####.exr' },
      },
    ]);
    expect(facts.warnings).toEqual([expect.objectContaining({ code: 'STATIC_NEEDS_DCC', node: 'project://shot/driven', parm: 'filename' })]);
  });

  it('a truncated project gives a warning, not a crash', async () => {
    const file = path.join(dir, 'trunc.project');
    await writeFile(file, PROJECT.slice(0, PROJECT.indexOf('GeometryAbcMesh') + 40));
    const facts = await readClarisseProject(file);
    expect(facts.warnings.map((w) => w.code)).toEqual(['15107']); // SceneDamageTips.projectTruncated
    expect(facts.references.map((r) => r.node)).toEqual(['project://shot/wood', 'project://shot/skin', 'project://shot/rock']);
  });

  it('a project that ends inside a string at the top level gives the warning too', async () => {
    const file = path.join(dir, 'string.project');
    await writeFile(file, `${PROJECT}comment "cut here`);
    const facts = await readClarisseProject(file);
    expect(facts.warnings.map((w) => w.code)).toContain('15107');
  });

  it('survives pathological nesting (deep blocks and embedded objects): depth is capped', async () => {
    const deep = 200_000;
    const body = '#Isotropix_Serial_Version 1.2\nContext "c" {\n' +
      'Image {\nname "i"\nembedded_objects {\n'.repeat(deep) + '}\n'.repeat(deep * 2) + '}\n';
    const file = path.join(dir, 'deep.project');
    await writeFile(file, body);
    const facts = await readClarisseProject(file);
    expect(facts.renderNodes.length).toBeGreaterThan(0);
    expect(facts.renderNodes.length).toBeLessThan(300);
  });

  it('rejects binary or foreign files with SceneParseError', async () => {
    const bin = path.join(dir, 'bin.project');
    await writeFile(bin, Buffer.from([0x46, 0x4f, 0x52, 0x38, 0, 0, 0, 1]));
    await expect(readClarisseProject(bin)).rejects.toBeInstanceOf(SceneParseError);
    const other = path.join(dir, 'other.project');
    await writeFile(other, 'hello = world\n');
    await expect(readClarisseProject(other)).rejects.toMatchObject({ code: 'ERR_SCENE_PARSE' });
  });
});
