// Component and unit tests of the mini program, run in jsdom against Taro's H5 components.
// The root jest config lists this file as a project; `npm test -w miniapp` runs it alone.
const swcTs = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const swcJs = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'ecmascript', jsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

// ESM-only packages that jest must transpile (everything else in node_modules is left alone).
// `\.pnpm`: @tarojs/components ships a pnpm-nested tslib inside its own lib/react folder.
const esmPackages = ['@tarojs', '@stencil', '@nutui', '@swc/helpers', 'tslib', 'swiper', 'ssr-window', 'dom7', '\\.pnpm'];

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'miniapp',
  rootDir: __dirname,
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testEnvironment: 'jsdom',
  transform: {
    '^.+\\.(ts|tsx)$': swcTs,
    '^.+\\.(js|jsx|mjs|cjs)$': swcJs,
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: {
    // Taro's H5 components as React wrappers of its web components (toolchain.md recipe).
    '^@tarojs/components$': '@tarojs/components/lib/react/index',
    // The real @tarojs/taro needs a compiled app; tests get a stub with jest.fn() APIs.
    '^@tarojs/taro$': '<rootDir>/test/taroStub.ts',
    // NutUI's `main` is a UMD bundle of everything (lottie included, which needs canvas); the
    // webpack builds use its ES `module` entry, and so do the tests.
    '^@nutui/nutui-react-taro$': '@nutui/nutui-react-taro/dist/es/packages/nutui.react.build.js',
    '^@nutui/icons-react-taro$': '@nutui/icons-react-taro/dist/es/index.es.js',
    '^lottie-react$': '<rootDir>/test/lottieStub.js',
    '^@nutui/lottie-miniprogram$': '<rootDir>/test/lottieStub.js',
    '\\.(css|scss|sass|less)$': '<rootDir>/test/styleStub.js',
  },
  setupFiles: ['<rootDir>/test/setupEnv.ts'],
  // Taro's compile-time flags, normally replaced by its webpack DefinePlugin.
  globals: {
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_MUTATION_OBSERVER: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    DEPRECATED_ADAPTER_COMPONENT: false,
    __TARO_FRAMEWORK__: 'react',
  },
};
