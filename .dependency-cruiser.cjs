// Where code may run, as an allow-list over every import of every file (src/, electron/, test/, scripts/):
// an edge no rule below allows is an error, so a new package or Node built-in is refused until
// it is placed in the layer that may use it. The layers (docs/architecture.md):
//   src/shared   anywhere: the contract, rules, words — zod, and diff for comparing texts
//   src/core     Node: database, services, documents (Node built-ins, the Node-side packages)
//   src/renderer the DOM: React + Mantine screens
//   src/web      browser mode's server; src/cli the command line; electron/main the desktop host
//   electron/preload  the bridge: electron and the shared contract only
// Type-only imports count too: a type from the core in the renderer would drag the core's
// assumptions across. test/unit/layers.test.ts proves each rule bites on a probe tree.

/** npm packages each layer may load; anything else is refused until placed here. */
const PACKAGES = {
  shared: ['zod', 'diff'],
  core: [
    'zod',
    'better-sqlite3-multiple-ciphers',
    'exceljs',
    '@e965/xlsx',
    'docx',
    'jszip',
    'pdf-lib',
    'pinyin-pro',
    'playwright-core',
  ],
  renderer: [
    'react',
    'react-dom',
    '@mantine/core',
    '@mantine/dates',
    '@mantine/hooks',
    '@mantine/modals',
    '@mantine/notifications',
    '@mantine/charts',
    'recharts',
    '@tabler/icons-react',
    'pdfjs-dist',
    'dayjs',
  ],
  electronMain: ['electron'],
  preload: ['electron'],
};

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const npm = (names) => `^node_modules/(${names.map(escape).join('|')})/`;

const layer = (from, to, options = {}) => ({ from: { path: from }, to: { path: to, ...options } });
const packages = (from, names) => ({
  from: { path: from },
  to: { path: npm(names), dependencyTypes: ['npm', 'npm-dev'] },
});
const builtins = (from) => ({ from: { path: from }, to: { dependencyTypes: ['core'] } });

module.exports = {
  allowed: [
    layer('^src/shared/', '^src/shared/'),
    packages('^src/shared/', PACKAGES.shared),

    layer('^src/core/', '^src/(core|shared)/'),
    layer('^src/core/version[.]ts$', '^package[.]json$'), // the app's version, read at build time
    packages('^src/core/', PACKAGES.core),
    builtins('^src/core/'),

    layer('^src/renderer/', '^src/(renderer|shared)/'),
    packages('^src/renderer/', PACKAGES.renderer),

    layer('^src/web/', '^src/(web|core|shared)/'),
    builtins('^src/web/'),

    layer('^src/cli/', '^src/(cli|core|shared)/'),
    builtins('^src/cli/'),

    layer('^electron/main/', '^(electron/main|src/core|src/shared)/'),
    packages('^electron/main/', PACKAGES.electronMain),
    builtins('^electron/main/'),

    layer('^electron/preload/', '^(electron/preload|src/shared)/'),
    packages('^electron/preload/', PACKAGES.preload),

    // Tests, the bench and scripts drive every layer; only Electron stays out of them (below).
    { from: { path: '^(test|scripts)/' }, to: {} },
    // electron-builder's config reads the Linux desktop entry from resources/ (Node built-ins only).
    builtins('^electron-builder[.]config[.]cjs$'),
  ],
  allowedSeverity: 'error',
  forbidden: [
    {
      name: 'electron-outside-electron',
      comment: "Only electron/ loads 'electron' at run time; tests and scripts may name its types.",
      severity: 'error',
      from: { pathNot: '^electron/' },
      to: { path: '^node_modules/electron/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      comment:
        'Modules that import each other (types included) cannot be understood or moved one at a time: put what both ' +
        'need where both can import it. Known and to be cut: the workspace and the custody modules that take it ' +
        '(backups, incoming, replacement, leftovers, the key journal), which are being reworked under issue 11.',
      severity: 'error',
      from: { path: '^(src|electron)/', pathNot: '^src/core/(workspace|custody/[^/]+)[.]ts$' },
      to: { circular: true },
    },
    {
      name: 'sqlite-outside-open-sqlite',
      comment: 'SQLite connections open through src/core/db/sqlite.ts, which loads the addon the installed app ships.',
      severity: 'error',
      from: { path: '^(src|electron)/', pathNot: '^src/core/db/sqlite[.]ts$' },
      to: { path: '^node_modules/better-sqlite3-multiple-ciphers/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-resolvable',
      comment: 'An import that resolves to nothing is a typo or a package missing from package.json.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    // A worktree may link node_modules from another checkout: paths stay node_modules/… either way.
    preserveSymlinks: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(out|dist|test-results)/' },
  },
};
