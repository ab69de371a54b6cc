export * from './errors';
export * from './roles';
export * from './mask';
export * from './idNumber';
export * from './schemas/common';
export * from './schemas/auth';
export * from './schemas/me';
export * from './schemas/households';
