/**
 * @module The Graph API version this connector speaks, in the path of every request
 * (https://developers.facebook.com/docs/graph-api/guides/versioning). Each version lives about two
 * years; moving on is a change here and in the fixtures, nowhere else.
 */
export const GRAPH_VERSION = 'v25.0';

/** `/v25.0/106540352242922/messages` from `106540352242922/messages`. */
export const graphPath = (rest: string): string => `/${GRAPH_VERSION}/${rest}`;
