/** The SDK's version; its major is the compatibility contract between connectors and engines. */
export const SDK_VERSION = '0.1.0';
export const SDK_MAJOR = 0;
