import { parseDockerPs, parsePsV1, parsePsV2 } from '../../src/services/ps.js';

describe('compose ps, v1 table', () => {
  // Real `docker-compose ps` (1.29.2) output.
  const table = [
    '          Name                        Command                  State                Ports         ',
    '---------------------------------------------------------------------------------------------------',
    "automarket-tts_tts_1       node /srv/server.mjs             Up (health: starting)                    ",
    'automarket-tts_worker_1    node -e console.log(\'hello ...   Up (healthy)                             ',
    'automarket-tts_old_1       /bin/sh -c exit 3               Exit 3                                    ',
    'automarket-kokoro_kokoro_1   python -m uvicorn  api.main ...   Up                    127.0.0.1:8880->8880/tcp',
  ].join('\n');

  test('state, health, exit code, ports and service name of each row', () => {
    const rows = parsePsV1(table, 'automarket-tts');
    expect(rows).toEqual([
      { name: 'automarket-tts_tts_1', service: 'tts', state: 'running', health: 'starting', ports: [] },
      { name: 'automarket-tts_worker_1', service: 'worker', state: 'running', health: 'healthy', ports: [] },
      { name: 'automarket-tts_old_1', service: 'old', state: 'exited', health: 'none', exitCode: 3, ports: [] },
      { name: 'automarket-kokoro_kokoro_1', service: 'kokoro', state: 'running', health: 'none', ports: ['127.0.0.1:8880->8880/tcp'] },
    ]);
  });

  test('no containers: only the header', () => {
    expect(parsePsV1('Name   Command   State   Ports\n------------------------------\n')).toEqual([]);
  });
});

describe('compose ps, v2 JSON', () => {
  const item = {
    Name: 'automarket-kokoro-kokoro-1',
    Service: 'kokoro',
    State: 'running',
    Health: 'healthy',
    Status: 'Up 2 minutes (healthy)',
    ExitCode: 0,
    Publishers: [
      { URL: '127.0.0.1', TargetPort: 8880, PublishedPort: 8880, Protocol: 'tcp' },
      { URL: '', TargetPort: 9000, PublishedPort: 0, Protocol: 'tcp' },
    ],
  };
  const exited = { Name: 'automarket-kokoro-init-1', Service: 'init', State: 'exited', Health: '', Status: 'Exited (1) 5 seconds ago', ExitCode: 1, Publishers: null };
  const expected = [
    { name: 'automarket-kokoro-kokoro-1', service: 'kokoro', state: 'running', health: 'healthy', ports: ['127.0.0.1:8880->8880/tcp'] },
    { name: 'automarket-kokoro-init-1', service: 'init', state: 'exited', health: 'none', exitCode: 1, ports: [] },
  ];

  test('a JSON array (Compose before 2.21)', () => {
    expect(parsePsV2(JSON.stringify([item, exited]))).toEqual(expected);
  });

  test('one JSON object per line (Compose 2.21 and later)', () => {
    expect(parsePsV2(`${JSON.stringify(item)}\n${JSON.stringify(exited)}\n`)).toEqual(expected);
  });

  test('empty output', () => {
    expect(parsePsV2('')).toEqual([]);
    expect(parsePsV2('[]')).toEqual([]);
  });
});

describe('docker ps with Compose labels', () => {
  test('project, service and state from the Status text', () => {
    const out = 'automarket-tts\ttts\tautomarket-tts_tts_1\tUp 3 seconds (healthy)\nother\tweb\tother_web_1\tExited (137) 2 hours ago\n';
    expect(parseDockerPs(out)).toEqual([
      { project: 'automarket-tts', service: 'tts', name: 'automarket-tts_tts_1', state: 'running', health: 'healthy', ports: [] },
      { project: 'other', service: 'web', name: 'other_web_1', state: 'exited', health: 'none', exitCode: 137, ports: [] },
    ]);
  });
});
