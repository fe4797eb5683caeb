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

/**
 * Whether two phone numbers are the same number in any notation: "(765) 465-7031" stored in Intercom equals the
 * "+17654657031" we write. Both are read in the country of `reference` (a number with its +country prefix).
 */
export function samePhoneNumber(stored: string, reference: string): boolean {
	const country = parsePhoneNumberFromString(reference)?.country;
	const normal = (value: string) => toE164(value, country) ?? value.trim();
	return normal(stored) === normal(reference);
}
