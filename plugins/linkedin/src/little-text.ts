/**
 * LinkedIn's "little text format" for `commentary` and comment text
 * (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/little-text-format):
 * these characters are markup (mentions, hashtags, templates) and must be backslash-escaped to show
 * as typed; an unescaped one can cut the post short or render wrongly.
 */
const RESERVED = /[\\|{}@[\]()<>#*_~]/g;

export function escapeLittleText(text: string): string {
  return text.replace(RESERVED, (c) => `\\${c}`);
}
