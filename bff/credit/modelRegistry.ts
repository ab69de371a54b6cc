/**
 * Every model version the engine can run, as data. Adding `sunshine-v2` means adding a data file
 * under models/ and one line here; old decisions stay replayable with the version they name.
 */
import { UnknownCreditModelError } from './creditErrors';
import type { CreditModel } from './modelDefinition';
import { sunshineV1 } from './models/sunshineV1';

/** Freezes policy data so no caller can change a model at run time. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export const models = deepFreeze({
  'sunshine-v1': sunshineV1,
});

export type ModelVersion = keyof typeof models;

/** The model in production for new evaluations. */
export const CURRENT_MODEL_VERSION: ModelVersion = 'sunshine-v1';

/** True when `version` names a registered model. */
export function isModelVersion(version: string): version is ModelVersion {
  return Object.prototype.hasOwnProperty.call(models, version);
}

/** The model of that version, or an `UnknownCreditModelError`. */
export function getModel<V extends ModelVersion>(version: V): (typeof models)[V];
export function getModel(version: string): CreditModel;
export function getModel(version: string): CreditModel {
  if (!isModelVersion(version)) throw new UnknownCreditModelError(version);
  return models[version];
}
