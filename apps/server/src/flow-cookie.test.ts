import { describe, expect, it } from 'vitest';
import { clearFlowCookie, readFlowCookie, setFlowCookie } from './flow-cookie.ts';

describe('the OAuth flow cookie', () => {
  it('is __Host- prefixed and Secure over https, plain on http', () => {
    expect(setFlowCookie(true, 'b1nd')).toBe('__Host-patchbay_oauth=b1nd; Path=/; HttpOnly; SameSite=Lax; Max-Age=600; Secure');
    expect(setFlowCookie(false, 'b1nd')).toBe('patchbay_oauth=b1nd; Path=/; HttpOnly; SameSite=Lax; Max-Age=600');
    expect(clearFlowCookie(true)).toContain('__Host-patchbay_oauth=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
  });

  it('is read only under the name of the deployment’s scheme, so an http-set cookie cannot stand in over https', () => {
    const header = 'patchbay_session=s; patchbay_oauth=plain; __Host-patchbay_oauth=hosted';
    expect(readFlowCookie(header, true)).toBe('hosted');
    expect(readFlowCookie(header, false)).toBe('plain');
    expect(readFlowCookie('patchbay_oauth=plain', true)).toBeUndefined();
    expect(readFlowCookie(undefined, false)).toBeUndefined();
  });
});
