/**
 * How much of the browser's storage the library uses, for Settings (the UI reaches storage only
 * through the app layer).
 * @module
 */
export { storageEstimate, type StorageEstimateView } from '../storage/opfs';
