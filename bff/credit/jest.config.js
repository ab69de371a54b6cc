// Jest config for the credit engine alone: `npx jest -c bff/credit/jest.config.js` from the
// repository root. @swc/jest compiles TypeScript to CommonJS, as the root config will.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.test.ts'],
  transform: { '^.+\\.tsx?$': '@swc/jest' },
};
