import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * The E.164 form (`+17654657031`) of a phone number written in any common way, or undefined when it is empty
 * or not a valid number. Numbers without a +country prefix are read as numbers of `defaultCountry`, a
 * two-letter code in any case; without a known country they are not valid.
 */
export function toE164(raw: string, defaultCountry?: string): string | undefined {
	const text = raw.trim();
	if (text === '') return undefined;
	const country = defaultCountry?.trim().toUpperCase();
	const parsed = parsePhoneNumberFromString(text, country && isSupportedCountry(country) ? country : undefined);
	return parsed?.isValid() ? parsed.number : undefined;
}
