/** Where automarket keeps user config, cache and the job journal. AUTOMARKET_HOME moves all three. */
import os from 'node:os';
import path from 'node:path';

export interface Paths {
  home: string;
  userConfig: string;
  cacheDir: string;
  stateDir: string;
  keysFile: string;
}

export function resolvePaths(env: Readonly<Record<string, string | undefined>>, platform = process.platform): Paths {
  if (env.AUTOMARKET_HOME) {
    const home = path.resolve(env.AUTOMARKET_HOME);
    return {
      home,
      userConfig: path.join(home, 'config.json'),
      cacheDir: path.join(home, 'cache'),
      stateDir: path.join(home, 'state'),
      keysFile: path.join(home, 'keys.json'),
    };
  }
  const userHome = env.HOME ?? os.homedir();
  let configDir: string, cacheDir: string, stateDir: string;
  if (platform === 'darwin') {
    configDir = path.join(userHome, 'Library', 'Preferences', 'automarket');
    cacheDir = path.join(userHome, 'Library', 'Caches', 'automarket');
    stateDir = path.join(userHome, 'Library', 'Application Support', 'automarket');
  } else if (platform === 'win32') {
    const appData = env.APPDATA ?? path.join(userHome, 'AppData', 'Roaming');
    const local = env.LOCALAPPDATA ?? path.join(userHome, 'AppData', 'Local');
    configDir = path.join(appData, 'automarket');
    cacheDir = path.join(local, 'automarket', 'Cache');
    stateDir = path.join(local, 'automarket', 'State');
  } else {
    configDir = path.join(env.XDG_CONFIG_HOME ?? path.join(userHome, '.config'), 'automarket');
    cacheDir = path.join(env.XDG_CACHE_HOME ?? path.join(userHome, '.cache'), 'automarket');
    stateDir = path.join(env.XDG_STATE_HOME ?? path.join(userHome, '.local', 'state'), 'automarket');
  }
  return {
    home: configDir,
    userConfig: path.join(configDir, 'config.json'),
    cacheDir,
    stateDir,
    keysFile: path.join(configDir, 'keys.json'),
  };
}
