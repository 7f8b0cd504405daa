// electron-builder 26 configuration for the offline installers (Windows and Linux).
// Every key here is checked against node_modules/app-builder-lib/scheme.json.

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'cn.partyoffice.workbench',
  productName: '机关党务工作台',
  copyright: '仅供机关内部使用',
  directories: { output: 'dist', buildResources: 'resources' },
  // ASCII file names: installers are passed around on USB sticks and intranet shares.
  artifactName: 'party-office-workbench-${version}-${os}-${arch}.${ext}',
  files: ['out/**', 'package.json', '!**/*.map'],
  asar: true,
  // The SQLCipher addon must sit on disk to be loaded; everything else stays inside the archive.
  asarUnpack: ['**/*.node'],
  // better-sqlite3-multiple-ciphers is a Node-API addon and ships prebuilds for every target
  // (prebuilds/win32-x64.node, linux-x64.node, linux-arm64.node …), which load in Electron as
  // they are: nothing is rebuilt, compiled or downloaded while building the installers.
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
    artifactName: 'party-office-workbench-${version}-setup-${arch}.${ext}',
  },
  portable: {
    artifactName: 'party-office-workbench-${version}-portable-${arch}.${ext}',
  },
  linux: {
    target: [
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ],
    category: 'Office',
    executableName: 'party-office-workbench',
    maintainer: '机关党务工作台维护组 <party-office-workbench@localhost>',
    vendor: '机关党务工作台维护组',
    synopsis: '机关党务工作台（离线）',
    description: '机关党务工作台：党员名册、党费、一岗双责、民主生活会材料（离线桌面应用）',
  },
};
