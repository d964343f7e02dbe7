export type { ActionFixture, ConformanceOptions } from './conformance.ts';
export { testConnector } from './conformance.ts';
export { connectorFailure } from './expect-error.ts';
export type {
  FakeUpload,
  FakeUploadServer,
  FakeUploadServerOptions,
  ReceivedPart,
  UploadFault,
} from './fake-upload-server.ts';
export { startFakeUploadServer } from './fake-upload-server.ts';
export type { FixtureReply, Harness, HarnessOptions, RecordedRequest } from './harness.ts';
export { createTestHarness } from './harness.ts';
export type { FeedOptions, WebhookConformance, WebhookSigner } from './triggers.ts';
export { FEED_URL, feedWebhook, flipOneByte, testWebhookTrigger } from './triggers.ts';
