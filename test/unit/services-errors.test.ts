import { classifyDockerFailure } from '../../src/services/docker-errors.js';

describe('Docker and Compose failures become one clear error', () => {
  test.each([
    ['v1, dead socket', "docker.errors.DockerException: Error while fetching server API version: ('Connection aborted.', FileNotFoundError(2, 'No such file or directory'))"],
    ['v2 / docker CLI', 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?'],
    ['v1, remote', "Couldn't connect to Docker daemon at http://10.0.0.5:2375 - is it running?"],
    ['Windows', 'error during connect: this error may indicate that the docker daemon is not running'],
  ])('engine down (%s)', (_label, output) => {
    const err = classifyDockerFailure(output, 'up failed');
    expect(err).toMatchObject({ code: 'DOCKER_DOWN', exitCode: 1 });
    expect(err.hint).toMatch(/start Docker/);
  });

  test('engine down names DOCKER_HOST when it is set', () => {
    expect(classifyDockerFailure('Cannot connect to the Docker daemon at tcp://gpu:2375.', 'x', { dockerHost: 'tcp://gpu:2375' }).message).toMatch(/tcp:\/\/gpu:2375/);
  });

  test.each([
    ['v2', 'Error response from daemon: driver failed programming external connectivity on endpoint automarket-kokoro-kokoro-1: Bind for 127.0.0.1:8880 failed: port is already allocated', 8880],
    ['v1', 'ERROR: for kokoro  Cannot start service kokoro: driver failed programming external connectivity on endpoint x: Error starting userland proxy: listen tcp4 127.0.0.1:8000: bind: address already in use', 8000],
  ])('port taken (%s)', (_label, output, port) => {
    const err = classifyDockerFailure(output, 'up failed', { service: 'kokoro' });
    expect(err).toMatchObject({ code: 'PORT_TAKEN', data: { port } });
    expect(err.message).toContain(String(port));
  });

  test.each([
    ['v1 offline', 'Pulling app (ollama/ollama:latest)...\nGet "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host', 'ollama/ollama:latest'],
    ['v2 denied', 'Error response from daemon: pull access denied for acme/private, repository does not exist or may require \'docker login\'', 'acme/private'],
  ])('image cannot be pulled (%s)', (_label, output, image) => {
    const err = classifyDockerFailure(output, 'up failed');
    expect(err).toMatchObject({ code: 'IMAGE_PULL', data: { image } });
    expect(err.hint).toMatch(/docker login/);
  });

  test('an invalid compose file is a config error (exit 2)', () => {
    const err = classifyDockerFailure("The Compose file './x.yml' is invalid because:\nUnsupported config option for services.app: 'imagez'", 'config failed', { service: 'x' });
    expect(err).toMatchObject({ code: 'COMPOSE_FILE', exitCode: 2 });
    expect(err.message).toMatch(/imagez/);
  });

  test('anything else keeps the last lines of the output', () => {
    const err = classifyDockerFailure('Traceback (most recent call last):\n  File "x.py", line 1\nSomething odd happened', 'up failed');
    expect(err.message).toBe('up failed: Something odd happened');
  });
});
