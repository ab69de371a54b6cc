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
export * from './schemas/visitConfirmations';
export * from './schemas/stats';
// <anchor:shared-evidence>
export * from './schemas/customer';
export * from './schemas/appointments';
export * from './bankProducts';
// <anchor:shared-customer>
export * from './schemas/portrait';
export * from './schemas/transfers';
// <anchor:shared-portrait>
export * from './schemas/v7';
export * from './v7Signature';
export * from './schemas/v7Sync';
// <anchor:shared-credit>
export * from './schemas/credit';
// <anchor:shared-flow>
