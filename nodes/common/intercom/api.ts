/**
 * Where Intercom's REST API lives and which version we speak, for the credential (its choices, the headers
 * and the credential test) and the transport alike. No imports: the credential file loads this module too.
 */

/** The version `intercom-client` 7.x is generated from, and the one our requests are checked against. */
export const INTERCOM_API_VERSION = '2.14';

/** The regions an Intercom workspace can be hosted in, by the value the credential stores. */
export const INTERCOM_REGIONS: Record<string, { name: string; baseUrl: string }> = {
	us: { name: 'United States', baseUrl: 'https://api.intercom.io' },
	eu: { name: 'Europe', baseUrl: 'https://api.eu.intercom.io' },
	au: { name: 'Australia', baseUrl: 'https://api.au.intercom.io' },
};
