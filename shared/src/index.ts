export * from './errors';
export * from './roles';
export * from './mask';
export * from './idNumber';
export * from './schemas/common';
export * from './schemas/auth';
export * from './schemas/me';
export * from './schemas/households';
export * from './schemas/householdFile';
export * from './schemas/visits';
export * from './schemas/photos';
// <anchor:shared-evidence>
// <anchor:shared-customer>
// <anchor:shared-portrait>
// <anchor:shared-credit>
// <anchor:shared-flow>
