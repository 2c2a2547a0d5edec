/** Library entry point: the producer helper for Node gateways and the public types. No side effects. */
export { createCensusProducer, type CensusProducer, type CensusProducerOptions, type RecordResult } from './producer/census-producer.js';
export { parseEvent, parseEventLine, type ParseResult } from './event/parse-event.js';
export type { GenerationEvent, GenerationEventInput } from './event/generation-event-schema.js';
export type { EventError } from './event/event-error.js';
export { excerptOf } from './event/excerpt.js';
export { createSampler, type Sampler } from './sampling/sampler.js';
export type { Config } from './config/config-schema.js';
export type { Classifier, ClassifierLabel, ClassifyResult } from './classifiers/classifier.js';
export type { CensusReport } from './report/census-report.js';
