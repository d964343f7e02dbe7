export type { ActionFixture, ConformanceOptions } from './conformance.ts';
export { testConnector } from './conformance.ts';
export type { FixtureReply, Harness, HarnessOptions, RecordedRequest } from './harness.ts';
export { createTestHarness } from './harness.ts';
