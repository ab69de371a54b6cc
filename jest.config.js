/**
 * One jest run, a project per package. Node projects compile TypeScript with SWC
 * (CommonJS output); the mini program's project has its own config (jsdom, Taro mappings).
 * Tests need the real services: scripts/test.sh starts them first.
 */
const fs = require('node:fs');
const path = require('node:path');

const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

const nodeProject = (name, roots, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  rootDir: __dirname,
  roots,
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': swc },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  ...extra,
});

const projects = [
  nodeProject('shared', ['<rootDir>/shared/src']),
  nodeProject('bff', ['<rootDir>/bff']),
  nodeProject('mock-v7', ['<rootDir>/mock-v7/src']),
  nodeProject('mock-wechat', ['<rootDir>/mock-wechat/src']),
  nodeProject('tests', ['<rootDir>/tests'], { testPathIgnorePatterns: ['/node_modules/', '/tests/miniapp/', '/tests/e2e/'] }),
];
if (fs.existsSync(path.join(__dirname, 'miniapp/jest.config.js'))) projects.push('<rootDir>/miniapp/jest.config.js');
for (const dir of ['miniapp', 'e2e']) {
  if (fs.existsSync(path.join(__dirname, 'tests', dir))) {
    projects.push(nodeProject(`tests-${dir}`, [`<rootDir>/tests/${dir}`], { testTimeout: 180000 }));
  }
}

module.exports = {
  projects,
  testTimeout: 60000,
  // The e2e and simulate suites start browsers and servers: two workers fit 2 cores.
  maxWorkers: 2,
};
