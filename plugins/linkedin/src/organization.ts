/**
 * @module The organization a connection acts for, and URN helpers. The organization is the account
 * chosen through `discover` (organizationAcls); its id is the numeric part of `urn:li:organization:{id}`.
 */
import { ConnectorError, defineActionFor } from '@patchbay/sdk';
import { z } from 'zod';
import { linkedinAuth } from './linkedin-auth.ts';

export const defineLinkedInAction = defineActionFor(linkedinAuth);

export const ORGANIZATION_URN = /^urn:li:organization:(\d+)$/;

/** A post URN as the posts API names them: a share or a ugcPost. */
export const postUrn = z
  .string()
  .regex(/^urn:li:(share|ugcPost):\d+$/, 'a post URN: urn:li:share:{id} or urn:li:ugcPost:{id}')
  .describe('Post URN, as createOrgPost or listOrgPosts returns it');

export const organizationUrnOf = (id: string) => `urn:li:organization:${id}`;

/** The chosen organization's URN; the engine refuses actions before one is chosen. */
export function chosenOrganization(ctx: { connection: { account?: { id: string } | null } }): string {
  const id = ctx.connection.account?.id;
  if (!id || !/^\d+$/.test(id)) {
    throw new ConnectorError('INVALID_INPUT', 'Choose the LinkedIn organization for this connection first (connections.setAccount)');
  }
  return organizationUrnOf(id);
}

/** Rest.li 2.0 wants URNs percent-encoded wherever they sit in a path (`:` included). */
export const encodeUrn = (urn: string) => encodeURIComponent(urn);

/** The headers a Rest.li finder (`q=...`) call needs besides the version headers. */
export const FINDER = { 'x-restli-method': 'FINDER' } as const;
