import { describe, expect, it } from 'vitest';
import { nextPageOf, parseLinkHeader } from './link-header.ts';

describe('GitHub Link header', () => {
  it('reads every relation', () => {
    expect(
      parseLinkHeader(
        '<https://api.github.com/repositories/1300192/issues?page=2>; rel="prev", <https://api.github.com/repositories/1300192/issues?page=4>; rel="next", <https://api.github.com/repositories/1300192/issues?page=515>; rel="last", <https://api.github.com/repositories/1300192/issues?page=1>; rel="first"',
      ),
    ).toEqual({
      prev: 'https://api.github.com/repositories/1300192/issues?page=2',
      next: 'https://api.github.com/repositories/1300192/issues?page=4',
      last: 'https://api.github.com/repositories/1300192/issues?page=515',
      first: 'https://api.github.com/repositories/1300192/issues?page=1',
    });
  });

  it('copes with commas inside a URL and several relations in one rel', () => {
    expect(parseLinkHeader('<https://api.github.com/x?labels=a,b&page=2>; rel="next last"')).toEqual({
      next: 'https://api.github.com/x?labels=a,b&page=2',
      last: 'https://api.github.com/x?labels=a,b&page=2',
    });
  });

  it('gives the next page number, or null without a next link', () => {
    expect(nextPageOf({ link: '<https://api.github.com/user/repos?per_page=50&page=3>; rel="next"' })).toBe(3);
    expect(nextPageOf({ link: '<https://api.github.com/user/repos?page=1>; rel="first"' })).toBeNull();
    expect(nextPageOf({})).toBeNull();
    expect(nextPageOf({ link: '<not a url>; rel="next"' })).toBeNull();
  });
});
