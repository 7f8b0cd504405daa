// electron-builder 26 configuration for the offline installers (Windows and Linux).
// Every key here is checked against node_modules/app-builder-lib/scheme.json.

const fs = require('node:fs');
const path = require('node:path');

/**
 * The [Desktop Entry] of resources/linux/party-office-workbench.desktop, the one source of the
 * launcher's names and keywords. Exec, Icon, Type and Terminal are left to electron-builder, which
 * writes them for the path it installs to (it refuses an Exec given here).
 */
function desktopEntry() {
  const text = fs.readFileSync(path.join(__dirname, 'resources/linux/party-office-workbench.desktop'), 'utf8');
  const entry = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z][A-Za-z0-9-]*(?:\[[A-Za-z_@]+\])?)=(.*)$/.exec(line.trim());
    if (match && !['Exec', 'Icon', 'Type', 'Terminal'].includes(match[1])) entry[match[1]] = match[2];
  }
  return entry;
}

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'cn.partyoffice.workbench',
  productName: '机关党务工作台',
  copyright: '仅供机关内部使用',
  directories: { output: 'dist', buildResources: 'resources' },
  // ASCII file names: installers are passed around on USB sticks and intranet shares.
  artifactName: 'party-office-workbench-${version}-${os}-${arch}.${ext}',
  // The app.asar holds out/ (main, the core, preload, renderer) and the production dependencies the
  // main and core bundles load; test/integration/package-contents.test.ts builds it and holds it to
  // an allow-list. Left out of the SQLite package: its sources and every platform's prebuild (the
  // one addon each installer needs sits beside app.asar, below); of every package: type declarations.
  files: [
    'out/**',
    'package.json',
    '!**/*.map',
    '!node_modules/better-sqlite3-multiple-ciphers/{prebuilds,deps,src,build}{,/**/*}',
    '!node_modules/better-sqlite3-multiple-ciphers/binding.gyp',
    '!node_modules/node-addon-api{,/**/*}',
    '!node_modules/@types{,/**/*}',
    '!node_modules/undici-types{,/**/*}',
  ],
  // ASCII program and install folder names (party-office-workbench.exe, C:\Program Files\party-office-workbench):
  // scripts, USB copies and some 信创 desktops mishandle Chinese paths. Shortcuts keep the Chinese name.
  executableName: 'party-office-workbench',
  // The window icon (electron/main/resources.ts); the installers' icons come from win.icon / linux.icon.
  extraResources: [{ from: 'resources/icons/256x256.png', to: 'icon.png' }],
  asar: true,
  // better-sqlite3-multiple-ciphers is a Node-API addon, so one build loads in Node and Electron
  // alike: nothing is rebuilt, compiled or downloaded while building the installers. Each installer
  // carries one addon beside app.asar, at addons/better_sqlite3.node (electron/main/sqlite-addon.ts):
  // for Linux the glibc 2.28 build in resources/addons (scripts/build-addons.mjs; the package's own
  // Linux prebuilds need glibc 2.34 and would not load on 麒麟/UOS), for Windows the package's prebuild.
  npmRebuild: false,
  buildDependenciesFromSource: false,
  nodeGypRebuild: false,
  // No update server: new versions are installed by hand.
  publish: null,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  },
  win: {
    extraResources: [
      {
        from: 'node_modules/better-sqlite3-multiple-ciphers/prebuilds/win32-${arch}.node',
        to: 'addons/better_sqlite3.node',
      },
    ],
    icon: 'resources/icon.ico',
    target: [
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ],
  },
  nsis: {
    oneClick: false,
    perMachine: true,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: '机关党务工作台',
    uninstallDisplayName: '机关党务工作台',
    // The members' records live in the user's data folder and must survive an uninstall.
    deleteAppDataOnUninstall: false,
    // Chinese throughout, with a 使用须知 page (NSIS's licence page, retitled in installer.nsh).
    installerLanguages: ['zh_CN'],
    language: '2052',
    license: 'resources/installer/notice.txt',
    include: 'resources/installer/installer.nsh',
    artifactName: 'party-office-workbench-${version}-setup-${arch}.${ext}',
  },
  portable: {
    artifactName: 'party-office-workbench-${version}-portable-${arch}.${ext}',
  },
  linux: {
    extraResources: [{ from: 'resources/addons/linux-${arch}/better_sqlite3.node', to: 'addons/better_sqlite3.node' }],
    target: [
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ],
    icon: 'resources/icons',
    desktop: { entry: desktopEntry() },
    category: 'Office',
    executableName: 'party-office-workbench',
    maintainer: '机关党务工作台维护组 <party-office-workbench@localhost>',
    vendor: '机关党务工作台维护组',
    synopsis: '机关党务工作台（离线）',
    description: '机关党务工作台：党员名册、党费、一岗双责、民主生活会材料（离线桌面应用）',
  },
  deb: {
    // AppStream metadata, so that 麒麟/UOS software centres list the app with its Chinese name.
    fpm: [
      `${path.join(__dirname, 'resources/linux/cn.partyoffice.workbench.metainfo.xml')}=/usr/share/metainfo/cn.partyoffice.workbench.metainfo.xml`,
    ],
  },
};
