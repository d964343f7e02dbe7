import { defineActionFor } from '@patchbay/sdk';
import { facebookAuth } from '../auth.ts';

/** Actions typed by the Facebook descriptor: requests carry the chosen Page's token. */
export const definePagesAction = defineActionFor(facebookAuth);
