/**
 * The Stripe API version every request is pinned to (https://docs.stripe.com/changelog, the
 * newest Dahlia release when this was written). Moving it is a connector release of its own:
 * read the changelog's breaking changes against the schemas in src/ first.
 */
export const STRIPE_API_VERSION = '2026-08-26.dahlia';
