import { defineActionFor } from '@patchbay/sdk';
import { instagramAuth } from '../auth.ts';

export const defineInstagramAction = defineActionFor(instagramAuth);
